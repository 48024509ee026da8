import fs from 'node:fs';
import { and, count, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accounts } from '../src/modules/accounts/index.ts';
import { createFixedClock } from '../src/platform/clock.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { acrossOrganisations } from '../src/platform/db/tenancy.ts';
import { createWorker, defineJob, enqueueJob } from '../src/platform/jobs/queue.ts';
import { TEMPLATE_PATH } from './global-setup.ts';
import { createTenancyChecker, tenancyProblems, tenantTables } from './tenancy-check.ts';

const tables = tenantTables();

describe('the tenancy check of a statement', () => {
  const ok = (q: string) => expect(tenancyProblems(q, tables), q).toEqual([]);
  const flagged = (q: string, table: string) => expect(tenancyProblems(q, tables).join(), q).toContain(table);

  it('passes a statement whose tenant tables are each pinned to one organisation', () => {
    ok('select * from accounts where org_id = $1 and id = $2');
    ok('select a.id from accounts a join markets m on m.org_id = a.org_id and m.id = a.market_id where a.org_id = $1');
    ok('select * from accounts a where a.org_id = $1 and exists (select 1 from contacts c where c.org_id = a.org_id)');
    ok('update accounts set name = $1 where org_id = $2 and id = $3');
    ok('select * from accounts where org_id = any($1::uuid[])');
    ok('insert into accounts (org_id, id, name) values ($1, $2, $3)');
    ok('select * from organisations where id = $1');
    ok("select * from jobs where status = 'queued'"); // a platform table, not a tenant's
  });

  it('flags a lookup, an update, an aggregate and a join that forget the organisation', () => {
    flagged('select * from accounts where id = $1', 'accounts');
    flagged('update contacts set first_name = $1 where id = $2', 'contacts');
    flagged('select segment, count(*) from accounts group by segment', 'accounts');
    flagged('select a.id from accounts a join markets m on m.id = a.market_id where a.org_id = $1', 'markets');
    flagged('select * from accounts where org_id = $1 or id = $2', 'accounts');
    flagged('select * from accounts a where a.org_id = $1 and a.id in (select account_id from contacts)', 'contacts');
  });
});

describe('the tenancy check on a running database', () => {
  let database: Database;
  const checker = createTenancyChecker();
  const orgId = '00000000-0000-7000-8000-000000000001';

  beforeAll(async () => {
    const onQuery = checker.onQuery;
    database = process.env.TEST_DATABASE_URL
      ? await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: '', poolMax: 2, onQuery })
      : await openDatabase({ dataDir: 'memory://tenancy', loadDataDir: new Blob([fs.readFileSync(TEMPLATE_PATH)]), onQuery });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('refuses a repository query that forgets the organisation, and passes the same query with it', async () => {
    const forgetful = (id: string) => database.db.select().from(accounts).where(eq(accounts.id, id));
    const careful = (id: string) =>
      database.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.orgId, orgId), eq(accounts.id, id)));
    await expect(forgetful(orgId)).rejects.toThrow(/accounts is used without pinning its org_id/);
    await expect(careful(orgId)).resolves.toEqual([]);
  });

  it('refuses an aggregate over every organisation, unless it says why it may', async () => {
    const perSegment = () => database.db.select({ segment: accounts.segment, n: count() }).from(accounts).groupBy(accounts.segment);
    await expect(perSegment()).rejects.toThrow(/accounts/);
    await expect(acrossOrganisations('a test of the exception', async () => await perSegment())).resolves.toBeInstanceOf(Array);
  });

  it('catches a job whose handler forgets the organisation', async () => {
    const before = checker.violations.length;
    const clock = createFixedClock('2026-11-21T09:00:00Z');
    const name = `tenancy-job-${Date.now()}`;
    const job = defineJob({
      name,
      payload: z.object({ accountId: z.string() }),
      handler: async (p) => database.db.execute(sql`update accounts set notes = 'touched' where id = ${p.accountId}`),
    });
    const worker = createWorker({ db: database.db, clock, logger: pino({ level: 'silent' }), definitions: [job], pollMs: 10 });
    await enqueueJob(database.db, clock, name, { accountId: orgId }, { maxAttempts: 1 });
    await worker.runOnce();
    expect(checker.violations.slice(before).join()).toMatch(/accounts is used without pinning its org_id/);
    checker.violations.length = before; // this test's violation was the point
  });
});
