import { count, eq } from 'drizzle-orm';
import { accounts } from '../../modules/accounts/index.ts';
import { contacts } from '../../modules/contacts/index.ts';
import { customFields } from '../../modules/custom-fields/index.ts';
import { hashPassword, users } from '../../modules/identity/index.ts';
import { markets, organisations } from '../../modules/organisations/index.ts';
import { interactions } from '../../modules/timeline/index.ts';
import type { TRole } from '../../platform/access/permissions.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { seedDemoActivity } from './demo-activity.ts';
import * as data from './demo-data.ts';

export const DEMO_PASSWORD = 'customer365-demo';
export const DEMO_SLUG = 'demo';

export const DEMO_USERS: { role: TRole; name: string; email: string; ownAccountsOnly?: boolean; language?: string }[] = [
  { role: 'admin', name: 'Alex Admin', email: 'admin@demo.customer365.test' },
  { role: 'vp_cs', name: 'Victoria Peters', email: 'vp@demo.customer365.test' },
  { role: 'csm', name: 'Casey de Wit', email: 'csm@demo.customer365.test' },
  { role: 'csm', name: 'Mikkel Holm', email: 'csm.dk@demo.customer365.test', ownAccountsOnly: true, language: 'da' },
  { role: 'cse', name: 'Sam Engineer', email: 'cse@demo.customer365.test' },
  { role: 'support_manager', name: 'Sofie Support', email: 'support@demo.customer365.test' },
  { role: 'customer_advocate', name: 'Ava Advocate', email: 'advocate@demo.customer365.test' },
  { role: 'country_manager', name: 'Niels van Dijk', email: 'cm.nl@demo.customer365.test', language: 'nl' },
  { role: 'country_manager', name: 'Dorthe Lund', email: 'cm.dk@demo.customer365.test', language: 'da' },
  { role: 'product', name: 'Priya Product', email: 'product@demo.customer365.test' },
  { role: 'marketing', name: 'Mark Marketing', email: 'marketing@demo.customer365.test' },
  { role: 'read_only', name: 'Rita Reader', email: 'readonly@demo.customer365.test' },
];

/** A small deterministic PRNG, so the demo looks the same on every machine. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    next,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/å/g, 'a')
    .replace(/&/g, 'en')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Load the demo organisation when the database has no organisation yet. Returns what to print, or null. */
export async function seedDemoIfEmpty(database: Database, clock: Clock, publicUrl: string) {
  const [existing] = await database.db.select({ n: count() }).from(organisations);
  if ((existing?.n ?? 0) > 0) return null;
  return seedDemo(database, clock, publicUrl);
}

/** The demo organisation: its people, markets and customers, then a month of their work (demo-activity.ts). */
export async function seedDemo(database: Database, clock: Clock, publicUrl: string) {
  const demo = await seedDemoCustomers(database.db, clock);
  await seedDemoActivity(database, demo.orgId, { now: clock.now(), publicUrl });
  return demo;
}

