import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.ts';
import { randomIp } from '../../../test/security/support.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config/config.ts';
import { loginAttempts } from '../../modules/identity/index.ts';
import { createFixedClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { newId } from '../ids.ts';
import { createSmtpMailer } from '../mail/outbox.ts';

/** TRUST_PROXY: which client address login throttling sees, and the warning when a proxy seems to be in front without it. */
let database: Database;
/** The reverse proxy's address, and clients' addresses it forwards. */
const proxy = randomIp();
const [client1, client2, forged] = [randomIp(), randomIp(), randomIp()];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** The app with the given TRUST_PROXY, logging into `lines`. */
async function appWith(trustProxy: string | undefined) {
  const lines: { level: number; msg: string; header?: string }[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({
    DATA_DIR: '/nonexistent',
    PUBLIC_URL: 'http://localhost:3650',
    SEED_DEMO: 'false',
    ...(trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy }),
  });
  const mailer = createSmtpMailer(undefined);
  const built = await buildApp({
    config,
    database,
    clock: createFixedClock('2026-11-21T09:00:00Z'),
    logger: pino({ level: 'info' }, sink),
    mailer,
  });
  await built.app.ready();
  // Warnings about forwarding headers only: others (e.g. that apps/web/dist is not built yet, as in a fresh
  // clone before the web build) are not this test's subject.
  const warnings = () => lines.filter((l) => l.level === 40 && /forward|proxy/i.test(JSON.stringify(l)));
  return {
    app: built.app,
    warnings,
    async close() {
      await built.app.close();
      mailer.close();
    },
  };
}

/**
 * The address a failed sign-in was counted against (login throttling counts per address). Addresses are
 * random per run: attempts stay in a shared PostgreSQL test database and would add up to the limit.
 */
async function throttledAddress(app: Awaited<ReturnType<typeof appWith>>['app'], headers: Record<string, string>, remoteAddress = proxy) {
  const email = `nobody-${newId().slice(-12)}@test.example`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: 'wrong password here' },
    headers,
    remoteAddress,
  });
  expect(res.statusCode).toBe(401);
  const rows = await database.db
    .select()
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email)));
  return rows.map((r) => r.ip);
}

describe('TRUST_PROXY', () => {
  it('off: warns once, naming the setting, when forwarding headers arrive; every client then counts as the proxy', async () => {
    const a = await appWith(undefined);
    try {
      await a.app.inject({ method: 'GET', url: '/api/health', remoteAddress: proxy });
      expect(a.warnings()).toEqual([]);
      expect(await throttledAddress(a.app, { 'x-forwarded-for': client1 })).toEqual([proxy]);
      expect(await throttledAddress(a.app, { 'x-forwarded-for': client2 })).toEqual([proxy]);
      await a.app.inject({ method: 'GET', url: '/api/health', headers: { forwarded: 'for=192.0.2.1' } });
      const warnings = a.warnings();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.header).toBe('x-forwarded-for');
      expect(warnings[0]?.msg).toContain('TRUST_PROXY is off');
      expect(warnings[0]?.msg).toContain('TRUST_PROXY=1');
    } finally {
      await a.close();
    }
  });

  it('a hop count believes only the address the proxy added, not one the client made up', async () => {
    const a = await appWith('1');
    try {
      expect(await throttledAddress(a.app, { 'x-forwarded-for': client1 })).toEqual([client1]);
      // The client sent `forged` itself; the proxy appended the address it saw.
      expect(await throttledAddress(a.app, { 'x-forwarded-for': `${forged}, ${client2}` })).toEqual([client2]);
      expect(a.warnings()).toEqual([]);
    } finally {
      await a.close();
    }
  });

  it('true believes every hop; a list believes the proxies at those addresses', async () => {
    const all = await appWith('true');
    try {
      expect(await throttledAddress(all.app, { 'x-forwarded-for': `${forged}, ${client2}` })).toEqual([forged]);
    } finally {
      await all.close();
    }
    const listed = await appWith(`${proxy}, loopback`);
    try {
      expect(await throttledAddress(listed.app, { 'x-forwarded-for': `${forged}, ${client2}` })).toEqual([client2]);
      // Not from a listed proxy: its forwarding header is not believed.
      expect(await throttledAddress(listed.app, { 'x-forwarded-for': client1 }, forged)).toEqual([forged]);
    } finally {
      await listed.close();
    }
  });

  it('refuses a value that is none of these, naming the variable', () => {
    expect(loadConfig({ TRUST_PROXY: 'no' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'yes' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.1.2.3,fd00::/8' }).trustProxy).toEqual(['10.1.2.3', 'fd00::/8']);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.com' })).toThrow(/TRUST_PROXY: "proxy.example.com" is not/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});
