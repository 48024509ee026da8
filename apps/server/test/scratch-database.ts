/**
 * A database of the test's own. On PGlite every test file has one anyway; on PostgreSQL the suite shares
 * TEST_DATABASE_URL, where a worker claims every organisation's due jobs and mail. Tests that drive the
 * worker, move the clock far ahead or cut connections get a scratch database instead (the test role needs
 * CREATEDB), dropped again on close.
 */

import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { createTestDatabase } from './harness.ts';

const PREFIX = 'c365_scratch_';

export interface ScratchDatabase {
  database: Database;
  /** The PostgreSQL URL of the scratch database (null on PGlite). */
  url: string | null;
  /** Open another connection pool on the same database, as a second app instance would. */
  openAnother(options?: { applicationName?: string }): Promise<Database>;
  close(): Promise<void>;
}

function withDatabase(url: string, name: string, applicationName?: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  if (applicationName) u.searchParams.set('application_name', applicationName);
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createScratchDatabase(options: { applicationName?: string } = {}): Promise<ScratchDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const database = await createTestDatabase();
    return {
      database,
      url: null,
      openAnother: async () => database,
      close: () => database.close(),
    };
  }
  const name = `${PREFIX}${process.pid}_${newId().slice(-12).replace(/-/g, '')}`;
  await admin(base, async (c) => {
    // Scratch databases of test processes that died without cleaning up.
    const stale = await c.query<{ datname: string }>(`select datname from pg_database where datname like '${PREFIX}%'`);
    for (const { datname } of stale.rows) {
      const pid = Number(datname.slice(PREFIX.length).split('_')[0]);
      if (pid && !isAlive(pid)) await c.query(`drop database if exists "${datname}" with (force)`).catch(() => {});
    }
    try {
      await c.query(`create database "${name}"`);
    } catch (err) {
      throw new Error(`cannot create a scratch database (${(err as Error).message}); the test role needs CREATEDB: ALTER ROLE … CREATEDB`);
    }
  });
  const url = withDatabase(base, name);
  const database = await openDatabase({ databaseUrl: withDatabase(base, name, options.applicationName), dataDir: '', poolMax: 5 });
  await database.migrate();
  const others: Database[] = [];
  return {
    database,
    url,
    async openAnother(o = {}) {
      const another = await openDatabase({ databaseUrl: withDatabase(base, name, o.applicationName), dataDir: '', poolMax: 5 });
      others.push(another);
      return another;
    },
    async close() {
      for (const d of [database, ...others]) await d.close().catch(() => {});
      await admin(base, (c) => dropDatabase(c, name));
    },
  };
}

/**
 * Drop a scratch database. A plain DROP DATABASE makes an autovacuum worker on it quit and waits for that;
 * WITH (FORCE) would need the right to signal that worker, which a CREATEDB role without superuser or
 * pg_signal_backend lacks (as in CI). Our own pools are closed by now, but a terminated connection may take
 * a moment to go, so it retries; FORCE is the last resort, for backends of our own role.
 */
async function dropDatabase(c: pg.Client, name: string) {
  let lastError: unknown;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await c.query(`drop database if exists "${name}"`);
      return;
    } catch (err) {
      lastError = err;
      // 55006: object_in_use ("is being accessed by other users").
      if ((err as { code?: string }).code !== '55006') throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await c.query(`drop database if exists "${name}" with (force)`);
  } catch (err) {
    // Left for the stale-database sweep of the next run rather than failing the suite on cleanup.
    console.warn(`scratch database ${name} not dropped: ${(err as Error).message} (after ${String(lastError)})`);
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * For a test file whose workers must not share the test database (the job queue's own tests): a scratch
 * database opened before its tests, with a second connection to it (another instance), closed after them.
 */
export function useScratchDatabase(use: (db: Database['db'], otherDb: Database['db']) => void) {
  let scratch: ScratchDatabase | undefined;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    use(scratch.database.db, (await scratch.openAnother()).db);
  });
  afterAll(async () => {
    await scratch?.close();
  });
}
