import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Clock } from '../../platform/clock.ts';
import { type BulkTx, withBulkTransaction } from '../../platform/db/bulk.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { isJobInterrupted, type JobContext } from '../../platform/jobs/queue.ts';
import { createAccountPipeline } from './imports.accounts.ts';
import { createContactPipeline } from './imports.contacts.ts';
import { errorPart, failureOf, failurePart, keptNote, rowsInvalidNow, type TFailurePart } from './imports.failure.ts';
import type { TImportEntity } from './imports.fields.ts';
import { readRecords, type TImportFormat, type TRawRow } from './imports.parse.ts';
import {
  clearErrors,
  deleteFile,
  findImport,
  findUserName,
  insertErrors,
  readFile,
  type TImportRow,
  updateImport,
} from './imports.repository.ts';
import { loadOrgLookups, mappedColumns, type TImportRun, type TRowError } from './imports.rows.ts';
import { every, statisticsRefresher, tidyUp } from './imports.statistics.ts';
import { createSubscriptionPipeline, type TSubscriptionPipelineDeps } from './imports.subscriptions.ts';
import { importSubscriptionsInChunks } from './imports.subscriptions-run.ts';
import { keptRowErrors, type TAccountsAnnouncer, type TImportTable, type TKeptRow, undoImport } from './imports.undo.ts';

/**
 * The two background passes over a stored file: validation (every row checked, every error stored, nothing
 * written) and the import itself. Both work in batches and yield to the event loop between them, so a
 * 100k-row file neither holds all rows in memory nor keeps the server from answering requests.
 */

export const VALIDATE_JOB = 'imports.validate';
export const RUN_JOB = 'imports.run';
/**
 * Runs of an import job: a run cut short because the server stopped (a restart, a crash) is resumed, at
 * most this many times in all; a run that fails is not retried (the user sees why and starts again).
 */
export const IMPORT_JOB_ATTEMPTS = 3;
/** Rows per batch: large enough to keep round trips few, small enough to yield to requests often. */
export const BATCH_ROWS = 2000;
/**
 * PGlite runs every statement on the server's own thread and one transaction at a time, so a request that
 * arrives while a batch is being written waits for that batch: smaller batches keep that wait short
 * (2,000 rows held a request up for 0.2 s on average, 500 for about a quarter of that) at no measurable cost in rows/s.
 */
export const PGLITE_BATCH_ROWS = 500;

export interface TImportJobPayload {
  orgId: string;
  importId: string;
}

interface TPipeline {
  check(
    db: Db,
    rows: TRawRow[],
  ): Promise<{ records: { id: string; isNew: boolean; rowNumber: number }[]; errors: TRowError[]; invalidRows: number }>;
  write(tx: BulkTx, records: never[]): Promise<{ inserted: number; updated: number; unchanged?: number }>;
}

interface TCounts {
  processed: number;
  inserted: number;
  updated: number;
  skipped: number;
  unchanged: number;
  invalid: number;
}

const progressOf = (c: TCounts) => ({
  processedRows: c.processed,
  insertedRows: c.inserted,
  updatedRows: c.updated,
  skippedRows: c.skipped,
  unchangedRows: c.unchanged,
});

/** Thrown inside the all-or-nothing transaction when a row turns out invalid: the transaction rolls back. */
class RowsInvalid extends Error {}

