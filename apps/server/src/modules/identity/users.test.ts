import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, signIn, TEST_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import { users } from './identity.table.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

async function orgWithUsers() {
  const org = await createTestOrg(t);
  // Created a minute apart, in this order; the admin ("Test Admin") came first.
  t.clock.advance(60_000);
  const bea = await org.as('read_only', { name: 'bea Visser' });
  t.clock.advance(60_000);
  const cas = await org.as('csm', { name: 'Cas de Jong' });
  t.clock.advance(60_000);
  const abe = await org.as('vp_cs', { name: 'Abe Jansen' });
  return { org, bea, cas, abe };
}

describe('users list', () => {
  it('sorts by name (case-insensitive), e-mail, role, last sign-in and creation, both ways', async () => {
    const { org, bea, cas } = await orgWithUsers();
    const h = org.admin.headers;
    // Bea has never signed in (as() signs in; forget it), Cas signed in last.
    await t.db
      .update(users)
      .set({ lastLoginAt: null })
      .where(and(eq(users.orgId, org.orgId), eq(users.id, bea.userId)));
    await t.db
      .update(users)
      .set({ lastLoginAt: new Date('2026-12-01T00:00:00Z') })
      .where(and(eq(users.orgId, org.orgId), eq(users.id, cas.userId)));
    const names = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/users?${query}`, headers: h });
      expect(res.statusCode).toBe(200);
      return res.json().items.map((u: { name: string }) => u.name);
    };

    expect(await names('')).toEqual(['Abe Jansen', 'bea Visser', 'Cas de Jong', 'Test Admin']);
    expect(await names('sort=name&order=desc')).toEqual(['Test Admin', 'Cas de Jong', 'bea Visser', 'Abe Jansen']);
    // Roles in the order of the role table: admin, vp_cs, csm, …, read_only.
    expect(await names('sort=role')).toEqual(['Test Admin', 'Abe Jansen', 'Cas de Jong', 'bea Visser']);
    expect(await names('sort=role&order=desc')).toEqual(['bea Visser', 'Cas de Jong', 'Abe Jansen', 'Test Admin']);
    expect(await names('sort=createdAt&order=desc')).toEqual(['Abe Jansen', 'Cas de Jong', 'bea Visser', 'Test Admin']);
    // Never signed in comes last, whichever way.
    expect((await names('sort=lastLoginAt&order=desc'))[0]).toBe('Cas de Jong');
    expect((await names('sort=lastLoginAt&order=desc')).at(-1)).toBe('bea Visser');
    expect((await names('sort=lastLoginAt&order=asc')).at(-1)).toBe('bea Visser');
    const emails = (await t.app.inject({ method: 'GET', url: '/api/v1/users?sort=email', headers: h }))
      .json()
      .items.map((u: { email: string }) => u.email);
    expect(emails).toEqual([...emails].sort());

    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/users?sort=passwordHash', headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'sort', code: 'invalid_value' });
  });

  it('exports the filtered list in its order, without secrets, with formulas neutralised', async () => {
    const { org, cas } = await orgWithUsers();
    const h = org.admin.headers;
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${cas.userId}`, headers: h, payload: { name: '=HYPERLINK("x")' } });

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/users/export.csv?sort=createdAt&order=desc', headers: h });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('users.csv');
    expect(csv.body).not.toMatch(/argon2|password|token/i);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    const [header, ...rows] = csvRows(csv.body);
    expect(header).toEqual(['id', 'name', 'email', 'role', 'own_accounts_only', 'language', 'disabled', 'last_sign_in_at', 'created_at']);
    expect(rows.map((r) => r[3])).toEqual(['vp_cs', 'csm', 'read_only', 'admin']);

    // Same filters as the list: a role, a search, disabled users only on request.
    const only = async (query: string) =>
      csvRows((await t.app.inject({ method: 'GET', url: `/api/v1/users/export.csv?${query}`, headers: h })).body)
        .slice(1)
        .map((r) => r[1]);
    expect(await only('role=read_only')).toEqual(['bea Visser']);
    expect(await only('q=jansen')).toEqual(['Abe Jansen']);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${cas.userId}`, headers: h, payload: { disabled: true } });
    expect(await only('sort=name')).toEqual(['Abe Jansen', 'bea Visser', 'Test Admin']);
    expect((await only('sort=name&includeDisabled=true')).length).toBe(4);
    // Nothing matches: the header alone.
    expect(csvRows((await t.app.inject({ method: 'GET', url: '/api/v1/users/export.csv?q=nobody', headers: h })).body)).toHaveLength(1);
  });

  it('refuses the export to a role that may read users but not export', async () => {
    const org = await createTestOrg(t);
    const reader = await org.as('read_only');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: reader.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/export.csv', headers: reader.headers })).statusCode).toBe(403);
  });
});

describe('passwords', () => {
  it('are stored as argon2id hashes with memory-hard parameters, never in clear', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const [row] = await t.db
      .select()
      .from(users)
      .where(and(eq(users.orgId, org.orgId), eq(users.id, user.userId)));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
    const [, m, tc] = /m=(\d+),t=(\d+)/.exec(row?.passwordHash ?? '') ?? [];
    expect(Number(m)).toBeGreaterThanOrEqual(19_456); // OWASP: ≥ 19 MiB with t ≥ 2
    expect(Number(tc)).toBeGreaterThanOrEqual(2);
    expect(row?.passwordHash).not.toContain(TEST_PASSWORD);
    // Two users with the same password get different (salted) hashes.
    const other = await org.as('csm');
    const [row2] = await t.db
      .select()
      .from(users)
      .where(and(eq(users.orgId, org.orgId), eq(users.id, other.userId)));
    expect(row2?.passwordHash).not.toBe(row?.passwordHash);
  });

  it('refuses passwords shorter than 12 characters and accepts long passphrases', async () => {
    const org = await createTestOrg(t);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: org.admin.headers,
      payload: { email: `short-${newId()}@test.example`, name: 'S', role: 'csm', password: 'elevenchars' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().details[0].field).toBe('password');
    const long = 'a sentence that is quite a bit longer than sixty-four characters, as ASVS 2.1.2 wants';
    const email = `long-${newId()}@test.example`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: org.admin.headers,
      payload: { email, name: 'L', role: 'csm', password: long },
    });
    expect(created.statusCode).toBe(201);
    await signIn(t, email, long);
  });
});

describe('user list search', () => {
  it('takes % and _ literally, as text to find rather than wildcards', async () => {
    const org = await createTestOrg(t);
    await org.as('csm');
    const search = async (q: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent(q)}`, headers: org.admin.headers });
      expect(res.statusCode).toBe(200);
      return res.json() as { items: { email: string }[]; total: number };
    };
    const all = await search('');
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect((await search('%')).total).toBe(0);
    expect((await search('_')).total).toBe(0);
    // A real part of an address still finds it.
    const first = all.items[0]?.email ?? '';
    expect((await search(first.slice(0, 6))).items.map((u) => u.email)).toContain(first);
  });
});
