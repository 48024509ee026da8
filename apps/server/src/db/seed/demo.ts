import { createDemoTeam, DEMO_PASSWORD, DEMO_USERS } from '../../modules/identity/index.ts';
import { MODULES } from '../../modules/index.ts';
import { createDemoOrganisation, DEMO_ORGANISATION, isDemoWanted } from '../../modules/organisations/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { createDemoRandom } from '../../platform/demo-random.ts';
import type { TDemoBase } from '../../platform/modules.ts';
import { seedDemoActivity } from './demo-activity.ts';
import { demoTimer, type TDemoTimingOptions } from './demo-timing.ts';

export { DEMO_PASSWORD, DEMO_USERS };
export const DEMO_SLUG = DEMO_ORGANISATION.slug;

/** Load the demo organisation when the database has no organisation yet. Returns what to print, or null. */
export async function seedDemoIfEmpty(database: Database, clock: Clock, publicUrl: string) {
  return (await isDemoWanted(database.db)) ? seedDemo(database, clock, publicUrl) : null;
}

/**
 * The demo organisation, made by the modules (their definitions' `demo`, platform/modules.ts): the organisation
 * and its team first, then each module's records as they stood before the demo's month, then the month
 * (demo-activity.ts).
 */
export async function seedDemo(database: Database, clock: Clock, publicUrl: string, options: TDemoTimingOptions = {}) {
  const now = clock.now();
  const time = demoTimer(options.onTiming);
  const { orgId, people } = await database.db.transaction(async (tx) => {
    const orgId = await createDemoOrganisation(tx, now);
    const people = await createDemoTeam(tx, orgId, now);
    // One seeded sequence for every draw, so the demo is the same on every machine.
    const base: TDemoBase = { orgId, db: tx, now, random: createDemoRandom(365), people };
    for (const m of MODULES) if (m.demo?.base) await time(`base:${m.name}`, () => m.demo?.base?.(base));
    // Each customer as it is made gets every module's part at once: the draws stay in the order they always had.
    for (const m of MODULES) {
      if (!m.demo?.customers) continue;
      for await (const customer of m.demo.customers(base))
        for (const n of MODULES) if (n.demo?.customer) await time(`customer:${n.name}`, () => n.demo?.customer?.(base, customer));
    }
    return { orgId, people };
  });
  await seedDemoActivity(database, { orgId, people, now, publicUrl, onTiming: options.onTiming });
  return {
    orgId,
    organisation: DEMO_ORGANISATION.name,
    password: DEMO_PASSWORD,
    users: DEMO_USERS.map((u) => ({ role: u.role, email: u.email })),
  };
}