export function createImportRunner(deps: {
  db: Db;
  clock: Clock;
  database: Database;
  batchSize?: number;
  logger?: { error(obj: object, msg: string): void };
  subscriptionImports?: TSubscriptionPipelineDeps;
  /** The accounts module, told which accounts an import changed. */
  accounts: TAccountsAnnouncer;
  /** Accounts per transaction of a subscriptions import (tests make it small to see several chunks). */
  subscriptionAccountsPerChunk?: number;
}) {
  const { db, clock } = deps;
  const rowsPerBatch = deps.batchSize ?? (deps.database.kind === 'pglite' ? PGLITE_BATCH_ROWS : BATCH_ROWS);

  async function* rowBatches(reader: Db, imp: TImportRow): AsyncGenerator<TRawRow[]> {
    // A customer's subscription rows are one history: the whole file is one batch (written in chunks of accounts).
    const batchSize = imp.entity === 'subscriptions' ? Number.POSITIVE_INFINITY : rowsPerBatch;
    let header = true;
    let batch: TRawRow[] = [];
    for await (const records of readRecords(readFile(reader, imp.orgId, imp.id), imp.format as TImportFormat, imp.parseOptions)) {
      for (const record of records) {
        if (header) {
          header = false; // the first non-blank row, as in the preview
          continue;
        }
        batch.push(record);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length) yield batch;
  }

  async function pipelineFor(reader: Db, imp: TImportRow, run: TImportRun): Promise<TPipeline> {
    const entity = imp.entity as TImportEntity;
    const lookups = await loadOrgLookups(reader, imp.orgId, entity);
    const columns = mappedColumns(imp.mapping ?? {}, imp.columns);
    if (entity === 'subscriptions') return subscriptionPipelineFor(imp, run) as unknown as TPipeline;
    return (
      entity === 'accounts' ? createAccountPipeline(run, lookups, columns, deps.accounts) : createContactPipeline(run, lookups, columns)
    ) as TPipeline;
  }

  function subscriptionPipelineFor(imp: TImportRow, run: TImportRun) {
    if (!deps.subscriptionImports) throw new Error('subscription imports are not wired');
    const options = imp.options ?? { format: 'periods', createMissingAccounts: false };
    return createSubscriptionPipeline(run, mappedColumns(imp.mapping ?? {}, imp.columns), options, deps.subscriptionImports);
  }

  async function runOf(imp: TImportRow): Promise<TImportRun> {
    const userId = imp.startedByUserId ?? imp.createdByUserId;
    const name = await findUserName(db, imp.orgId, userId);
    return {
      orgId: imp.orgId,
      importId: imp.id,
      fileName: imp.fileName,
      actorUserId: name === null ? null : userId,
      actorLabel: `${name ?? 'system'} (import)`,
      clock,
    };
  }

  /** A message that is safe to show: our own errors as they are, anything else (database, parser) generic. */
  function failureMessage(err: unknown, what: string): TFailurePart {
    if (err instanceof AppError) return errorPart(err);
    if ((err as { code?: string }).code === '23505') {
      return failurePart(what === 'import' ? 'import_concurrent_records' : 'import_concurrent_rows');
    }
    deps.logger?.error({ err: (err as Error).message }, `${what} failed`);
    return failurePart(what === 'import' ? 'import_internal_import' : 'import_internal_validation');
  }

  /** Check every row without writing; store every error. Returns false when superseded (new mapping, deleted). */
  async function validatePass(imp: TImportRow, jobId: string, ctx?: JobContext) {
    const pipeline = await pipelineFor(db, imp, await runOf(imp));
    let total = 0;
    let invalid = 0;
    const due = every(250);
    for await (const rows of rowBatches(db, imp)) {
      const { errors, invalidRows } = await pipeline.check(db, rows);
      total += rows.length;
      invalid += invalidRows;
      if (due()) {
        if (!(await updateImport(db, imp.orgId, imp.id, { processedRows: total }, jobId))) return null;
        await ctx?.progress({ processedRows: total });
      }
      await insertErrors(db, imp.orgId, imp.id, errors);
      await yieldToEventLoop();
      ctx?.checkpoint?.(); // the worker is stopping: hand the job back (validation starts over)
    }
    return { total, invalid };
  }

  /**
   * Batch by batch, each batch its own transaction: progress shows and other requests get the database in
   * between. skip_invalid writes the valid rows of each batch; the all-or-nothing import on PGlite stops
   * at the first invalid row (its caller then undoes the batches already written).
   */
  async function importInBatches(imp: TImportRow, run: TImportRun, counts: TCounts, ctx: JobContext, opts: { stopOnInvalid: boolean }) {
    const { orgId, id } = imp;
    const pipeline = await pipelineFor(db, imp, run);
    const refreshStats = statisticsRefresher(deps.database, imp.entity === 'contacts' ? 'contacts' : 'accounts');
    const due = every(1000);
    // Rows an earlier run of this start committed (a resumed run): checked again, so later rows still meet
    // their keys as duplicates, but not written, counted or audited again.
    let done = counts.processed;
    for await (const batch of rowBatches(db, imp)) {
      const rows = done > 0 ? batch.slice(done) : batch;
      if (done > 0) {
        await pipeline.check(db, batch.slice(0, done));
        done = Math.max(0, done - batch.length);
        if (!rows.length) continue;
      }
      await withBulkTransaction(deps.database, async (tx) => {
        const checked = await pipeline.check(tx.db, rows);
        if (opts.stopOnInvalid && checked.invalidRows) throw new RowsInvalid();
        const written = checked.records.length ? await pipeline.write(tx, checked.records as never[]) : { inserted: 0, updated: 0 };
        await insertErrors(tx.db, orgId, id, checked.errors);
        counts.processed += rows.length;
        counts.inserted += written.inserted;
        counts.updated += written.updated;
        counts.unchanged += written.unchanged ?? 0;
        counts.skipped += checked.invalidRows;
        counts.invalid += checked.invalidRows;
        await updateImport(tx.db, orgId, id, progressOf(counts), ctx.jobId);
      });
      await refreshStats(db, counts.inserted);
      if (due()) await ctx.progress(progressOf(counts));
      await yieldToEventLoop();
      ctx.checkpoint?.(); // the worker is stopping: hand the job back; the next run goes on from the committed batches
    }
  }

  async function importSubscriptions(imp: TImportRow, run: TImportRun, counts: TCounts, ctx: JobContext) {
    await importSubscriptionsInChunks({
      database: deps.database,
      db,
      pipeline: subscriptionPipelineFor(imp, run),
      batches: rowBatches(db, imp),
      imp,
      counts,
      ctx,
      rowsInvalid: imp.mode === 'all_or_nothing' ? () => new RowsInvalid() : null,
      progressOf,
      accountsPerChunk: deps.subscriptionAccountsPerChunk,
    });
  }

  /**
   * All or nothing on PostgreSQL: one transaction on its own connection, so other requests are not held up.
   * Rows are checked against committed data on another connection, exactly as validation checked them (a
   * clash with a row of this same file is caught as a duplicate in the file), and while one batch is being
   * written the next is parsed and checked: another connection and another core. Progress is written
   * from outside the transaction.
   */
  async function importInOneTransaction(imp: TImportRow, run: TImportRun, counts: TCounts, ctx: JobContext) {
    const { orgId, id } = imp;
    const due = every(250);
    const pipeline = await pipelineFor(db, imp, run);
    await withBulkTransaction(deps.database, async (tx) => {
      let writing: Promise<void> | null = null;
      try {
        for await (const rows of rowBatches(db, imp)) {
          const checked = await pipeline.check(db, rows);
          await writing;
          if (checked.invalidRows) throw new RowsInvalid();
          writing = pipeline.write(tx, checked.records as never[]).then((written) => {
            counts.processed += rows.length;
            counts.inserted += written.inserted;
            counts.updated += written.updated;
          });
          writing.catch(() => {}); // handled by the next `await writing`; without this a failure is an unhandled rejection meanwhile
          if (due()) {
            await updateImport(db, orgId, id, progressOf(counts), ctx.jobId);
            await ctx.progress(progressOf(counts));
          }
          await yieldToEventLoop();
        }
        await writing;
      } catch (err) {
        await writing?.catch(() => {}); // let the statement in flight finish before rolling back
        throw err;
      }
    });
  }

  return {
    async validate(payload: TImportJobPayload, ctx: JobContext) {
      const imp = await findImport(db, payload.orgId, payload.importId);
      if (!imp || imp.jobId !== ctx.jobId || imp.status !== 'validating') return { superseded: true };
      try {
        await clearErrors(db, imp.orgId, imp.id);
        const counts = await validatePass(imp, ctx.jobId, ctx);
        if (!counts) return { superseded: true };
        await updateImport(
          db,
          imp.orgId,
          imp.id,
          {
            status: 'validated',
            totalRows: counts.total,
            validRows: counts.total - counts.invalid,
            errorRows: counts.invalid,
            processedRows: counts.total,
          },
          ctx.jobId,
        );
        return counts;
      } catch (err) {
        if (isJobInterrupted(err)) throw err; // handed back to the queue, not failed
        await updateImport(
          db,
          imp.orgId,
          imp.id,
          { status: 'failed', ...failureOf([failureMessage(err, 'validation')]), finishedAt: clock.now() },
          ctx.jobId,
        );
        throw err;
      }
    },

    async run(payload: TImportJobPayload, ctx: JobContext) {
      const imp = await findImport(db, payload.orgId, payload.importId);
      if (!imp || imp.jobId !== ctx.jobId || imp.status !== 'importing') return { superseded: true };
      const { orgId, id } = imp;
      // skip_invalid commits batch by batch, and subscriptions chunk by chunk, with the counts in the same
      // transaction: a resumed run goes on from them.
      const chunked = imp.entity === 'subscriptions';
      const resumed = (imp.mode === 'skip_invalid' || chunked) && imp.processedRows > 0;
      const counts: TCounts = resumed
        ? {
            processed: imp.processedRows,
            inserted: imp.insertedRows,
            updated: imp.updatedRows,
            skipped: imp.skippedRows,
            unchanged: imp.unchangedRows,
            invalid: imp.skippedRows,
          }
        : { processed: 0, inserted: 0, updated: 0, skipped: 0, unchanged: 0, invalid: 0 };
      const table: TImportTable = imp.entity === 'contacts' ? 'contacts' : 'accounts';
      // Subscriptions are checked as a whole before anything is written, then committed chunk by chunk: nothing to journal.
      const journaled = imp.mode === 'all_or_nothing' && deps.database.kind === 'pglite' && !chunked;
      const since = imp.startedAt ?? clock.now();
      try {
        // A previous attempt of this same start that died halfway (process killed) is rolled back first. Rows
        // someone changed meanwhile stay as they are; this attempt writes them again anyway.
        if (journaled) await undoImport(deps.database, { orgId, importId: id, table, since }, deps.accounts);
        if (!resumed) await clearErrors(db, orgId, id);
        await updateImport(db, orgId, id, { ...progressOf(counts), keptRows: 0, failureMessage: null, failure: null }, ctx.jobId);
        const run = await runOf(imp);
        if (chunked) await importSubscriptions(imp, run, counts, ctx);
        else if (imp.mode === 'skip_invalid' || journaled)
          await importInBatches(imp, run, counts, ctx, { stopOnInvalid: imp.mode === 'all_or_nothing' });
        else await importInOneTransaction(imp, run, counts, ctx);
        const total = counts.processed;
        await deps.database.flusher?.flush(); // on PGlite: the rows reach the disk before the import says it is done
        await updateImport(
          db,
          orgId,
          id,
          {
            ...progressOf(counts),
            status: 'completed',
            totalRows: total,
            validRows: total - counts.invalid,
            errorRows: counts.invalid,
            finishedAt: clock.now(),
          },
          ctx.jobId,
        );
        await deleteFile(db, orgId, id); // the rows are in; the upload is no longer needed
        await tidyUp(deps, table, counts.inserted + counts.updated); // housekeeping, after the user sees "completed"
        return progressOf(counts);
      } catch (err) {
        // Handed back to the queue (the worker is stopping): the next run resumes or, all or nothing, undoes and starts over.
        if (isJobInterrupted(err)) throw err;
        let undoFailed = false;
        let kept: TKeptRow[] = [];
        if (journaled) {
          await undoImport(deps.database, { orgId, importId: id, table, since }, deps.accounts).then(
            (undone) => {
              kept = undone.kept;
            },
            (undoErr: unknown) => {
              undoFailed = true;
              deps.logger?.error({ err: (undoErr as Error).message }, 'undoing a failed import failed');
            },
          );
          await tidyUp(deps, table, counts.inserted + counts.updated);
        }
        const nothing = { processedRows: 0, insertedRows: 0, updatedRows: 0, skippedRows: 0, unchangedRows: 0, keptRows: kept.length };
        if (err instanceof RowsInvalid && !undoFailed) {
          // Rows that were valid at validation are not any more (the data changed meanwhile): list them all.
          await clearErrors(db, orgId, id);
          const checked = await validatePass(imp, ctx.jobId);
          await insertErrors(db, orgId, id, keptRowErrors(kept));
          const failure = failureOf([rowsInvalidNow(checked?.invalid), ...keptNote(kept.length), failurePart('import_check_errors_again')]);
          const recount = checked
            ? { totalRows: checked.total, validRows: checked.total - checked.invalid, errorRows: checked.invalid }
            : {};
          await updateImport(db, orgId, id, { ...nothing, ...recount, status: 'failed', ...failure, finishedAt: clock.now() }, ctx.jobId);
          return { failed: failure.failureMessage };
        }
        const failure = failureOf(
          undoFailed ? [failurePart('import_undo_failed')] : [failureMessage(err, 'import'), ...keptNote(kept.length)],
        );
        await insertErrors(db, orgId, id, keptRowErrors(kept));
        // Committed subscription chunks stay: the report counts them (starting again finds them unchanged).
        const written = imp.mode === 'all_or_nothing' && !undoFailed && !chunked ? nothing : progressOf(counts);
        await updateImport(db, orgId, id, { ...written, status: 'failed', ...failure, finishedAt: clock.now() }, ctx.jobId);
        throw err;
      }
    },
  };
}
