/**
 * Access control over the whole route table (ASVS 4.1.x, 4.2.3; OWASP API1/API5): every non-public route
 * answers 401 without credentials, 404 to another organisation, 403 to a role or API token without the
 * permission, and never 403 to one that has it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPermissions, ROLES, roleHas, type TPermission, type TRole } from '../../src/platform/access/permissions.ts';
import { buildTestApp, createTestOrg, type Session, type TestApp } from '../harness.ts';
import {
  apiRoutes,
  coverageGaps,
  createFixtures,
  expectNoLeak,
  orderedSpecs,
  PUBLIC_ROUTES,
  ROUTES,
  request,
  snapshotOrg,
  tokenHeaders,
  urlOf,
} from './support.ts';

let t: TestApp;
let orgA: Awaited<ReturnType<typeof createTestOrg>>;
let orgB: Awaited<ReturnType<typeof createTestOrg>>;

beforeAll(async () => {
  t = await buildTestApp();
  orgA = await createTestOrg(t, 'Matrix A');
  orgB = await createTestOrg(t, 'Matrix B');
});
afterAll(async () => {
  await t?.close();
});

describe('the route table', () => {
  it('describes every /api/v1 route, and marks exactly the intended ones public', () => {
    expect(apiRoutes(t).length).toBeGreaterThan(30);
    expect(coverageGaps(t)).toEqual({ undescribed: [], stale: [], wronglyPublic: [], unknownPermissions: [] });
  });
});

describe('access matrix', () => {
  it('answers 401 to every non-public route without credentials, or with forged ones', async () => {
    const f = await createFixtures(t, orgA.admin);
    const bad: string[] = [];
    for (const [k, spec] of Object.entries(ROUTES)) {
      for (const headers of [
        {},
        { authorization: 'Bearer c365_not-a-real-token' },
        { authorization: 'Basic YWRtaW46YWRtaW4=' },
        { cookie: 'c365_session=forged-session-token', 'x-csrf-token': 'x' },
      ] as Record<string, string>[]) {
        const res = await request(t, k, spec, f, headers);
        if (res.statusCode !== 401) bad.push(`${k} ${JSON.stringify(headers)} → ${res.statusCode}`);
        else expect(res.json().code).toBe('UNAUTHENTICATED');
      }
    }
    expect(bad).toEqual([]);
    for (const k of PUBLIC_ROUTES) {
      const [method, url] = k.split(' ');
      const res = await t.app.inject({ method: method as 'GET', url: url ?? '', payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode, k).not.toBe(401);
    }
  });

  it('answers 404 to another organisation for every route with an id, and changes nothing there', async () => {
    const f = await createFixtures(t, orgA.admin);
    const before = await snapshotOrg(t, orgA.orgId);
    const foreignIds = Object.values(f);
    const bad: string[] = [];
    for (const [k, spec] of orderedSpecs()) {
      const res = await request(t, k, spec, f, orgB.admin.headers);
      expectNoLeak(res);
      if (spec.id || spec.idsInBody) {
        if (res.statusCode !== 404) bad.push(`${k} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        else expect(res.json().code).toBe('NOT_FOUND');
      } else {
        // Routes without an id act on the caller's own organisation: they must work and show nothing of A.
        if (res.statusCode >= 400 && res.statusCode !== spec.adminStatus)
          bad.push(`${k} (own org) → ${res.statusCode} ${res.body.slice(0, 200)}`);
        const leaked = foreignIds.filter((id) => res.body.includes(id));
        if (leaked.length) bad.push(`${k} shows organisation A's ids ${leaked.join(', ')}`);
      }
    }
    expect(bad).toEqual([]);
    expect(await snapshotOrg(t, orgA.orgId)).toEqual(before);
  });

  it('refuses references to another organisation’s objects inside request bodies and filters', async () => {
    const f = await createFixtures(t, orgA.admin);
    const mine = await createFixtures(t, orgB.admin);
    const before = await snapshotOrg(t, orgA.orgId);
    const h = orgB.admin.headers;
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['POST', '/api/v1/accounts', { name: 'X', marketId: f.market }, 'marketId'],
      ['POST', '/api/v1/accounts', { name: 'X', ownerUserId: f.user }, 'ownerUserId'],
      ['PATCH', `/api/v1/accounts/${mine.account}`, { marketId: f.market }, 'marketId'],
      ['PATCH', `/api/v1/accounts/${mine.account}`, { ownerUserId: f.user }, 'ownerUserId'],
      ['POST', `/api/v1/accounts/${mine.account}/interactions`, { kind: 'note', subject: 'x', contactId: f.contact }, 'contactId'],
      [
        'POST',
        '/api/v1/markets',
        { code: 'QQ', name: 'Q', language: 'en', currency: 'EUR', countryManagerUserId: f.user },
        'countryManagerUserId',
      ],
      ['PATCH', `/api/v1/markets/${mine.market}`, { countryManagerUserId: f.user }, 'countryManagerUserId'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await t.app.inject({ method: method as 'POST', url, headers: h, payload });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expectNoLeak(res);
      expect(
        res.json().details.map((d: { field: string }) => d.field),
        `${method} ${url}`,
      ).toContain(field);
    }
    for (const url of [
      `/api/v1/contacts?accountId=${f.account}`,
      `/api/v1/audit-log?entityId=${f.account}`,
      `/api/v1/audit-log?actorUserId=${orgA.admin.userId}`,
      `/api/v1/accounts?marketId=${f.market}`,
      `/api/v1/accounts?ownerUserId=${orgA.admin.userId}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: h });
      // Either "no such account here" or an empty page; never A's rows.
      expect([200, 404], url).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.json().total, url).toBe(0);
    }
    expect(await snapshotOrg(t, orgA.orgId)).toEqual(before);
  });

  it('gives each role exactly what the permission table grants: 403 without the permission, never 403 with it', async () => {
    const sessions = new Map<TRole, Session>([['admin', orgA.admin]]);
    for (const role of ROLES) if (role !== 'admin') sessions.set(role, await orgA.as(role));
    const f = await createFixtures(t, orgA.admin);
    const bad: string[] = [];
    let forbiddenChecks = 0;
    for (const [k, spec] of orderedSpecs()) {
      for (const role of ROLES) {
        const session = sessions.get(role) as Session;
        const allowed = spec.permissions.every((p) => roleHas(role, p));
        const res = await request(t, k, spec, f, session.headers);
        expectNoLeak(res);
        if (role === 'admin' && (spec.adminStatus ? res.statusCode !== spec.adminStatus : res.statusCode >= 300))
          bad.push(`${k} as admin → ${res.statusCode} ${res.body.slice(0, 200)} (fixture or body in the table is wrong)`);
        if (!allowed) {
          forbiddenChecks++;
          if (res.statusCode !== 403 || res.json().code !== 'FORBIDDEN') bad.push(`${k} as ${role} → ${res.statusCode}, expected 403`);
        } else if ([401, 403].includes(res.statusCode) || res.statusCode >= 500) {
          bad.push(`${k} as ${role} → ${res.statusCode} ${res.body.slice(0, 200)}, expected to be allowed`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(forbiddenChecks).toBeGreaterThan(50);
    // One request per route and role (about 800, growing with every module): more than the default 30 s on a busy machine.
  }, 180_000);

  it('pins each route to exactly its permissions with scoped API tokens', async () => {
    const f = await createFixtures(t, orgA.admin);
    const tokens = new Map<string, Record<string, string>>();
    const token = async (scopes: TPermission[]) => {
      const k = [...scopes].sort().join(',');
      if (!tokens.has(k)) tokens.set(k, await tokenHeaders(t, orgA.admin.headers, scopes));
      return tokens.get(k) as Record<string, string>;
    };
    const bad: string[] = [];
    for (const [k, spec] of orderedSpecs()) {
      // Exactly the route's permissions (or one unrelated scope for routes any user may call): allowed.
      const exact = spec.permissions.length ? spec.permissions : (['job:read'] as TPermission[]);
      if (spec.sessionOnly) {
        const refused = await request(t, k, spec, f, await token(allPermissions()));
        if (refused.statusCode !== 403) bad.push(`${k} with an API token → ${refused.statusCode}, expected 403 (sessions only)`);
        continue;
      }
      const ok = await request(t, k, spec, f, await token(exact));
      expectNoLeak(ok);
      if ([401, 403].includes(ok.statusCode) || ok.statusCode >= 500)
        bad.push(`${k} with scopes ${exact} → ${ok.statusCode} ${ok.body.slice(0, 200)}`);
      // Every permission but one of the route's own: 403.
      for (const missing of spec.permissions) {
        const res = await request(t, k, spec, f, await token(allPermissions().filter((p) => p !== missing)));
        if (res.statusCode !== 403) bad.push(`${k} without scope ${missing} → ${res.statusCode}, expected 403`);
      }
    }
    expect(bad).toEqual([]);
  }, 180_000);

  it('hides other owners’ accounts, contacts and interactions from a user limited to their own accounts', async () => {
    const csm = await orgA.as('csm', { ownAccountsOnly: true });
    const f = await createFixtures(t, orgA.admin);
    const hidden = [f.account, f.contact, f.interaction];
    const bad: string[] = [];
    for (const [k, spec] of orderedSpecs()) {
      const allowed = spec.permissions.every((p) => roleHas('csm', p));
      if (!allowed) continue;
      const res = await request(t, k, spec, f, csm.headers);
      expectNoLeak(res);
      if (spec.accountScoped && res.statusCode !== 404) bad.push(`${k} → ${res.statusCode}, expected 404`);
      const seen = hidden.filter((id) => res.body.includes(id) && !urlOf(k, f, spec).includes(id));
      if (seen.length) bad.push(`${k} shows ${seen.join(', ')}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('API tokens and CSRF', () => {
  it('rejects revoked and expired tokens with 401', async () => {
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: orgA.admin.headers,
      payload: { name: 'short-lived', scopes: ['account:read'], expiresAt: '2026-11-22T09:00:00Z' },
    });
    expect(create.statusCode).toBe(201);
    const { id, token } = create.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: bearer })).statusCode).toBe(200);
    // A token past its expiry (the clock moves past it and past the per-instance auth cache).
    t.clock.advance(24 * 3600_000 + 1000);
    const expired = await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: bearer });
    expect(expired.statusCode).toBe(401);
    t.clock.advance(-(24 * 3600_000 + 1000));

    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: orgA.admin.headers,
      payload: { name: 'to revoke', scopes: ['account:read'] },
    });
    const live = { authorization: `Bearer ${other.json().token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: live })).statusCode).toBe(200);
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${other.json().id}`, headers: orgA.admin.headers });
    expect(revoke.statusCode).toBe(204);
    // Revocation is immediate on the instance that revoked it (the cache is cleared).
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: live })).statusCode).toBe(401);
    expect(id).toBeTruthy();
  });

  it('cannot mint a token with more than the creator’s permissions, and a token cannot widen itself', async () => {
    const csm = await orgA.as('csm');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: csm.headers,
      payload: { name: 'x', scopes: ['user:manage'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('scopes');
    const narrow = await tokenHeaders(t, orgA.admin.headers, ['api_token:manage', 'account:read']);
    const widen = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: narrow,
      payload: { name: 'y', scopes: ['user:manage'] },
    });
    expect(widen.statusCode).toBe(400);
  });

  it('requires the CSRF header on cookie-authenticated writes, but not with a bearer token', async () => {
    const { cookie, 'x-csrf-token': csrf } = orgA.admin.headers as { cookie: string; 'x-csrf-token': string };
    const payload = { name: 'CSRF probe' };
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { cookie }, payload });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'CSRF_FAILED', details: [{ field: 'x-csrf-token' }] });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { cookie, 'x-csrf-token': `${csrf}x` }, payload });
    expect(wrong.statusCode).toBe(403);
    // Another session's CSRF token does not fit this session.
    const otherCsrf = orgB.admin.headers['x-csrf-token'] as string;
    const crossed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { cookie, 'x-csrf-token': otherCsrf },
      payload,
    });
    expect(crossed.statusCode).toBe(403);
    // Reads need no CSRF token.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { cookie } })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { cookie, 'x-csrf-token': csrf }, payload })).statusCode,
    ).toBe(201);
    const bearer = await tokenHeaders(t, orgA.admin.headers, ['account:write']);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: bearer, payload })).statusCode).toBe(201);
    // CSRF applies to every cookie-authenticated write route.
    const f = await createFixtures(t, orgA.admin);
    const missing: string[] = [];
    for (const [k, spec] of orderedSpecs()) {
      if (k.startsWith('GET ')) continue;
      const res = await request(t, k, spec, f, { cookie });
      if (res.statusCode !== 403) missing.push(`${k} → ${res.statusCode}`);
    }
    expect(missing).toEqual([]);
  });
});
