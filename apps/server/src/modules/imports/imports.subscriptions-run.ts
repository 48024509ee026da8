import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { withBulkTransaction } from '../../platform/db/bulk.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import type { JobContext } from '../../platform/jobs/queue.ts';
import type { TRawRow } from './imports.parse.ts';
import { insertErrors, updateImport } from './imports.repository.ts';
import type { createSubscriptionPipeline, TSubscriptionUnit } from './imports.subscriptions.ts';

/**
 * The write of a subscriptions file: every row checked first (a customer's rows make one history, so the whole
 * file is one batch), then written a chunk of accounts at a time, each chunk its own transaction with the
 * import's progress in it. Other requests get the database between chunks (on PGlite, its only connection),
 * the progress shows as it goes, and a run cut short (or failed) keeps the chunks already committed: a resumed
 * run goes on after them, and starting the import again reports them unchanged.
 */

/** Accounts per transaction on PostgreSQL: other requests use other connections meanwhile. */
export const ACCOUNTS_PER_CHUNK = 500;
/**
 * On PGlite a request waits for the chunk being written (one connection, one transaction at a time): on a busy
 * 2-core machine (load 12) requests waited 15 s at the median with 500 accounts per chunk and 3 s with 100, so
 * chunks there are 25 accounts (about 100 rows). The time per subscription is the same either way: it goes to
 * the per-account metrics projection, not to the chunk's statements.
 */
export const PGLITE_ACCOUNTS_PER_CHUNK = 25;

export interface TSubscriptionCounts {
  processed: number;
  inserted: number;
  updated: number;
  skipped: number;
  unchanged: number;
  invalid: number;
}

export async function importSubscriptionsInChunks(args: {
  database: Database;
  db: Db;
  pipeline: ReturnType<typeof createSubscriptionPipeline>;
  /** The file's rows (one batch: a customer's rows make one history). */
  batches: AsyncIterable<TRawRow[]>;
  imp: { orgId: string; id: string };
  counts: TSubscriptionCounts;
  ctx: JobContext;
  /** all_or_nothing: the error thrown when a row is invalid, before anything is written. */
  rowsInvalid: (() => Error) | null;
  progressOf: (c: TSubscriptionCounts) => Record<string, number>;
  accountsPerChunk?: number;
}) {
  const { database, db, pipeline, imp, counts, ctx } = args;
  const rows: TRawRow[] = [];
  for await (const batch of args.batches) rows.push(...batch);
  const checked = await pipeline.check(db, rows);
  if (args.rowsInvalid && checked.invalidRows) throw args.rowsInvalid();
  const units = pipeline.plan(checked.records);
  // A resumed run: the invalid rows and the chunks an earlier run of this start committed are in the counts already.
  const resumed = counts.processed > 0;
  let skipRows = resumed ? counts.processed - counts.invalid : 0;
  const size = args.accountsPerChunk ?? (database.kind === 'pglite' ? PGLITE_ACCOUNTS_PER_CHUNK : ACCOUNTS_PER_CHUNK);
  const chunks: TSubscriptionUnit[][] = [];
  for (let i = 0; i < units.length; i += size) chunks.push(units.slice(i, i + size));
  let first = !resumed;
  const commit = async (chunk: TSubscriptionUnit[]) => {
    const next = { ...counts };
    await withBulkTransaction(database, async (tx) => {
      const written = chunk.length ? await pipeline.writeUnits(tx, chunk) : { inserted: 0, updated: 0, unchanged: 0 };
      if (first) {
        // The rows that cannot be written are reported with the first chunk (skip_invalid).
        await insertErrors(tx.db, imp.orgId, imp.id, checked.errors);
        next.processed += checked.invalidRows;
        next.skipped += checked.invalidRows;
        next.invalid += checked.invalidRows;
      }
      next.processed += chunk.reduce((n, u) => n + u.rows, 0);
      next.inserted += written.inserted;
      next.updated += written.updated;
      next.unchanged += written.unchanged;
      await updateImport(tx.db, imp.orgId, imp.id, args.progressOf(next), ctx.jobId);
    });
    Object.assign(counts, next); // counted once committed
    first = false;
  };
  if (!chunks.length && first) await commit([]);
  for (const chunk of chunks) {
    const rows = chunk.reduce((n, u) => n + u.rows, 0);
    if (skipRows >= rows) {
      skipRows -= rows;
      continue;
    }
    await commit(chunk);
    await ctx.progress(args.progressOf(counts));
    await yieldToEventLoop();
    ctx.checkpoint?.(); // the worker is stopping: hand the job back; the next run goes on after the committed chunks
  }
}
