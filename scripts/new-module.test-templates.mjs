// The test side of `npm run new-module`: access-matrix entries and fixture, the test factory, the module's test.
// `n` holds the name in each spelling (see new-module.mjs).

export const access = (n) => `import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the ${n.kebab} routes (test/security/). */
export const ${n.camel}AccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/${n.kebab}': { permissions: ['${n.perm}:read'] },
  'GET /api/v1/${n.kebab}/export.csv': { permissions: ['${n.perm}:read', 'export:run'] },
  'GET /api/v1/accounts/:id/${n.kebab}': { permissions: ['${n.perm}:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/${n.kebab}': {
    permissions: ['${n.perm}:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({ title: 'Example' }),
  },
  'GET /api/v1/${n.kebab}/:id': { permissions: ['${n.perm}:read'], id: '${n.one}', accountScoped: true },
  'DELETE /api/v1/${n.kebab}/:id': { permissions: ['${n.perm}:write'], id: '${n.one}', accountScoped: true, late: 3 },
};

/** The ${n.label} the suites' \`:id\` routes use, made in each test organisation. */
export const ${n.camel}AccessFixtures = {
  ${n.one}: (make: TFixtureMaker) => make.post(\`/api/v1/accounts/\${make.fixtures.account}/${n.kebab}\`, { title: 'Fixture' }),
};
`;

export const factory = (n) => `import type { FastifyInstance } from 'fastify';
import type { T${n.One}, TCreate${n.One} } from './${n.kebab}.schemas.ts';

/** A valid ${n.label} on the account, made through the API, for tests of this and other modules. */
export async function make${n.One}(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreate${n.One}> = {},
) {
  const res = await app.inject({ method: 'POST', url: \`/api/v1/accounts/\${accountId}/${n.kebab}\`, headers, payload: { title: 'Example', ...overrides } });
  if (res.statusCode !== 201) throw new Error(\`make${n.One}: \${res.statusCode} \${res.body}\`);
  return res.json() as T${n.One};
}
`;

