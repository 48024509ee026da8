/**
 * Losing the PostgreSQL connection must never take the process down (RELIABILITY-NOTES R2/R3): backends
 * terminated while idle, while running a query, or while idle inside a transaction, and the server becoming
 * unreachable. During the outage requests get 503 with Retry-After (never 500); afterwards they succeed.
 *
 * PostgreSQL only: skipped (and reported as skipped) without TEST_DATABASE_URL. Works on a scratch database
 * so terminating "every backend" never touches other tests; pg_terminate_backend on backends of one's own
 * role needs no superuser.
 */
import net from 'node:net';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { toAppError } from '../../src/platform/http/error-handler.ts';
import { buildTestApp, createTestOrg } from '../harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../scratch-database.ts';
import { expectNoLeak, queryRows } from '../security/support.ts';

const PG = process.env.TEST_DATABASE_URL;

describe.skipIf(!PG)('PostgreSQL connection loss', () => {
  let scratch: ScratchDatabase;
  let admin: pg.Client;
  let dbName: string;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    scratch = await createScratchDatabase();
    dbName = new URL(scratch.url as string).pathname.slice(1);
    admin = new pg.Client({ connectionString: PG });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await scratch?.close();
    process.off('uncaughtException', onUncaught);
  });

  /** Terminate the scratch database's backends (all, or those matching a condition); returns how many. */
  async function terminate(where = 'true') {
    const r = await admin.query(
      // Only the app's own connections: an autovacuum worker on the same database belongs to a superuser.
      `select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and usename = current_user and backend_type = 'client backend' and (${where})`,
      [dbName],
    );
    return r.rowCount ?? 0;
  }

  async function appOn(database: Database) {
    const t = await buildTestApp({ database });
    const org = await createTestOrg(t);
    const account = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: org.admin.headers,
      payload: { name: 'Robust B.V.' },
    });
    return { t, org, accountId: account.json().id as string };
  }

  const expectUnavailable = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json().code).toBe('UNAVAILABLE');
    expect(res.headers['retry-after']).toBeTruthy();
    expectNoLeak(res);
  };

  it('survives idle backends being terminated, and the next requests succeed', async () => {
    const { t, org, accountId } = await appOn(scratch.database);
    try {
      // Several pooled connections, all idle afterwards.
      await Promise.all(
        Array.from({ length: 5 }, () => t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}`, headers: org.admin.headers })),
      );
      expect(await terminate()).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 300));
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}`, headers: org.admin.headers });
        expectNoLeak(res);
        statuses.push(res.statusCode);
      }
      expect(
        statuses.every((s) => s === 200 || s === 503),
        String(statuses),
      ).toBe(true);
      expect(statuses.at(-1)).toBe(200);
      expect(uncaught).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('answers 503 when the backend running a request is terminated, writes nothing, then recovers', async () => {
    const { t, org, accountId } = await appOn(scratch.database);
    const locker = new pg.Client({ connectionString: scratch.url as string });
    await locker.connect();
    try {
      // Hold the account's row lock so the app's update waits inside PostgreSQL, then kill that backend.
      await locker.query('begin');
      await locker.query('select 1 from accounts where id = $1 for update', [accountId]);
      const pending = t.app.inject({
        method: 'PATCH',
        url: `/api/v1/accounts/${accountId}`,
        headers: org.admin.headers,
        payload: { name: 'Half written?' },
      });
      await waitFor(
        async () =>
          (await admin.query(`select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [dbName])).rowCount === 1,
      );
      expect(await terminate(`wait_event_type = 'Lock'`)).toBe(1);
      expectUnavailable(await pending);
      await locker.query('rollback');
      const after = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}`, headers: org.admin.headers });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toMatchObject({ name: 'Robust B.V.', version: 1 });
      const retry = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/accounts/${accountId}`,
        headers: org.admin.headers,
        payload: { name: 'Written once' },
      });
      expect(retry.statusCode).toBe(200);
      expect(uncaught).toEqual([]);
    } finally {
      await locker.end().catch(() => {});
      await t.close();
    }
  });

  it('survives a backend terminated while its connection is idle inside a transaction', async () => {
    const database = await scratch.openAnother();
    let caught: unknown;
    try {
      await database.db.transaction(async (tx) => {
        const [r] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
        await admin.query('select pg_terminate_backend($1)', [r?.pid]);
        // The connection is checked out but idle while the server goes away (think: hashing a password).
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.execute(sql`select 1`);
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeDefined();
    const mapped = toAppError(caught);
    expect(mapped.status).toBe(503);
    // The pool recovers: the dead connection is not handed out again.
    for (let i = 0; i < 6; i++) expect(await queryRows(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    expect(uncaught).toEqual([]);
  });

  it('answers 503 while the server is unreachable, keeps the worker alive, and recovers when it returns', async () => {
    const proxy = await startProxy(new URL(PG as string));
    const url = new URL(scratch.url as string);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolMax: 3 });
    const { t, org, accountId } = await appOn(database);
    t.worker.start();
    try {
      const get = () => t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}`, headers: org.admin.headers });
      expect((await get()).statusCode).toBe(200);

      proxy.cut(); // connections reset, new ones refused
      await new Promise((r) => setTimeout(r, 100));
      for (let i = 0; i < 3; i++) expectUnavailable(await get());
      const write = await t.app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: org.admin.headers,
        payload: { name: 'During outage' },
      });
      expectUnavailable(write);
      const health = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'degraded', database: { ok: false } });
      // The worker keeps polling through the outage without crashing the process.
      await new Promise((r) => setTimeout(r, 1200));

      proxy.blackhole(); // accepts connections but never answers: the connect timeout must end in 503, not 500
      const started = Date.now();
      expectUnavailable(await get());
      expect(Date.now() - started).toBeLessThan(15_000);

      proxy.restore();
      await waitFor(async () => (await get()).statusCode === 200, 10_000);
      const after = await t.app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: org.admin.headers,
        payload: { name: 'After outage' },
      });
      expect(after.statusCode).toBe(201);
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect(uncaught).toEqual([]);
    } finally {
      await t.worker.stop();
      await t.close();
      // A connection that was in the middle of a query when the network black-holed (a scheduled job's, say) never
      // hears back: there is no client-side query timeout, so the pool would wait for it for ever. The product's
      // answers were checked above; the test stops waiting for that connection after 5 s.
      await Promise.race([database.close().catch(() => {}), new Promise((r) => setTimeout(r, 5_000))]);
      await proxy.close();
    }
  }, 60_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not reached');
}

/** A TCP proxy to PostgreSQL that can drop every connection and refuse, or swallow, new ones. */
async function startProxy(target: URL) {
  let mode: 'pass' | 'refuse' | 'blackhole' = 'pass';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (mode === 'refuse') return client.destroy();
    if (mode === 'blackhole') return; // hold the socket open, say nothing
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const dropAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    port,
    cut() {
      mode = 'refuse';
      dropAll();
    },
    blackhole() {
      mode = 'blackhole';
      dropAll();
    },
    restore() {
      mode = 'pass';
      dropAll();
    },
    close: () =>
      new Promise<void>((r) => {
        dropAll();
        server.close(() => r());
      }),
  };
}
