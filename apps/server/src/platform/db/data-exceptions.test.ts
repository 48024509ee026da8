import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config/config.ts';
import { accounts } from '../../modules/accounts/index.ts';
import { createFixedClock } from '../clock.ts';
import { toAppError } from '../http/error-handler.ts';
import { newId } from '../ids.ts';
import { createSmtpMailer } from '../mail/outbox.ts';
import type { Database } from './database.ts';
import { acrossOrganisations } from './tenancy.ts';

/**
 * SQLSTATE class 22 (data exceptions): a 400 naming the field when PostgreSQL refused a value the caller
 * gave (bound to the statement); a 500 without SQL text when our own SQL raised it. On PGlite and PostgreSQL.
 */
let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>['app'];
const mailer = createSmtpMailer(undefined);
const orgId = newId();

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const built = await buildApp({
    config,
    database,
    clock: createFixedClock('2026-11-21T09:00:00Z'),
    logger: pino({ level: 'silent' }),
    mailer,
  });
  app = built.app;
  // Routes that stand for a handler passing a value straight through, and for a bug in our own SQL.
  const provoke = (q: Promise<unknown>) => acrossOrganisations('the test provokes database errors', async () => await q);
  app.get('/api/v1/test-data-exception/bound', { config: { public: true } }, async () =>
    provoke(database.db.update(accounts).set({ employees: 3_000_000_000 }).where(sql`false`)),
  );
  app.get('/api/v1/test-data-exception/own', { config: { public: true } }, async () =>
    provoke(database.db.execute(sql`select 1 / (count(*) - count(*)) as ratio from accounts`)),
  );
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  mailer.close();
  await database?.close();
});

async function mapped(p: Promise<unknown>) {
  try {
    // Statements made up to provoke database errors, deliberately without an organisation.
    await acrossOrganisations('the test provokes database errors', async () => await p);
  } catch (err) {
    return toAppError(err);
  }
  throw new Error('expected a failure');
}

const account = (values: Partial<typeof accounts.$inferInsert>) => ({
  orgId,
  id: newId(),
  name: 'Acme',
  createdAt: new Date(),
  updatedAt: new Date(),
  ...values,
});

describe('data exceptions (SQLSTATE class 22)', () => {
  it('name the field of a value the database refused', async () => {
    const nul = await mapped(database.db.insert(accounts).values(account({ name: 'Acme\u0000 B.V.' })));
    expect(nul).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [{ field: 'name', message: 'invalid value' }] });
    const range = await mapped(database.db.insert(accounts).values([account({}), account({ employees: 3_000_000_000 })]));
    expect(range).toMatchObject({ status: 400, details: [{ field: 'employees' }] });
    const uuid = await mapped(database.db.execute(sql`select * from accounts where id = ${'not-a-uuid'}`));
    expect(uuid).toMatchObject({ status: 400, details: [{ field: 'id' }] });
    // A bound value whose column the statement does not show: still the caller's, named generically.
    const cast = await mapped(database.db.execute(sql`select ${'{1,2'}::int[] as v`));
    expect(cast).toMatchObject({ status: 400, details: [{ field: 'body' }] });
  });

  it('are a 500 without SQL text when raised by our own SQL', async () => {
    const divide = await mapped(database.db.execute(sql`select 1 / (count(*) - count(*)) from accounts`));
    expect(divide).toMatchObject({ status: 500, code: 'INTERNAL', details: [] });
    const stored = await mapped(database.db.execute(sql`select 'not a number'::int`));
    expect(stored).toMatchObject({ status: 500, code: 'INTERNAL' });
    const regex = await mapped(database.db.execute(sql`select 'a' ~ ${'('} as m`));
    expect(regex).toMatchObject({ status: 500, code: 'INTERNAL' });
    for (const e of [divide, stored, regex])
      expect(`${e.message} ${JSON.stringify(e.details)}`).not.toMatch(/division|select|integer|regular|2201|2201B/i);
  });

  it('reach the client the same way over HTTP', async () => {
    const bound = await app.inject({ method: 'GET', url: '/api/v1/test-data-exception/bound' });
    expect(bound.statusCode).toBe(400);
    expect(bound.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'employees' }] });
    expect(bound.body).not.toMatch(/3000000000|out of range|update/i);
    const own = await app.inject({ method: 'GET', url: '/api/v1/test-data-exception/own' });
    expect(own.statusCode).toBe(500);
    expect(own.json()).toMatchObject({ code: 'INTERNAL', details: [] });
    expect(own.body).not.toMatch(/division|select|count|22012/i);
  });
});
