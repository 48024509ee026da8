import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzleLite } from 'drizzle-orm/pglite';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db } from './database.ts';

/** Rows of a raw query, on either driver. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A long set-based read (a health recompute over every account): its own transaction with JIT off (compiling a
 * plan of this size took 1.4–6 s of the 5–15 s the statements ran on the benchmark data, docs/benchmarks.md
 * "Health recompute", and gains nothing on look-ups) and, when given, its own `work_mem` for the transaction only.
 */
export async function longRead<T>(db: Db, opts: { workMem?: string }, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true)`);
    if (opts.workMem) await tx.execute(sql`select set_config('work_mem', ${opts.workMem}, true)`);
    return fn(tx as unknown as Db);
  });
}

/**
 * Bulk writes (imports): a transaction that can also COPY: new rows go into the tables with COPY (about twice as fast as
 * INSERT … SELECT FROM unnest on both drivers), everything else through the usual Drizzle `db`.
 * The transaction is opened on the raw driver (a pooled client, or PGlite's transaction) so that
 * COPY and the Drizzle queries share it.
 */
export interface BulkTx {
  db: Db;
  /**
   * COPY rows (arrays of cells in `columns` order) into `table`. Cells must already be COPY-text values (see copyCell).
   * Lines as an array go as one chunk; an iterable of chunks (several lines each) is pulled as the server reads, so
   * making the next chunk overlaps the server parsing the one before (a health recompute's 100k scores).
   */
  copy(table: string, columns: string[], lines: string[] | Iterable<string>): Promise<void>;
}

export async function withBulkTransaction<T>(database: Database, fn: (tx: BulkTx) => Promise<T>): Promise<T> {
  if (database.pool) {
    const client = await database.pool.connect();
    let broken = false;
    // A connection that drops while checked out emits 'error'; without a listener that would end the process.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('begin');
      const db = drizzlePg({ client }) as unknown as Db;
      const result = await fn({
        db,
        async copy(table, columns, lines) {
          if (Array.isArray(lines) && !lines.length) return;
          // One chunk: line by line would be one CopyData message (and socket write) per row.
          const chunks = Array.isArray(lines) ? [lines.join('')] : lines;
          await pipeline(Readable.from(chunks), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
        },
      });
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
  const lite = database.pglite as PGlite;
  return lite.transaction(async (ptx) => {
    const db = drizzleLite({ client: ptx as unknown as PGlite }) as unknown as Db;
    return fn({
      db,
      async copy(table, columns, lines) {
        const all = Array.isArray(lines) ? lines : [...lines];
        if (!all.length) return;
        await ptx.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob(all) });
      },
    });
  });
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY text format: \N for null, with backslash, tab and line breaks escaped. */
export function copyCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string);
}

/** A text[] value as COPY text: an array literal with every element quoted. */
export function copyTextArray(items: string[]): string {
  return copyCell(`{${items.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}

/** One row of COPY text: its cells (already COPY-text values) tab-separated. */
export const copyLine = (cells: string[]) => `${cells.join('\t')}\n`;

/** A column bulk writes change, as the before-image keeps it and an undo restores it: [key, column, SQL type]. */
export type TRestoreColumn = readonly [key: string, column: string, type: string];

/** `jsonb_build_object(…)` of `columns` read from `alias` (the row before an update): its before-image. */
export function beforeImage(columns: readonly TRestoreColumn[], alias: string): SQL {
  return sql.raw(`jsonb_build_object(${columns.map(([key, column]) => `'${key}', ${alias}.${column}`).join(', ')})`);
}

/** Each record's values of one field, in record order: the arrays an `unnest(…)` of a bulk update reads. */
export function columnsOf<R, K extends string>(records: R[], pick: Record<K, (r: R) => unknown>): Record<K, unknown[]> {
  const out = {} as Record<K, unknown[]>;
  for (const key of Object.keys(pick) as K[]) out[key] = records.map(pick[key]);
  return out;
}

/** Deletes rows of `table` by id (an undo of rows a bulk write created). `table` is a constant of the caller. */
export async function deleteRowsById(tx: BulkTx, table: string, orgId: string, ids: string[]) {
  if (!ids.length) return;
  await tx.db.execute(sql`delete from ${sql.raw(table)} where org_id = ${orgId} and id = any(${sql.param(ids)}::uuid[])`);
}

/** Puts rows of `table` back as their before-images hold them (an undo of rows a bulk write updated). */
export async function restoreRows(
  tx: BulkTx,
  table: string,
  columns: readonly TRestoreColumn[],
  orgId: string,
  rows: { id: string; before: string }[],
) {
  if (!rows.length) return;
  const p = sql.param;
  const set = sql.raw(columns.map(([key, column]) => `${column} = b."${key}"`).join(', '));
  const record = sql.raw(columns.map(([key, , type]) => `"${key}" ${type}`).join(', '));
  await tx.db.execute(sql`
    update ${sql.raw(table)} t set ${set}
    from (select e.id, x.* from unnest(${p(rows.map((r) => r.id))}::uuid[], ${p(rows.map((r) => r.before))}::jsonb[]) as e(id, before),
           jsonb_to_record(e.before) as x(${record})) b
    where t.org_id = ${orgId} and t.id = b.id`);
}
