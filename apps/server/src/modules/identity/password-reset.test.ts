/** Password reset and invitations end to end: outbox → worker → real SMTP → the link in the mail → sign-in. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, signIn, TEST_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { linkIn, type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { newId } from '../../platform/ids.ts';

let t: TestApp;
let smtp: SmtpSink;
let scratch: ScratchDatabase;

beforeAll(async () => {
  smtp = await startSmtpSink();
  scratch = await createScratchDatabase();
  t = await buildTestApp({ smtpUrl: smtp.url, database: scratch.database });
});
afterAll(async () => {
  await t?.close();
  await scratch?.close();
  await smtp?.close();
});
beforeEach(() => {
  smtp.inbox.length = 0;
});

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });
const mailTo = (email: string) => smtp.inbox.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(email)));

describe('password reset by e-mail', () => {
  it('sends a link that sets a new password once, signs the user out everywhere, and the new password works', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const res = await post('/api/v1/auth/password-reset', { email: user.email.toUpperCase() });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ ok: true });
    // Nothing leaves before the worker runs: the request only wrote to the outbox.
    expect(smtp.inbox).toHaveLength(0);
    await t.worker.runOnce();
    const mails = mailTo(user.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.subject).toBe('Reset your Customer365 password');
    expect(mail?.from?.text).toContain('no-reply@localhost');
    expect(mail?.messageId).toMatch(/@customer365>?$/);
    const link = linkIn(mail as NonNullable<typeof mail>);
    expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3650/reset-password');
    const token = link.searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThanOrEqual(40);

    const newPassword = 'a brand new passphrase';
    const confirm = await post('/api/v1/auth/password-reset/confirm', { token, password: newPassword });
    expect(confirm.statusCode).toBe(204);
    // Signed out everywhere: the session from before the reset is gone.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.headers })).statusCode).toBe(401);
    await expect(signIn(t, user.email)).rejects.toThrow(/sign-in failed/);
    const fresh = await signIn(t, user.email, newPassword);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: fresh.headers })).json().user.email).toBe(user.email);

    // The link works once.
    const again = await post('/api/v1/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(again.statusCode).toBe(400);
    expect(again.json().details[0].field).toBe('token');
    // The outbox shows it as sent, to admins.
    const outbox = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?status=sent', headers: org.admin.headers });
    expect(outbox.json().items.some((m: { to: string; template: string }) => m.to === user.email && m.template === 'password-reset')).toBe(
      true,
    );
    // The same mail is not sent again on later worker runs.
    await t.worker.runOnce();
    expect(mailTo(user.email)).toHaveLength(1);
  });

  it('answers an unknown e-mail exactly like a known one and sends nothing', async () => {
    const org = await createTestOrg(t);
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: org.admin.headers });
    const unknown = await post('/api/v1/auth/password-reset', { email: `nobody-${newId()}@test.example` });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual({ ok: true });
    await t.worker.runOnce();
    expect(smtp.inbox).toHaveLength(0);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: org.admin.headers });
    expect(after.json().total).toBe(before.json().total);
  });

  it('sends nothing to a disabled user', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, headers: org.admin.headers, payload: { disabled: true } });
    expect((await post('/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
    await t.worker.runOnce();
    expect(mailTo(user.email)).toHaveLength(0);
  });

  it('sends at most 3 reset e-mails an hour to one user, so the form cannot flood an inbox', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    for (let i = 0; i < 5; i++) expect((await post('/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
    while ((await t.worker.runOnce()) > 0) {}
    expect(mailTo(user.email)).toHaveLength(3);
    t.clock.advance(3600_000 + 1000);
    await post('/api/v1/auth/password-reset', { email: user.email });
    while ((await t.worker.runOnce()) > 0) {}
    expect(mailTo(user.email)).toHaveLength(4);
  });

  it('refuses an expired link (2 hours) and a made-up token', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    await post('/api/v1/auth/password-reset', { email: user.email });
    await t.worker.runOnce();
    const token = linkIn(mailTo(user.email)[0] as never).searchParams.get('token') ?? '';
    const start = t.clock.now();
    t.clock.advance(2 * 3600_000 + 1000);
    try {
      const late = await post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
      expect(late.statusCode).toBe(400);
      expect(late.json().details[0].field).toBe('token');
    } finally {
      t.clock.set(start);
    }
    const forged = await post('/api/v1/auth/password-reset/confirm', {
      token: `${token.slice(0, -4)}AAAA`,
      password: 'a brand new passphrase',
    });
    expect(forged.statusCode).toBe(400);
    // The old password still works: nothing was changed by the failed attempts.
    await signIn(t, user.email, TEST_PASSWORD);
  });
});

describe('outstanding links after a reset or a password change', () => {
  const requestLinks = async (email: string, n: number) => {
    smtp.inbox.length = 0;
    for (let i = 0; i < n; i++) expect((await post('/api/v1/auth/password-reset', { email })).statusCode).toBe(202);
    while ((await t.worker.runOnce()) > 0) {}
    return mailTo(email).map((mail) => linkIn(mail as never).searchParams.get('token') ?? '');
  };
  const confirm = (token: string, password: string) => post('/api/v1/auth/password-reset/confirm', { token, password });

  it('a reset voids every other outstanding link of the user', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const [older, newer] = await requestLinks(user.email, 2);
    expect(older && newer && older !== newer).toBe(true);
    expect((await confirm(newer as string, 'a brand new passphrase')).statusCode).toBe(204);
    const stale = await confirm(older as string, 'a passphrase from an old mail');
    // The same answer as a used or expired link.
    expect(stale.statusCode).toBe(400);
    expect(stale.json().details).toEqual([expect.objectContaining({ field: 'token', code: 'reset_link_invalid' })]);
    await signIn(t, user.email, 'a brand new passphrase');
    await expect(signIn(t, user.email, 'a passphrase from an old mail')).rejects.toThrow(/sign-in failed/);
  });

  it('a password change voids every outstanding link of the user', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    const [link] = await requestLinks(user.email, 1);
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: user.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'changed while a link was out' },
    });
    expect(change.statusCode).toBe(204);
    const stale = await confirm(link as string, 'a passphrase from an old mail');
    expect(stale.statusCode).toBe(400);
    expect(stale.json().details[0]).toMatchObject({ field: 'token', code: 'reset_link_invalid' });
    await signIn(t, user.email, 'changed while a link was out');
  });
});

describe('invitations', () => {
  it('a user created without a password gets an invitation whose link sets the password', async () => {
    const org = await createTestOrg(t);
    const email = `invitee-${newId()}@test.example`;
    const created = await post('/api/v1/users', { email, name: 'Ingrid Invitee', role: 'csm', language: 'nl' }, org.admin.headers);
    expect(created.statusCode).toBe(201);
    // Cannot sign in before choosing a password.
    await expect(signIn(t, email, TEST_PASSWORD)).rejects.toThrow();
    await t.worker.runOnce();
    const mails = mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('U bent uitgenodigd voor Customer365');
    expect(mails[0]?.text).toContain('Ingrid Invitee');
    const token = linkIn(mails[0] as never).searchParams.get('token') ?? '';
    expect((await post('/api/v1/auth/password-reset/confirm', { token, password: 'my chosen passphrase' })).statusCode).toBe(204);
    const session = await signIn(t, email, 'my chosen passphrase');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers });
    expect(me.json().user).toMatchObject({ email, role: 'csm', language: 'nl' });
  });

  it('a user created with a password gets no e-mail', async () => {
    const org = await createTestOrg(t);
    const user = await org.as('csm');
    await t.worker.runOnce();
    expect(mailTo(user.email)).toHaveLength(0);
  });
});