export const test = (n) => `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { make${n.One} } from './${n.kebab}.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const createAccount = async (headers: Record<string, string>) => (await makeAccount(t.app, headers)).id;

describe('${n.kebab}', () => {
  it('creates, lists, reads, deletes and audits a ${n.label}', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accountId = await createAccount(h);
    const created = await t.app.inject({
      method: 'POST',
      url: \`/api/v1/accounts/\${accountId}/${n.kebab}\`,
      headers: h,
      payload: { title: 'First', notes: 'Agreed on the call' },
    });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({ accountId, title: 'First', notes: 'Agreed on the call', createdByUserId: org.admin.userId });

    const list = await t.app.inject({ method: 'GET', url: \`/api/v1/accounts/\${accountId}/${n.kebab}\`, headers: h });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: item.id }] });
    const one = await t.app.inject({ method: 'GET', url: \`/api/v1/${n.kebab}/\${item.id}\`, headers: h });
    expect(one.json().title).toBe('First');

    const removed = await t.app.inject({ method: 'DELETE', url: \`/api/v1/${n.kebab}/\${item.id}\`, headers: h });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: \`/api/v1/${n.kebab}/\${item.id}\`, headers: h })).statusCode).toBe(404);

    const audit = await t.app.inject({ method: 'GET', url: \`/api/v1/audit-log?entityType=${n.perm}&entityId=\${item.id}\`, headers: h });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['deleted', 'created']);
  });

  it('lists the organisation’s ${n.labels} with search, account filter, sort, paging and CSV export', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const limited = await org.as('csm', { ownAccountsOnly: true });
    const mine = (await makeAccount(t.app, h, { name: 'Beta', ownerUserId: limited.userId })).id;
    const other = (await makeAccount(t.app, h, { name: 'Alpha' })).id;
    await make${n.One}(t.app, h, mine, { title: 'Call notes', notes: 'renewal in May' });
    await make${n.One}(t.app, h, mine, { title: 'agenda' });
    await make${n.One}(t.app, h, other, { title: 'Budget' });
    const list = async (query: string, headers = h) => {
      const res = await t.app.inject({ method: 'GET', url: \`/api/v1/${n.kebab}?\${query}\`, headers });
      expect(res.statusCode).toBe(200);
      return res.json() as { total: number; items: { title: string; accountName: string }[] };
    };
    const titles = async (query: string, headers = h) => (await list(query, headers)).items.map((i) => i.title);

    expect(await titles('sort=title&order=asc')).toEqual(['agenda', 'Budget', 'Call notes']);
    expect(await titles('sort=account&order=asc&pageSize=1')).toEqual(['Budget']);
    expect((await list('pageSize=1&page=2')).total).toBe(3);
    expect(await titles(\`accountId=\${mine}&sort=title&order=desc\`)).toEqual(['Call notes', 'agenda']);
    expect(await titles('q=MAY')).toEqual(['Call notes']);
    expect((await list('q=Budget')).items[0]?.accountName).toBe('Alpha');
    // A user limited to their own accounts sees only those accounts' rows.
    expect(await titles('sort=title&order=asc', limited.headers)).toEqual(['agenda', 'Call notes']);
    expect((await list('sort=title', (await createTestOrg(t, 'Other')).admin.headers)).total).toBe(0);

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/${n.kebab}/export.csv?sort=title&order=asc', headers: h });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csvRows(csv.body);
    expect(rows[0]).toEqual(['id', 'account_id', 'account', 'title', 'notes', 'created_at']);
    expect(rows.slice(1).map((r) => r[3])).toEqual(['agenda', 'Budget', 'Call notes']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/${n.kebab}?color=red', headers: h })).statusCode).toBe(400);
  });

  it('rejects bad input with a 400 naming the field, and writes nothing', async () => {
    const org = await createTestOrg(t);
    const accountId = await createAccount(org.admin.headers);
    const url = \`/api/v1/accounts/\${accountId}/${n.kebab}\`;
    for (const payload of [{ title: '' }, { title: 12 }, { title: 'ok', unknown: true }, {}]) {
      const res = await t.app.inject({ method: 'POST', url, headers: org.admin.headers, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.length).toBeGreaterThan(0);
    }
    expect((await t.app.inject({ method: 'GET', url, headers: org.admin.headers })).json().total).toBe(0);
  });

  it('refuses a ${n.label} on an archived account, in the user’s language', async () => {
    const org = await createTestOrg(t);
    const accountId = await createAccount(org.admin.headers);
    await make${n.One}(t.app, org.admin.headers, accountId);
    await t.app.inject({ method: 'POST', url: \`/api/v1/accounts/\${accountId}/archive\`, headers: org.admin.headers });
    const res = await t.app.inject({
      method: 'POST',
      url: \`/api/v1/accounts/\${accountId}/${n.kebab}\`,
      headers: { ...org.admin.headers, 'accept-language': 'nl' },
      payload: { title: 'Too late' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([
      { field: 'accountId', code: '${n.perm}_account_archived', message: 'het account is gearchiveerd; zet het eerst terug' },
    ]);
  });

  it('answers 401 without a session, 404 to another organisation and 403 without the permission', async () => {
    const a = await createTestOrg(t, 'A');
    const b = await createTestOrg(t, 'B');
    const accountId = await createAccount(a.admin.headers);
    const url = \`/api/v1/accounts/\${accountId}/${n.kebab}\`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: b.admin.headers })).statusCode).toBe(404);
    // ${n.perm}:write is for the customer team (${n.kebab}.permissions.ts): a read-only user may look, not add.
    const reader = await a.as('read_only');
    expect((await t.app.inject({ method: 'GET', url, headers: reader.headers })).statusCode).toBe(200);
    const write = await t.app.inject({ method: 'POST', url, headers: reader.headers, payload: { title: 'No' } });
    expect(write.statusCode).toBe(403);
  });
});
`;
