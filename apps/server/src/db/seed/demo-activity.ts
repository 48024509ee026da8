/**
 * A month of work in the demo organisation, done through the services as the demo users would do it, on a
 * clock that starts five weeks back: the audit log, the account history, the import history (with a
 * result and its errors), the jobs list, the outbox and the API tokens all show something on first start.
 */
import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../../config/config.ts';
import { accounts } from '../../modules/accounts/index.ts';
import { users } from '../../modules/identity/index.ts';
import { assembleModules, MODULES } from '../../modules/index.ts';
import { markets } from '../../modules/organisations/index.ts';
import type { Actor } from '../../platform/access/access.ts';
import type { TRole } from '../../platform/access/permissions.ts';
import { createFixedClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { csvLine } from '../../platform/http/csv.ts';
import { createWorker } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../../platform/mail/outbox.ts';

const DAY = 24 * 3600_000;
export const DEMO_IMPORT_FILE = 'hubspot-companies-export.csv';
export const DEMO_INVITEE = { email: 'femke.devries@demo.customer365.test', name: 'Femke de Vries' } as const;

export async function seedDemoActivity(database: Database, orgId: string, opts: { now: Date; publicUrl: string }) {
  const { db } = database;
  const clock = createFixedClock(new Date(opts.now.getTime() - 35 * DAY));
  /** Move the clock to `days` before now, at a working hour. */
  const at = (days: number, hour: number) => {
    const d = new Date(opts.now.getTime() - days * DAY);
    d.setUTCHours(hour, (days * 7) % 60, 0, 0);
    clock.set(d);
  };
  // The product's own modules, assembled as app.ts does, on the demo's clock; mail stays in the outbox.
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PUBLIC_URL: opts.publicUrl });
  const mailer: Mailer = { configured: false, send: async () => {}, close: () => {} };
  const { ctx, services, jobs } = assembleModules({ config, database, db, clock, logger, mailer });
  const { identity, accounts: accountSvc, contacts: contactSvc, imports: importSvc } = services;
  // Only the imports' jobs run here: the invitation e-mail waits in the outbox for the real worker.
  const worker = createWorker({ db, clock, logger, definitions: jobs.filter((j) => j.name.startsWith('imports.')), pollMs: 1000 });

  const people = await db.select().from(users).where(eq(users.orgId, orgId));
  const actor = (email: string): Actor => {
    const u = people.find((p) => p.email === email);
    if (!u) throw new Error(`demo user ${email} is missing`);
    return { orgId, userId: u.id, name: u.name, role: u.role as TRole, ownAccountsOnly: u.ownAccountsOnly };
  };
  const admin = actor('admin@demo.customer365.test');
  const vp = actor('vp@demo.customer365.test');
  const csm = actor('csm@demo.customer365.test');
  const cse = actor('cse@demo.customer365.test');

  const all = await db
    .select({ a: accounts, marketCode: markets.code })
    .from(accounts)
    .leftJoin(markets, and(eq(markets.orgId, accounts.orgId), eq(markets.id, accounts.marketId)))
    .where(eq(accounts.orgId, orgId))
    .orderBy(asc(accounts.name));
  const ownedBy = (who: Actor, stage?: string) =>
    all.filter(({ a }) => a.ownerUserId === who.userId && !a.archivedAt && (!stage || a.lifecycleStage === stage)).map(({ a }) => a);
  const pick = <T>(xs: T[], i: number): T | undefined => xs[i % Math.max(xs.length, 1)];

  // Week 1: an API token for the CRM sync; a handover from the customer success engineer to the CSM.
  at(34, 9);
  await identity.createApiToken(admin, { name: 'HubSpot sync', scopes: ['account:read', 'contact:read', 'import:run'] });
  const handover = pick(ownedBy(cse), 0);
  if (handover) {
    at(31, 14);
    await accountSvc.update(vp, handover.id, {
      ownerUserId: csm.userId,
      notes: 'Handed over to the CSM after go-live; the CSE stays involved for the API integration.',
    });
  }

  // Week 2: onboarding done for one account, a new champion at another.
  const onboarded = pick(ownedBy(csm, 'onboarding'), 0);
  if (onboarded) {
    at(26, 10);
    await accountSvc.update(csm, onboarded.id, { lifecycleStage: 'adoption', tags: [...new Set([...onboarded.tags, 'early-adopter'])] });
  }
  const championAt = pick(ownedBy(csm, 'adoption'), 1);
  if (championAt) {
    at(24, 11);
    await contactSvc.create(csm, championAt.id, {
      firstName: 'Sanne',
      lastName: 'Visser',
      email: `sanne.visser@${championAt.domain ?? 'example.nl'}`,
      jobTitle: 'Head of Operations',
      roles: ['champion'],
      language: 'nl',
    });
  }

  // Week 3: the monthly CRM export, imported skipping the two rows the CRM got wrong.
  at(12, 8);
  const header = ['Name', 'Domain', 'External id', 'Market', 'Segment', 'Edition', 'Owner', 'Employees'];
  const rows: (string | number | null | undefined)[][] = [];
  const owners = new Map(people.map((p) => [p.id, p.email]));
  for (const { a, marketCode } of all.filter(({ a }) => !a.archivedAt).slice(0, 8)) {
    const grown = Math.round((a.employees ?? 10) * 1.08);
    const edition = a.edition === 'professional' && a.segment === 'mid_market' ? 'enterprise' : a.edition;
    rows.push([a.name, a.domain, a.externalId, marketCode, a.segment, edition, a.ownerUserId ? owners.get(a.ownerUserId) : '', grown]);
  }
  rows.push(
    [
      'Waddenzee Veerdiensten',
      'waddenzee-veerdiensten.nl',
      'HS-104211',
      'NL',
      'mid_market',
      'professional',
      'csm@demo.customer365.test',
      180,
    ],
    ['Ribe Keramik', 'ribe-keramik.dk', 'HS-104215', 'DK', 'smb', 'self_service', 'csm.dk@demo.customer365.test', 24],
    ['Utrecht Fietsfabriek', 'utrecht-fietsfabriek.nl', 'HS-104219', 'NL', 'smb', 'professional', 'csm@demo.customer365.test', 61],
    ['Texel Zeezout', 'n/a', 'HS-104223', 'NL', 'smb', 'self_service', '', 9],
    ['Skagen Fiskeeksport', 'skagen-fiskeeksport.dk', 'HS-104227', 'DK', 'key_account', 'enterprise', '', 740],
  );
  const csv = [header, ...rows].map(csvLine).join('');
  const uploaded = await importSvc.upload(admin, { entity: 'accounts', fileName: DEMO_IMPORT_FILE, bytes: Buffer.from(csv) });
  clock.advance(40_000);
  await importSvc.setMapping(admin, uploaded.id, uploaded.suggestedMapping);
  await runJobs(worker, clock);
  clock.advance(60_000);
  await importSvc.start(admin, uploaded.id, 'skip_invalid');
  await runJobs(worker, clock);

  // Week 4: one account at risk, one lost; a new colleague invited (the invitation waits in the outbox).
  const atRisk = pick(ownedBy(csm, 'adoption'), 3);
  if (atRisk) {
    at(6, 15);
    await accountSvc.update(csm, atRisk.id, {
      lifecycleStage: 'at_risk',
      notes: 'Champion left in October; usage down by half since. Executive sponsor meeting planned.',
    });
  }
  const lost = pick(ownedBy(vp, 'renewal'), 0) ?? pick(ownedBy(vp), 2);
  if (lost) {
    at(4, 16);
    await accountSvc.update(vp, lost.id, { lifecycleStage: 'churned', notes: 'Did not renew: moved to an in-house system.' });
    await accountSvc.setArchived(vp, lost.id, true);
  }
  at(3, 9);
  await identity.createUser(admin, { ...DEMO_INVITEE, role: 'csm', ownAccountsOnly: true, language: 'nl' });
  // What each module adds to the month (its definition's `demo`), in list order.
  // `all` was read before the month began: the account lost this month is archived by now as well.
  const accountIds = all.filter(({ a }) => !a.archivedAt && a.id !== lost?.id).map(({ a }) => a.id);
  for (const m of MODULES) await m.demo?.activity({ ...ctx, orgId, actors: { admin, vp, csm, cse }, accountIds, at });
  await database.flusher?.flush();
}

/** Run the queued jobs (validation, import) on the demo clock until none is left. */
async function runJobs(worker: ReturnType<typeof createWorker>, clock: ReturnType<typeof createFixedClock>) {
  for (let i = 0; i < 20; i++) {
    clock.advance(2_000);
    if ((await worker.runOnce()) === 0) return;
  }
}
