/**
 * A month of work in the demo organisation, done through the services as the demo users would do it, on a
 * clock that starts five weeks back: the audit log, the account history, the import history (with a
 * result and its errors), the jobs list, the outbox and the API tokens all show something on first start.
 * Each module says what it does in the month (its definition's `demo.month` and `demo.activity`).
 */
import pino from 'pino';
import { loadConfig } from '../../config/config.ts';
import { assembleModules, MODULES } from '../../modules/index.ts';
import type { Actor } from '../../platform/access/access.ts';
import { createFixedClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail/outbox.ts';
import type { TDemoContext, TDemoStep } from '../../platform/modules.ts';
import { demoTimer, type TDemoTimingOptions } from './demo-timing.ts';

export { DEMO_INVITEE } from '../../modules/identity/index.ts';
export { DEMO_IMPORT_FILE } from '../../modules/imports/index.ts';

const DAY = 24 * 3600_000;

export async function seedDemoActivity(
  database: Database,
  opts: { orgId: string; people: ReadonlyMap<string, Actor>; now: Date; publicUrl: string } & TDemoTimingOptions,
) {
  const { db } = database;
  const { orgId, people } = opts;
  const time = demoTimer(opts.onTiming);
  const clock = createFixedClock(new Date(opts.now.getTime() - 35 * DAY));
  /**
   * Move the clock to `days` before now, at a working hour. Never past now: a demo seeded before that hour today is
   * stamped minutes ago instead (in the same order), so nothing in the audit log or the job list lies in the future.
   */
  const at = (days: number, hour: number) => {
    const d = new Date(opts.now.getTime() - days * DAY);
    d.setUTCHours(hour, (days * 7) % 60, 0, 0);
    clock.set(new Date(Math.min(d.getTime(), opts.now.getTime() - (24 - hour) * 60_000)));
  };
  // The product's own modules, assembled as app.ts does, on the demo's clock; mail stays in the outbox.
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PUBLIC_URL: opts.publicUrl });
  const mailer: Mailer = { configured: false, send: async () => {}, close: () => {} };
  const { ctx, services } = assembleModules({ config, database, db, clock, logger, mailer });

  const actor = (email: string): Actor => {
    const found = people.get(email);
    if (!found) throw new Error(`demo user ${email} is missing`);
    return found;
  };
  const actors = {
    admin: actor('admin@demo.customer365.test'),
    vp: actor('vp@demo.customer365.test'),
    csm: actor('csm@demo.customer365.test'),
    cse: actor('cse@demo.customer365.test'),
  };
  /** The active accounts' ids, by name. */
  const activeAccountIds = async () => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const got = await services.accounts.list(actors.admin, { page, pageSize: 200, order: 'asc', status: 'active', sort: 'name' });
      ids.push(...got.items.map((a) => a.id));
      if (ids.length >= got.total || !got.items.length) return ids;
    }
  };
  const before = await activeAccountIds();
  const demo: TDemoContext = { ...ctx, orgId, actors, people, accountIds: before, at, advance: (ms) => clock.advance(ms) };

  // The month: every module plans its steps on the organisation as it stood before it, then they run in date order.
  const steps: (TDemoStep & { module: string })[] = [];
  for (const m of MODULES) steps.push(...((await m.demo?.month?.(demo)) ?? []).map((s) => ({ ...s, module: m.name })));
  steps.sort((a, b) => b.days - a.days || a.hour - b.hour);
  for (const step of steps) {
    at(step.days, step.hour);
    await time(`month:${step.module}`, () => step.run());
  }

  // After the month, in list order: the accounts that were active before it and still are (not those the
  // month's import added, nor the one lost).
  const still = new Set(await activeAccountIds());
  const accountIds = before.filter((id) => still.has(id));
  for (const m of MODULES) if (m.demo?.activity) await time(`activity:${m.name}`, () => m.demo?.activity?.({ ...demo, accountIds }));
  await database.flusher?.flush();
}