async function seedDemoCustomers(db: Db, clock: Clock) {
  const r = rng(365);
  const now = clock.now();
  const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgId = newId();

  await db.transaction(async (tx) => {
    await tx
      .insert(organisations)
      .values({ id: orgId, name: 'Customer365 Demo', slug: DEMO_SLUG, reportingCurrency: 'EUR', createdAt: daysAgo(400) });
    const userIds = new Map<string, string>();
    await tx.insert(users).values(
      DEMO_USERS.map((u) => {
        const id = newId();
        userIds.set(u.email, id);
        return {
          orgId,
          id,
          email: u.email,
          name: u.name,
          role: u.role,
          ownAccountsOnly: u.ownAccountsOnly ?? false,
          language: u.language ?? 'en',
          passwordHash,
          createdAt: daysAgo(400),
        };
      }),
    );
    const uid = (email: string) => userIds.get(email) as string;
    const nl = newId();
    const dk = newId();
    await tx.insert(markets).values([
      {
        orgId,
        id: nl,
        code: 'NL',
        name: 'Netherlands',
        language: 'nl',
        currency: 'EUR',
        countryManagerUserId: uid('cm.nl@demo.customer365.test'),
        createdAt: daysAgo(400),
      },
      {
        orgId,
        id: dk,
        code: 'DK',
        name: 'Denmark',
        language: 'da',
        currency: 'DKK',
        countryManagerUserId: uid('cm.dk@demo.customer365.test'),
        createdAt: daysAgo(400),
      },
    ]);
    await tx.insert(customFields).values([
      {
        orgId,
        id: newId(),
        entity: 'account',
        key: 'legacy_platform',
        label: 'Legacy platform (REP) customer',
        type: 'choice',
        options: ['Yes', 'No'],
        position: 1,
        createdAt: now,
      },
      {
        orgId,
        id: newId(),
        entity: 'account',
        key: 'upgrade_track',
        label: 'Upgrade track',
        type: 'choice',
        options: ['Basic', 'Intermediate', 'Advanced', 'Without interference'],
        position: 2,
        createdAt: now,
      },
      { orgId, id: newId(), entity: 'account', key: 'contract_end', label: 'Contract end', type: 'date', position: 3, createdAt: now },
      { orgId, id: newId(), entity: 'account', key: 'last_nps', label: 'Last NPS score', type: 'number', position: 4, createdAt: now },
      {
        orgId,
        id: newId(),
        entity: 'contact',
        key: 'linkedin',
        label: 'LinkedIn profile',
        type: 'text',
        position: 1,
        showInList: false,
        createdAt: now,
      },
    ]);

    const owners = {
      NL: [uid('csm@demo.customer365.test'), uid('vp@demo.customer365.test'), uid('cse@demo.customer365.test')],
      DK: [uid('csm.dk@demo.customer365.test'), uid('csm@demo.customer365.test')],
    };
    const accountRows: (typeof accounts.$inferInsert)[] = [];
    const contactRows: (typeof contacts.$inferInsert)[] = [];
    const interactionRows: (typeof interactions.$inferInsert)[] = [];
    const all = [...data.NL_COMPANIES.map((n) => ['NL', n] as const), ...data.DK_COMPANIES.map((n) => ['DK', n] as const)];
    all.forEach(([country, name], i) => {
      const id = newId();
      const isNl = country === 'NL';
      const segment = r.pick(['enterprise', 'mid_market', 'mid_market', 'smb', 'smb', 'smb'] as const);
      const edition =
        segment === 'enterprise'
          ? 'enterprise'
          : segment === 'mid_market'
            ? r.pick(['professional', 'enterprise'] as const)
            : r.pick(['self_service', 'professional'] as const);
      const stage = r.pick(['onboarding', 'adoption', 'adoption', 'adoption', 'renewal', 'at_risk', 'trial'] as const);
      const domain = `${slugify(name)}.${isNl ? 'nl' : 'dk'}`;
      const created = daysAgo(r.int(30, 900));
      const contractEnd = new Date(now.getTime() + r.int(-20, 360) * 24 * 3600_000).toISOString().slice(0, 10);
      accountRows.push({
        orgId,
        id,
        name,
        domain,
        externalId: `HS-${String(100_000 + i * 37).padStart(6, '0')}`,
        marketId: isNl ? nl : dk,
        segment,
        edition,
        lifecycleStage: stage,
        ownerUserId: r.pick(isNl ? owners.NL : owners.DK),
        tags: [
          r.next() < 0.3 ? 'pilot-candidate' : null,
          r.next() < 0.2 ? 'high-nps' : null,
          r.next() < 0.15 ? 'early-adopter' : null,
        ].filter((t): t is string => !!t),
        employees: segment === 'enterprise' ? r.int(500, 5000) : segment === 'mid_market' ? r.int(100, 499) : r.int(5, 99),
        website: `https://www.${domain}`,
        custom: {
          legacy_platform: r.next() < 0.7 ? 'Yes' : 'No',
          upgrade_track: r.pick(['Basic', 'Intermediate', 'Advanced', 'Without interference']),
          contract_end: contractEnd,
          last_nps: r.int(0, 10),
        },
        createdAt: created,
        updatedAt: created,
      });
      const first = isNl ? data.FIRST_NAMES_NL : data.FIRST_NAMES_DK;
      const last = isNl ? data.LAST_NAMES_NL : data.LAST_NAMES_DK;
      const roleSets = [['champion'], ['decision_maker'], ['billing'], ['technical', 'user'], ['executive_sponsor', 'decision_maker']];
      const contactIds: string[] = [];
      for (let c = 0; c < r.int(2, 4); c++) {
        const fn = r.pick(first);
        const ln = r.pick(last);
        const cid = newId();
        contactIds.push(cid);
        contactRows.push({
          orgId,
          id: cid,
          accountId: id,
          firstName: fn,
          lastName: ln,
          email: `${slugify(fn)}.${slugify(ln)}${c}@${domain}`,
          phone: isNl
            ? `+31 6 ${r.int(1000, 9999)} ${r.int(1000, 9999)}`
            : `+45 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
          jobTitle: r.pick(data.JOB_TITLES),
          roles: roleSets[c] ?? ['user'],
          language: isNl ? 'nl' : 'da',
          createdAt: created,
          updatedAt: created,
        });
      }
      for (let k = 0; k < r.int(2, 7); k++) {
        const t = r.pick(data.INTERACTION_TEMPLATES);
        interactionRows.push({
          orgId,
          id: newId(),
          accountId: id,
          contactId: r.next() < 0.7 ? r.pick(contactIds) : null,
          kind: t.kind,
          direction: t.kind === 'note' ? null : r.next() < 0.6 ? 'outbound' : 'inbound',
          subject: t.subject,
          body: t.body,
          durationMinutes: t.kind === 'call' || t.kind === 'meeting' ? r.int(15, 60) : null,
          occurredAt: daysAgo(r.int(0, 120) + r.next()),
          authorUserId: r.pick([...owners.NL, ...owners.DK]),
          createdAt: now,
        });
      }
    });
    await tx.insert(accounts).values(accountRows);
    await tx.insert(contacts).values(contactRows);
    await tx.insert(interactions).values(interactionRows);
  });

  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  return {
    orgId,
    organisation: org?.name ?? 'Customer365 Demo',
    password: DEMO_PASSWORD,
    users: DEMO_USERS.map((u) => ({ role: u.role, email: u.email })),
  };
}
