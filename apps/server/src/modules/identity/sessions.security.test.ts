/** Findings of the security review on sessions, passwords and tokens, each pinned by a test. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type Session, signIn, TEST_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { randomIp } from '../../../test/security/support.ts';
import { allPermissions } from '../../platform/access/permissions.ts';
import { makeApiToken, makeUser } from './identity.factory.ts';
import { SESSION_ABSOLUTE_MS } from './sessions.service.ts';

const HOUR = 3600_000;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
const changePassword = (headers: Record<string, string>, currentPassword: string, ip: string, newPassword = 'a brand new passphrase') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/change-password',
    headers,
    payload: { currentPassword, newPassword },
    remoteAddress: ip,
  });
const login = (email: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

/** A new user of the organisation, signed in. */
async function signedInUser(admin: Session, role: 'csm' | 'read_only' = 'read_only') {
  const user = await makeUser(t.app, admin.headers, { role });
  return { ...(await signIn(t, user.email)), userId: user.id };
}

/** The one error shape of every answer that is not 2xx. */
function expectErrorShape(body: Record<string, unknown>, code: string) {
  expect(body).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String), details: expect.any(Array) });
}

describe('password change', () => {
  it('is throttled like sign-in: wrong current passwords count as failures of the same e-mail', async () => {
    const org = await createTestOrg(t);
    const user = await signedInUser(org.admin, 'csm');
    const ip = randomIp();
    for (let i = 0; i < 10; i++) {
      const wrong = await changePassword({ ...user.headers, 'accept-language': 'nl' }, `not my password ${i}`, ip);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().details[0]).toEqual({ field: 'currentPassword', code: 'incorrect', message: 'klopt niet' });
    }
    // The eleventh try is refused before the password is looked at, even the right one, from any address.
    const blocked = await changePassword({ ...user.headers, 'accept-language': 'da' }, TEST_PASSWORD, randomIp());
    expect(blocked.statusCode).toBe(429);
    expectErrorShape(blocked.json(), 'RATE_LIMITED');
    // Rendered from the catalogue entry in the request's language, with its values.
    expect(blocked.json().message).toBe('For mange mislykkede loginforsøg; prøv igen om 15 minutter');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // One store of attempts: sign-in with that e-mail is blocked too.
    expect((await login(user.email, TEST_PASSWORD, randomIp())).statusCode).toBe(429);
    t.clock.advance(15 * 60_000 + 1000);
    try {
      expect((await changePassword(user.headers, TEST_PASSWORD, ip)).statusCode).toBe(204);
    } finally {
      t.clock.advance(-(15 * 60_000 + 1000));
    }
  });

  it('sign-in failures count against a password change as well', async () => {
    const org = await createTestOrg(t);
    const user = await signedInUser(org.admin, 'csm');
    const ip = randomIp();
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong password ${i}`, ip)).statusCode).toBe(401);
    expect((await changePassword(user.headers, TEST_PASSWORD, randomIp())).statusCode).toBe(429);
  });

  it('is refused to an API token, whatever its scopes, with the one error shape', async () => {
    const org = await createTestOrg(t);
    const token = await makeApiToken(t.app, org.admin.headers, allPermissions());
    const res = await changePassword(token.headers, TEST_PASSWORD, randomIp(), 'a password set by a token');
    expect(res.statusCode).toBe(403);
    expectErrorShape(res.json(), 'FORBIDDEN');
    // Nothing changed: the admin still signs in with the old password.
    expect((await login(org.admin.email, TEST_PASSWORD, randomIp())).statusCode).toBe(200);
    expect((await login(org.admin.email, 'a password set by a token', randomIp())).statusCode).toBe(401);
  });
});

describe('profile writes with an API token', () => {
  it('cannot rename its owner or change their language, whatever its scopes; reading who it is works', async () => {
    const org = await createTestOrg(t);
    const token = await makeApiToken(t.app, org.admin.headers, allPermissions());
    const rename = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: token.headers,
      payload: { name: 'Renamed by a token' },
    });
    expect(rename.statusCode).toBe(403);
    expectErrorShape(rename.json(), 'FORBIDDEN');
    const language = await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: token.headers, payload: { language: 'da' } });
    expect(language.statusCode).toBe(403);
    const who = await me(token.headers);
    expect(who.statusCode).toBe(200);
    expect(who.json().user).toMatchObject({ name: 'Test Admin', language: 'en' });
    // The owner, signed in, still can.
    const own = await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: org.admin.headers, payload: { name: 'Renamed' } });
    expect(own.json()).toMatchObject({ name: 'Renamed' });
  });
});

describe('expiry within the auth cache', () => {
  it('refuses an expired API token at once, not after the 5-second cache', async () => {
    const org = await createTestOrg(t);
    const expiresAt = new Date(t.clock.now().getTime() + 2_000).toISOString();
    const token = await makeApiToken(t.app, org.admin.headers, ['account:read'], { expiresAt });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: token.headers })).statusCode).toBe(200);
    // 3 s later the token has expired while its cache entry (5 s) has not.
    t.clock.advance(3_000);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: token.headers });
      expect(res.statusCode).toBe(401);
      expectErrorShape(res.json(), 'UNAUTHENTICATED');
    } finally {
      t.clock.advance(-3_000);
    }
  });

  it('refuses a session at its absolute expiry at once, not after the 5-second cache', async () => {
    const org = await createTestOrg(t);
    const user = await signedInUser(org.admin);
    const start = t.clock.now();
    try {
      // Active every 11 hours (never idle), up to 2 seconds before the 7-day end.
      const end = start.getTime() + SESSION_ABSOLUTE_MS;
      while (t.clock.now().getTime() + 11 * HOUR < end) {
        t.clock.advance(11 * HOUR);
        expect((await me(user.headers)).statusCode).toBe(200);
      }
      t.clock.set(new Date(end - 2_000));
      expect((await me(user.headers)).statusCode).toBe(200);
      t.clock.advance(3_000);
      expect((await me(user.headers)).statusCode).toBe(401);
    } finally {
      t.clock.set(start);
    }
  });
});
