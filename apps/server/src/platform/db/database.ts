import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzleLite } from 'drizzle-orm/pglite';
import { migrate as migrateLite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Logger } from 'pino';
import { createFsFlusher, type Flusher } from './durable-flush.ts';

/**
 * Either driver's database, or a transaction on it: repositories accept this. No relational schema is
 * attached (queries name their tables), so the platform depends on no module's tables.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT>;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

// `date` columns stay ISO strings (YYYY-MM-DD); node-postgres would turn them into local-midnight Dates.
pg.types.setTypeParser(1082, (s) => s);
// int8 (count(*), sums) as numbers, like PGlite does below 2^53.
pg.types.setTypeParser(20, (s) => Number(s));

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw driver access for bulk COPY; null for the other driver. */
  pglite: PGlite | null;
  pool: pg.Pool | null;
  /** PGlite on disk: flushes the data directory to disk; write requests await it before answering. */
  flusher: Flusher | null;
  migrate(): Promise<void>;
  ping(): Promise<{ ok: boolean; version: string }>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir: string;
  poolMax?: number;
  logger?: Logger;
  /** PGlite: make acknowledged writes survive power loss (see durable-flush.ts). Default true. */
  durableWrites?: boolean;
  /** A PGlite data dump (from dumpDataDir) to start from: tests clone a migrated template this way. */
  loadDataDir?: Blob | File;
  /** Sees every statement the app runs through Drizzle, before it runs (the tests' tenancy check). */
  onQuery?: (sql: string, params: unknown[]) => void;
}

const queryLogger = (opts: DatabaseOptions) => {
  const onQuery = opts.onQuery;
  return onQuery ? { logQuery: (query: string, params: unknown[]) => onQuery(query, params) } : undefined;
};

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts) : openPglite(opts);
}

async function openPostgres(opts: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolMax ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // Without this handler a backend terminated while idle (restart, failover) kills the process.
  pool.on('error', (err) => opts.logger?.warn({ err: err.message }, 'idle PostgreSQL connection lost'));
  // The pool listens only to idle clients. A client checked out for a transaction emits 'error' when its
  // connection drops between queries (or after the failing query), and with no listener that is an uncaught
  // exception. The query in progress still fails normally, and the pool discards the broken client on release.
  pool.on('connect', (client) => {
    client.on('error', (err) => opts.logger?.warn({ err: err.message }, 'PostgreSQL connection lost'));
  });
  const db = drizzlePg({ client: pool, logger: queryLogger(opts) }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pglite: null,
    pool,
    flusher: null,
    async migrate() {
      const client = await pool.connect();
      try {
        // Several instances may start at once: only one applies migrations, the others wait for it.
        await client.query('select pg_advisory_lock(3650365)');
        await client.query('create extension if not exists pg_trgm');
        await migratePg(drizzlePg({ client }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('select pg_advisory_unlock(3650365)').catch(() => {});
        client.release();
      }
    },
    async ping() {
      const r = await pool.query<{ v: string }>('select version() as v');
      return { ok: true, version: r.rows[0]?.v ?? '' };
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(opts: DatabaseOptions): Promise<Database> {
  const inMemory = opts.dataDir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    releaseLock = acquireDirLock(opts.dataDir);
  }
  const client = await PGlite.create({
    dataDir: inMemory ? opts.dataDir : path.join(opts.dataDir, 'pg'),
    extensions: { pg_trgm },
    loadDataDir: opts.loadDataDir,
  });
  const db = drizzleLite({ client, logger: queryLogger(opts) }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    pool: null,
    flusher: !inMemory && opts.durableWrites !== false ? createFsFlusher(opts.dataDir) : null,
    async migrate() {
      await client.exec('create extension if not exists pg_trgm');
      await migrateLite(drizzleLite({ client, logger: queryLogger(opts) }), { migrationsFolder: MIGRATIONS_DIR });
    },
    async ping() {
      const r = await client.query<{ v: string }>('select version() as v');
      return { ok: true, version: r.rows[0]?.v ?? '' };
    },
    async close() {
      await client.close();
      releaseLock();
    },
  };
}

/**
 * PGlite has no lock of its own: two processes on one data directory would corrupt it.
 * A pid file refuses the second process with a clear message; a stale file (dead pid) is taken over.
 */
function acquireDirLock(dir: string): () => void {
  const lockPath = path.join(dir, 'customer365.pid');
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The data directory ${dir} is in use by process ${pid}. Stop it first, or set DATA_DIR to another directory (or DATABASE_URL for PostgreSQL).`,
      );
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.writeFileSync(lockPath, String(process.pid));
  return () => {
    try {
      if (Number(fs.readFileSync(lockPath, 'utf8')) === process.pid) fs.unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
