/**
 * Property-level exposure (OWASP API3, ASVS 8.3): no answer of any route, lists, details, exports, the audit
 * log and the answers to writes included, carries a password hash, a stored token hash, a session id or a
 * CSRF token, nor a field named like one. Two exceptions are by design: creating an API token shows that token
 * once, and /auth/me gives a browser session its own CSRF token (the page needs it for the x-csrf-token header;
 * it is in a readable cookie anyway).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, signIn, TEST_PASSWORD, type TestApp } from '../harness.ts';
import { createFixtures, orderedSpecs, queryRows, request, tokenHeaders } from './support.ts';

let t: TestApp;
let org: Awaited<ReturnType<typeof createTestOrg>>;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t, 'Secrets');
});
afterAll(async () => {
  await t?.close();
});

/** Field names that would carry a secret; `token` is allowed only in the answer that creates one. */
const SECRET_KEY = /password|hash|secret|csrf|session|^token$/i;

function secretKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretKeys(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [...(SECRET_KEY.test(k) ? [`${path}.${k}`] : []), ...secretKeys(v, `${path}.${k}`)]);
  return [];
}

describe('secrets in responses', () => {
  it('never sends a stored secret or a field named like one, on any route', async () => {
    // A second user with a password and a session, an API token in use, a password reset asked for.
    const csm = await org.as('csm');
    const token = await tokenHeaders(t, org.admin.headers, ['account:read']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: token })).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: csm.email } });
    await signIn(t, csm.email, TEST_PASSWORD);
    const f = await createFixtures(t, org.admin);

    const column = async (query: ReturnType<typeof sql>) => (await queryRows<{ v: string }>(t.db, query)).map((r) => r.v);
    const secrets = [
      ...(await column(sql`select password_hash as v from users where org_id = ${org.orgId} and password_hash is not null`)),
      ...(await column(sql`select id as v from sessions where org_id = ${org.orgId}`)),
      ...(await column(sql`select csrf_token as v from sessions where org_id = ${org.orgId}`)),
      ...(await column(sql`select token_hash as v from api_tokens where org_id = ${org.orgId}`)),
      ...(await column(sql`select id as v from password_resets where org_id = ${org.orgId} and user_id = ${csm.userId}`)),
      // The raw credentials the clients hold: the session cookie, the CSRF header, the bearer token.
      ...[org.admin.headers, csm.headers].flatMap((h) => [h.cookie?.split('=')[1] ?? '', h['x-csrf-token'] ?? '']),
      (token.authorization ?? '').replace('Bearer ', ''),
    ].filter((s) => s.length >= 16);
    expect(new Set(secrets).size).toBeGreaterThanOrEqual(8);

    const leaks: string[] = [];
    for (const [k, spec] of orderedSpecs()) {
      for (const headers of [org.admin.headers, token] as Record<string, string>[]) {
        const res = await request(t, k, spec, f, headers);
        const own = k === 'GET /api/v1/auth/me' ? headers['x-csrf-token'] : undefined;
        for (const s of new Set(secrets))
          if (s !== own && res.body.includes(s)) leaks.push(`${k} → contains a stored secret (${s.slice(0, 8)}…)`);
        if (!String(res.headers['content-type'] ?? '').includes('json') || !res.body) continue;
        if (k === 'GET /api/v1/auth/me')
          expect(res.json().csrfToken, 'the session’s own CSRF token, or null for a bearer token').toBe(own ?? null);
        // A playbook's webhook signing secret goes to those who may change the playbook, on its own page and in the answer
        // that makes it (they configure the receiving end with it); lists and changes never carry it.
        const allowed =
          k === 'POST /api/v1/api-tokens'
            ? '.token'
            : k === 'GET /api/v1/auth/me'
              ? '.csrfToken'
              : k === 'POST /api/v1/playbooks' || k === 'GET /api/v1/playbooks/:id'
                ? '.webhookSecret'
                : '';
        const keys = secretKeys(res.json()).filter((p) => p !== allowed);
        if (keys.length) leaks.push(`${k} → fields ${keys.join(', ')}`);
      }
    }
    // The audit log and its export, read last, after every write above.
    for (const url of ['/api/v1/audit-log?pageSize=200', '/api/v1/audit-log/export.csv', '/api/v1/outbox?pageSize=200']) {
      const res = await t.app.inject({ method: 'GET', url, headers: org.admin.headers });
      expect(res.statusCode, url).toBe(200);
      for (const s of new Set(secrets)) if (res.body.includes(s)) leaks.push(`${url} → contains a stored secret (${s.slice(0, 8)}…)`);
    }
    expect(leaks).toEqual([]);
  });
});
