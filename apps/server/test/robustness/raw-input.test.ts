/**
 * U+0000 and integers beyond int4 through raw paths: escaped in raw JSON text and URLs, and past the HTTP
 * validation straight into services and SQL. The edge refuses them naming the field; if anything ever slips
 * past it, the database error is still mapped to a 4xx without PostgreSQL's text, and nothing is written.
 * Also: a unique-index race between concurrent requests is a 409, not a 500. Runs on PGlite and PostgreSQL.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../src/modules/accounts/index.ts';
import type { Actor } from '../../src/platform/access/access.ts';
import { acrossOrganisations } from '../../src/platform/db/tenancy.ts';
import { toAppError } from '../../src/platform/http/error-handler.ts';
import { newId } from '../../src/platform/ids.ts';
import { buildTestApp, createTestOrg, type TestApp } from '../harness.ts';
import { expectFieldError, expectNoLeak } from '../security/support.ts';

let t: TestApp;
let org: Awaited<ReturnType<typeof createTestOrg>>;
let actor: Actor;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t, 'Raw input');
  actor = { orgId: org.orgId, userId: org.admin.userId, name: 'Test Admin', role: 'admin', ownAccountsOnly: false };
});
afterAll(async () => {
  await t?.close();
});

const accountCount = async () => (await t.db.select({ n: count() }).from(accounts).where(eq(accounts.orgId, org.orgId)))[0]?.n ?? -1;
const rawPost = (url: string, body: string) =>
  t.app.inject({ method: 'POST', url, headers: { ...org.admin.headers, 'content-type': 'application/json' }, payload: body });

/** The client-facing error for whatever a promise rejects with. */
async function mapped(p: Promise<unknown>) {
  try {
    // Statements made up to provoke database errors, deliberately without an organisation.
    await acrossOrganisations('the test provokes database errors', async () => await p);
  } catch (err) {
    return toAppError(err);
  }
  throw new Error('expected a failure');
}

describe('raw paths over HTTP', () => {
  it('refuses U+0000 escaped in raw JSON, in keys, in URLs and in query strings', async () => {
    const before = await accountCount();
    expectFieldError(await rawPost('/api/v1/accounts', '{"name":"Acme\\u0000 B.V."}'), 'name', 'escaped NUL in a value');
    expectFieldError(await rawPost('/api/v1/accounts', '{"name":"Acme","tags":["ok","b\\u0000d"]}'), 'tags', 'NUL in an array');
    expectFieldError(await rawPost('/api/v1/accounts', '{"name":"Acme","custom":{"k\\u0000":"v"}}'), 'custom', 'NUL in a key');
    for (const url of ['/api/v1/accounts/%00', '/api/v1/accounts/abc%00def', `/api/v1/accounts/${newId()}%00`]) {
      expectFieldError(await t.app.inject({ method: 'GET', url, headers: org.admin.headers }), 'id', url);
    }
    expectFieldError(await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=%00', headers: org.admin.headers }), 'q', '?q=%00');
    expectFieldError(
      await t.app.inject({ method: 'GET', url: '/api/v1/accounts?tag=a%00', headers: org.admin.headers }),
      'tag',
      '?tag=a%00',
    );
    expect(await accountCount()).toBe(before);
  });

  it('refuses integers beyond int4, non-integers and non-finite numbers in raw JSON and URLs', async () => {
    const before = await accountCount();
    for (const v of ['2147483648', '3000000000', '-2147483649', '99999999999999999999', '1e400', '-1e400', '12.5', '"12"']) {
      expectFieldError(await rawPost('/api/v1/accounts', `{"name":"Acme","employees":${v}}`), 'employees', `employees ${v}`);
    }
    const ok = await rawPost('/api/v1/accounts', '{"name":"Acme at the limit","employees":2147483647}');
    expect(ok.statusCode).toBe(201);
    expect(ok.json().employees).toBe(2_147_483_647);
    for (const url of [
      '/api/v1/accounts/99999999999',
      '/api/v1/accounts/2147483648',
      '/api/v1/accounts?page=99999999999',
      '/api/v1/accounts?pageSize=2147483648',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: org.admin.headers });
      expect(res.statusCode, url).toBe(400);
      expectNoLeak(res);
    }
    expect(await accountCount()).toBe(before + 1);
  });
});

describe('past the HTTP validation, the database error is still mapped safely', () => {
  it('maps U+0000 in text to 400 without PostgreSQL text, and writes nothing', async () => {
    const before = await accountCount();
    const err = await mapped(t.services.accounts.create(actor, { name: 'Acme\u0000 B.V.' }));
    expect(err.status).toBe(400);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(`${err.message} ${JSON.stringify(err.details)}`).not.toMatch(/0x00|UTF8|invalid byte|22021|Failed query/i);
    expect(await accountCount()).toBe(before);
  });

  it('maps an int4 overflow to 400 without PostgreSQL text, and writes nothing', async () => {
    const before = await accountCount();
    const err = await mapped(t.services.accounts.create(actor, { name: 'Overflow', employees: 3_000_000_000 }));
    expect(err.status).toBe(400);
    expect(`${err.message} ${JSON.stringify(err.details)}`).not.toMatch(/out of range|integer|22003|Failed query/i);
    expect(await accountCount()).toBe(before);
  });

  it('maps raw SQL errors: bad uuid → 400, unique → 409 naming the field, not-null → 400 naming the column', async () => {
    expect((await mapped(t.db.execute(sql`select * from accounts where id = ${'not-a-uuid'}`))).status).toBe(400);
    const [first] = await t.db
      .insert(accounts)
      .values({ orgId: org.orgId, id: newId(), name: 'Unique', externalId: `ext-${newId()}`, createdAt: new Date(), updatedAt: new Date() })
      .returning();
    const dup = await mapped(
      t.db.insert(accounts).values({
        orgId: org.orgId,
        id: newId(),
        name: 'Dup',
        externalId: first?.externalId,
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
    );
    expect(dup.status).toBe(409);
    expect(dup.details[0]?.field).toBe('externalId');
    const missing = await mapped(
      t.db.execute(
        sql`insert into accounts (org_id, id, name, created_at, updated_at) values (${org.orgId}, ${newId()}, null, now(), now())`,
      ),
    );
    expect(missing.status).toBe(400);
    expect(missing.details[0]?.field).toBe('name');
    const unknown = await mapped(t.db.execute(sql`select * from no_such_table`));
    expect(unknown.status).toBe(500);
    expect(unknown.message).not.toMatch(/no_such_table/);
  });
});

describe('concurrent requests racing for a unique value', () => {
  it('creates one account and answers the others 409 naming the field', async () => {
    const externalId = `race-${newId()}`;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: org.admin.headers, payload: { name: `Racer ${i}`, externalId } }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expectNoLeak(r);
      expect(r.json().details[0].field).toBe('externalId');
    }
    const rows = await t.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, org.orgId), eq(accounts.externalId, externalId)));
    expect(rows).toHaveLength(1);
  });

  it('creates one user per e-mail however many admins try at once', async () => {
    const email = `race-${newId()}@test.example`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.app.inject({ method: 'POST', url: '/api/v1/users', headers: org.admin.headers, payload: { email, name: 'Racer', role: 'csm' } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().details[0].field).toBe('email');
  });
});
