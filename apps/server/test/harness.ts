import fs from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { createOrganisationWithAdmin } from '../src/modules/organisations/index.ts';
import type { TRole } from '../src/platform/access/permissions.ts';
import { createFixedClock } from '../src/platform/clock.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { createSmtpMailer, type Mailer } from '../src/platform/mail/outbox.ts';
import { TEMPLATE_PATH } from './global-setup.ts';
import { createTenancyChecker } from './tenancy-check.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A migrated database: PGlite cloned from the template, or the shared PostgreSQL test database. */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const onQuery = tenancy.onQuery;
  if (url) return openDatabase({ databaseUrl: url, dataDir: '', poolMax: 5, onQuery });
  const blob = new Blob([fs.readFileSync(TEMPLATE_PATH)]);
  return openDatabase({ dataDir: 'memory://test', loadDataDir: blob, onQuery });
}

/**
 * Every statement the test databases run is checked for its organisation (test/tenancy-check.ts): one that
 * forgets it is refused, and the app's close() fails its test file naming the statement.
 */
const tenancy = createTenancyChecker();

/**
 * The database of the apps `buildTestApp` makes: one per test worker, opened by its first file. The test files
 * of a worker share their module cache (vitest.config.ts: isolate false), so this lives as long as the worker
 * and the files after the first skip the clone (PGlite) or the new pool (PostgreSQL). Files share it as they
 * share the PostgreSQL test database: each test makes its own organisation. Tests that need a database of
 * their own (workers, far clock moves, cut connections) pass one from createScratchDatabase.
 */
let workerDatabase: Promise<Database> | null = null;
function sharedTestDatabase(): Promise<Database> {
  workerDatabase ??= createTestDatabase();
  return workerDatabase;
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/** The real app on a test database, with a controllable clock and (optionally) a real SMTP mailer. */
export async function buildTestApp(
  opts: { now?: string; smtpUrl?: string; mailer?: Mailer; database?: Database; env?: Record<string, string> } = {},
) {
  const database = opts.database ?? (await sharedTestDatabase());
  const clock = createFixedClock(opts.now ?? '2026-11-21T09:00:00Z');
  const config = loadConfig({
    DATA_DIR: '/nonexistent',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost:3650',
    SEED_DEMO: 'false',
    ...(opts.smtpUrl ? { SMTP_URL: opts.smtpUrl } : {}),
    ...opts.env,
  });
  const mailer = opts.mailer ?? createSmtpMailer(config.smtpUrl);
  const logger = pino({ level: 'silent' });
  // The shared test database (one per test worker on PGlite, one for every test process on PostgreSQL) holds the
  // jobs of every file that used it: its undelivered events, an import a test holds back. A worker claims the
  // oldest due jobs first, so each app runs only its own organisations' jobs (those createTestOrg made with it).
  const orgIds = new Set<string>();
  const jobOrgScope = opts.database ? undefined : () => [...orgIds];
  const built = await buildApp({ config, database, clock, logger, mailer, jobOrgScope });
  await built.app.ready();
  const violationsBefore = tenancy.violations.length;
  return {
    ...built,
    database,
    db: database.db,
    clock,
    /** The organisations createTestOrg made with this app. */
    orgIds,
    async close() {
      await built.app.close();
      await built.worker.stop();
      mailer.close();
      const found = tenancy.violations.slice(violationsBefore);
      if (found.length) throw new Error(`Statements without their organisation:\n${[...new Set(found)].join('\n')}`);
    },
  };
}

export interface Session {
  orgId: string;
  userId: string;
  email: string;
  headers: Record<string, string>;
}

/** Run queued jobs (event deliveries, imports …) until none is left (the worker is not started in tests). */
export async function runJobs(t: TestApp) {
  for (let i = 0; i < 500 && (await t.worker.runOnce()) > 0; i++) {}
}

/** A fresh organisation with an admin; `as(role)` adds users of other roles. Tests never share an organisation. */

export async function createTestOrg(t: TestApp, name = 'Test Org', opts: { defaultLanguage?: 'en' | 'nl' | 'da' } = {}) {
  const suffix = newId().slice(-12);
  const adminEmail = `admin-${suffix}@test.example`;
  const { orgId, userId } = await createOrganisationWithAdmin(t.db, t.clock, {
    name: `${name} ${suffix}`,
    slug: `org-${suffix}`,
    defaultLanguage: opts.defaultLanguage,
    admin: { email: adminEmail, name: 'Test Admin', password: TEST_PASSWORD },
  });
  t.orgIds.add(orgId);
  const admin = await signIn(t, adminEmail);
  return {
    orgId,
    admin: { ...admin, orgId, userId },
    async as(role: TRole, extra: { ownAccountsOnly?: boolean; name?: string } = {}): Promise<Session> {
      const email = `${role}-${newId().slice(-12)}@test.example`;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: {
          email,
          name: extra.name ?? `Test ${role}`,
          role,
          password: TEST_PASSWORD,
          ownAccountsOnly: extra.ownAccountsOnly ?? false,
        },
      });
      if (res.statusCode !== 201) throw new Error(`creating ${role} failed: ${res.body}`);
      const s = await signIn(t, email);
      return { ...s, orgId, userId: res.json().id };
    },
  };
}

export async function signIn(t: TestApp, email: string, password = TEST_PASSWORD) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  return { email, headers: sessionHeaders(res) };
}

export function sessionHeaders(res: LightMyRequestResponse): Record<string, string> {
  const cookies = res.cookies as { name: string; value: string }[];
  const session = cookies.find((c) => c.name === 'c365_session')?.value;
  const csrf = cookies.find((c) => c.name === 'c365_csrf')?.value;
  if (!session || !csrf) throw new Error('no session cookies in response');
  return { cookie: `c365_session=${session}`, 'x-csrf-token': csrf };
}

/** A CSV export's body as rows of cells, without the BOM (for exports whose cells the test knows are unquoted). */
export const csvRows = (body: string) =>
  body
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));
