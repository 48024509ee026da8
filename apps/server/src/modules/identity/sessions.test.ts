import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, sessionHeaders, signIn, TEST_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { randomIp } from '../../../test/security/support.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config/config.ts';
import { newId } from '../../platform/ids.ts';
import { createSmtpMailer } from '../../platform/mail/outbox.ts';
import { loginAttempts } from './identity.table.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions.service.ts';

const HOUR = 3600_000;
/** Sessions and tokens are cached per instance for 5 s; moving the clock past that forces a fresh check. */
const PAST_CACHE = 6_000;

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Each test signs in from its own address, so the per-address limit never mixes tests or runs (PostgreSQL is shared). */
const freshIp = randomIp;
const login = (email: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

describe('sign-in throttling', () => {
  it('answers 429 with Retry-After after 10 failures for one e-mail in 15 minutes, even with the right password', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const other = await org.as('csm');
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong password ${i}`, ip)).statusCode).toBe(401);
    const blocked = await login(user.email, TEST_PASSWORD, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Upper case is the same account.
    expect((await login(user.email.toUpperCase(), TEST_PASSWORD, freshIp())).statusCode).toBe(429);
    // Another e-mail from the same address is not blocked, and its success resets nothing for the first.
    expect((await login(other.email, TEST_PASSWORD, ip)).statusCode).toBe(200);
    expect((await login(user.email, TEST_PASSWORD, ip)).statusCode).toBe(429);
    // The window slides: 15 minutes after the failures the account can sign in again.
    t.clock.advance(15 * 60_000 + 1000);
    try {
      expect((await login(user.email, TEST_PASSWORD, ip)).statusCode).toBe(200);
    } finally {
      t.clock.advance(-(15 * 60_000 + 1000));
    }
  });

  it('counts failures per address too (100 in 15 minutes), whichever e-mails they try', async () => {
    const ip = freshIp();
    // 99 failures recorded directly (each real attempt costs an argon2 hash), then the 100th through the API.
    await t.db.insert(loginAttempts).values(
      Array.from({ length: 99 }, (_, i) => ({
        id: newId(),
        email: `spray-${i}-${newId()}@test.example`,
        ip,
        succeeded: false,
        at: t.clock.now(),
      })),
    );
    expect((await login(`spray-last-${newId()}@test.example`, 'x', ip)).statusCode).toBe(401);
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    expect((await login(user.email, TEST_PASSWORD, ip)).statusCode).toBe(429);
    expect((await login(user.email, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
  });

  it('does not reveal whether an e-mail exists', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const known = await login(user.email, 'wrong password', freshIp());
    const unknown = await login(`nobody-${newId()}@test.example`, 'wrong password', freshIp());
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(known.json().message).toBe(unknown.json().message);
  });
});

describe('sessions', () => {
  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, and the CSRF cookie readable by the page', async () => {
    const org = await createTestOrg(t);
    const res = await login(org.admin.email, TEST_PASSWORD, freshIp());
    const cookies = res.cookies as {
      name: string;
      httpOnly?: boolean;
      sameSite?: string;
      path?: string;
      secure?: boolean;
      maxAge?: number;
    }[];
    const session = cookies.find((c) => c.name === 'c365_session');
    const csrf = cookies.find((c) => c.name === 'c365_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session?.secure).toBeFalsy(); // PUBLIC_URL is http:// in tests
    expect(csrf).toMatchObject({ sameSite: 'Lax', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
    // A new session at every sign-in (ASVS 3.2.1), with a long random token (≥ 64 bits).
    const again = await login(org.admin.email, TEST_PASSWORD, freshIp());
    const token2 = (again.cookies as { name: string; value: string }[]).find((c) => c.name === 'c365_session')?.value;
    expect(token2).not.toBe((res.cookies as { name: string; value: string }[]).find((c) => c.name === 'c365_session')?.value);
    expect(token2?.length).toBeGreaterThanOrEqual(32);
  });

  it('over HTTPS names the cookies __Host-… (Secure, Path=/, no Domain) and accepts only the prefixed session', async () => {
    const config = loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://crm.example.com', SEED_DEMO: 'false' });
    const mailer = createSmtpMailer(undefined);
    // The same database as `t`, so the organisation made through `t` signs in here.
    const built = await buildApp({ config, database: t.database, clock: t.clock, logger: pino({ level: 'silent' }), mailer });
    try {
      const secure = built.app;
      const org = await createTestOrg(t);
      const res = await secure.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: org.admin.email, password: TEST_PASSWORD },
        remoteAddress: freshIp(),
      });
      expect(res.statusCode).toBe(200);
      type TCookie = { name: string; value: string; secure?: boolean; httpOnly?: boolean; path?: string; domain?: string; maxAge?: number };
      const cookies = res.cookies as TCookie[];
      const session = cookies.find((c) => c.name === '__Host-c365_session');
      const csrf = cookies.find((c) => c.name === '__Host-c365_csrf');
      expect(session).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
      expect(csrf).toMatchObject({ secure: true, path: '/', sameSite: 'Lax' });
      expect(csrf?.httpOnly).toBeFalsy();
      for (const c of [session, csrf]) expect(c?.domain).toBeUndefined();
      // Bare cookies left from before HTTPS are cleared, so the page cannot pick up a stale CSRF token.
      expect(cookies.filter((c) => c.name === 'c365_session' || c.name === 'c365_csrf').map((c) => [c.name, c.value, c.maxAge])).toEqual([
        ['c365_session', '', 0],
        ['c365_csrf', '', 0],
      ]);
      // The login answer carries the CSRF token as well (the page may read it from there).
      expect(res.json().csrfToken).toBe(csrf?.value);
      expect(res.headers['strict-transport-security']).toBeTruthy();

      const prefixed = { cookie: `__Host-c365_session=${session?.value}` };
      expect((await secure.inject({ method: 'GET', url: '/api/v1/auth/me', headers: prefixed })).statusCode).toBe(200);
      // The same token under the bare name (planted by a sibling subdomain or a plain-HTTP page) is not a session.
      const bare = { cookie: `c365_session=${session?.value}` };
      expect((await secure.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bare })).statusCode).toBe(401);
      // Writes need the CSRF token in the header, as over HTTP.
      const write = (headers: Record<string, string>) =>
        secure.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers, payload: { name: 'Renamed Admin' } });
      expect((await write(prefixed)).statusCode).toBe(403);
      expect((await write({ ...prefixed, 'x-csrf-token': csrf?.value as string })).statusCode).toBe(200);

      const out = await secure.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { ...prefixed, 'x-csrf-token': csrf?.value as string },
      });
      expect(out.statusCode).toBe(204);
      // A browser drops a __Host- cookie only when the clearing cookie is Secure with Path=/.
      expect((out.cookies as TCookie[]).map((c) => [c.name, c.value, c.secure, c.path])).toEqual([
        ['__Host-c365_session', '', true, '/'],
        ['__Host-c365_csrf', '', true, '/'],
      ]);
      expect((await secure.inject({ method: 'GET', url: '/api/v1/auth/me', headers: prefixed })).statusCode).toBe(401);
      expect(
        (secure.swagger() as { components?: { securitySchemes?: Record<string, unknown> } }).components?.securitySchemes?.session,
      ).toMatchObject({ in: 'cookie', name: '__Host-c365_session' });
    } finally {
      await built.app.close();
      mailer.close();
    }
  });

  it('over plain HTTP keeps the bare cookie names, without Secure, so http://localhost works', async () => {
    const org = await createTestOrg(t);
    const res = await login(org.admin.email, TEST_PASSWORD, freshIp());
    const cookies = res.cookies as { name: string; secure?: boolean; value: string }[];
    expect(cookies.map((c) => c.name).sort()).toEqual(['c365_csrf', 'c365_session']);
    expect(cookies.every((c) => !c.secure)).toBe(true);
    const session = cookies.find((c) => c.name === 'c365_session')?.value;
    expect((await me({ cookie: `c365_session=${session}` })).statusCode).toBe(200);
    expect((await me({ cookie: `__Host-c365_session=${session}` })).statusCode).toBe(401);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: sessionHeaders(res) });
    expect((out.cookies as { name: string }[]).map((c) => c.name)).toEqual(['c365_session', 'c365_csrf']);
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    expect((await me(user.headers)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: user.headers });
    expect(out.statusCode).toBe(204);
    // Replaying the old cookie (as an attacker who copied it would) no longer works.
    expect((await me(user.headers)).statusCode).toBe(401);
    t.clock.advance(PAST_CACHE);
    try {
      expect((await me(user.headers)).statusCode).toBe(401);
    } finally {
      t.clock.advance(-PAST_CACHE);
    }
  });

  it('expires after 12 hours idle, and activity keeps it alive', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const start = t.clock.now();
    try {
      t.clock.advance(SESSION_IDLE_MS - HOUR);
      expect((await me(user.headers)).statusCode).toBe(200);
      t.clock.advance(SESSION_IDLE_MS - HOUR);
      expect((await me(user.headers)).statusCode).toBe(200);
      t.clock.advance(SESSION_IDLE_MS + 1000);
      expect((await me(user.headers)).statusCode).toBe(401);
    } finally {
      t.clock.set(start);
    }
  });

  it('expires 7 days after sign-in however active it is', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const start = t.clock.now();
    try {
      let elapsed = 0;
      while (elapsed + 11 * HOUR < SESSION_ABSOLUTE_MS) {
        t.clock.advance(11 * HOUR);
        elapsed += 11 * HOUR;
        expect((await me(user.headers)).statusCode, `after ${elapsed / HOUR} h`).toBe(200);
      }
      t.clock.set(new Date(start.getTime() + SESSION_ABSOLUTE_MS + 1000));
      expect((await me(user.headers)).statusCode).toBe(401);
    } finally {
      t.clock.set(start);
    }
  });

  it('a disabled user loses access at once: sessions, API tokens and sign-in', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('vp_cs');
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: user.headers,
      payload: { name: 'mine', scopes: ['account:read'] },
    });
    const bearer = { authorization: `Bearer ${token.json().token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: bearer })).statusCode).toBe(200);
    const disable = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.userId}`,
      headers: org.admin.headers,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect((await me(user.headers)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: bearer })).statusCode).toBe(401);
    expect((await login(user.email, TEST_PASSWORD, freshIp())).statusCode).toBe(401);
    // Re-enabled: they sign in again; the old session stays gone.
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, headers: org.admin.headers, payload: { disabled: false } });
    expect((await me(user.headers)).statusCode).toBe(401);
    const back = await signIn(t, user.email);
    expect((await me(back.headers)).statusCode).toBe(200);
  });

  it('reaches other instances within the 5-second auth cache: logout and disabling elsewhere', async () => {
    const other = await buildTestApp({ database: t.database });
    try {
      const org = await createTestOrg(t);
      const user = await org.as('csm');
      const meOn = (app: TestApp) => app.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.headers });
      expect((await meOn(other)).statusCode).toBe(200); // instance B now caches the session
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: user.headers })).statusCode).toBe(204);
      expect((await meOn(t)).statusCode).toBe(401);
      // B may still accept it until its cache entry expires, never longer.
      other.clock.advance(PAST_CACHE);
      expect((await meOn(other)).statusCode).toBe(401);

      const second = await org.as('csm');
      const token = await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: second.headers,
        payload: { name: 'b', scopes: ['account:read'] },
      });
      const bearer = { authorization: `Bearer ${token.json().token}` };
      expect((await other.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: bearer })).statusCode).toBe(200);
      await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${second.userId}`,
        headers: org.admin.headers,
        payload: { disabled: true },
      });
      other.clock.advance(PAST_CACHE);
      expect((await other.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: bearer })).statusCode).toBe(401);
      expect((await other.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: second.headers })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('a role change takes effect on the next request', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: user.headers, payload: { name: 'Before' } })).statusCode,
    ).toBe(201);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.userId}`,
      headers: org.admin.headers,
      payload: { role: 'read_only' },
    });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: user.headers, payload: { name: 'After' } })).statusCode,
    ).toBe(403);
  });

  it('a changed password keeps the current session but the old password stops working', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: user.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' },
    });
    expect(change.statusCode).toBe(204);
    expect((await login(user.email, TEST_PASSWORD, freshIp())).statusCode).toBe(401);
    const res = await login(user.email, 'another long passphrase', freshIp());
    expect(res.statusCode).toBe(200);
    expect((await me(sessionHeaders(res))).statusCode).toBe(200);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: user.headers,
      payload: { currentPassword: 'not my password', newPassword: 'yet another passphrase' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0].field).toBe('currentPassword');
  });

  it('a changed password ends the other sessions of the user', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const elsewhere = sessionHeaders(await login(user.email, TEST_PASSWORD, freshIp()));
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: user.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(change.statusCode).toBe(204);
    expect((await me(user.headers)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
  });
});
