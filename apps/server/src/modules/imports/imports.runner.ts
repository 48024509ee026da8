import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { JobContext } from '../../platform/jobs/queue.ts';
import { users } from '../identity/identity.table.ts';
import { createAccountPipeline } from './imports.accounts.ts';
import { createContactPipeline } from './imports.contacts.ts';
import type { TImportEntity } from './imports.fields.ts';
import { readRecords, type TImportFormat, type TRawRow } from './imports.parse.ts';
import { clearErrors, deleteFile, findImport, insertErrors, readFile, type TImportRow, updateImport } from './imports.repository.ts';
import { loadOrgLookups, mappedColumns, type TImportRun, type TRowError } from './imports.rows.ts';

/**
 * The two background passes over a stored file: validation (every row checked, every error stored, nothing
 * written) and the import itself. Both work in batches and yield to the event loop between them, so a
 * 100k-row file neither holds all rows in memory nor keeps the server from answering requests.
 */

export const VALIDATE_JOB = 'imports.validate';
export const RUN_JOB = 'imports.run';

export interface TImportJobPayload {
  orgId: string;
  importId: string;
}

interface TPipeline {
  check(
    db: Db,
    rows: TRawRow[],
  ): Promise<{ records: { id: string; isNew: boolean; rowNumber: number }[]; errors: TRowError[]; invalidRows: number }>;
  write(tx: Db, records: never[]): Promise<{ inserted: number; updated: number }>;
}

/** Thrown inside the all-or-nothing transaction when a row turns out invalid: the transaction rolls back. */
class RowsInvalid extends Error {}

export function createImportRunner(deps: {
  db: Db;
  clock: Clock;
  database: Database;
  batchSize?: number;
  logger?: { error(obj: object, msg: string): void };
}) {
  const { db, clock } = deps;
  const batchSize = deps.batchSize ?? 1000;

  async function* rowBatches(reader: Db, imp: TImportRow): AsyncGenerator<TRawRow[]> {
    let header = true;
    let batch: TRawRow[] = [];
    for await (const record of readRecords(readFile(reader, imp.orgId, imp.id), imp.format as TImportFormat, imp.parseOptions)) {
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
    if (batch.length) yield batch;
  }

  async function pipelineFor(reader: Db, imp: TImportRow, run: TImportRun): Promise<TPipeline> {
    const entity = imp.entity as TImportEntity;
    const lookups = await loadOrgLookups(reader, imp.orgId, entity);
    const columns = mappedColumns(imp.mapping ?? {}, imp.columns);
    return (
      entity === 'accounts' ? createAccountPipeline(run, lookups, columns) : createContactPipeline(run, lookups, columns)
    ) as TPipeline;
  }

  async function runOf(imp: TImportRow): Promise<TImportRun> {
    const userId = imp.startedByUserId ?? imp.createdByUserId;
    const [user] = await db
      .select({ name: users.name })
      .from(users)
      .where(and(eq(users.orgId, imp.orgId), eq(users.id, userId)));
    return {
      orgId: imp.orgId,
      importId: imp.id,
      actorUserId: user ? userId : null,
      actorLabel: `${user?.name ?? 'system'} (import)`,
      clock,
    };
  }

  /** A message that is safe to show: our own errors as they are, anything else (database, parser) generic. */
  function failureMessage(err: unknown, what: string) {
    if (err instanceof AppError) return err.message;
    deps.logger?.error({ err: (err as Error).message }, `${what} failed`);
    return `The ${what} stopped because of an internal error; try again, or check the server log.`;
  }

  /** Check every row without writing; store every error. Returns false when superseded (new mapping, deleted). */
  async function validatePass(imp: TImportRow, jobId: string, ctx?: JobContext) {
    const pipeline = await pipelineFor(db, imp, await runOf(imp));
    let total = 0;
    let invalid = 0;
    for await (const rows of rowBatches(db, imp)) {
      const { errors, invalidRows } = await pipeline.check(db, rows);
      total += rows.length;
      invalid += invalidRows;
      if (!(await updateImport(db, imp.orgId, imp.id, { processedRows: total }, jobId))) return null;
      await insertErrors(db, imp.orgId, imp.id, errors);
      await ctx?.progress({ processedRows: total });
      await yieldToEventLoop();
    }
    return { total, invalid };
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
        await updateImport(
          db,
          imp.orgId,
          imp.id,
          { status: 'failed', failureMessage: failureMessage(err, 'validation'), finishedAt: clock.now() },
          ctx.jobId,
        );
        throw err;
      }
    },

    async run(payload: TImportJobPayload, ctx: JobContext) {
      const imp = await findImport(db, payload.orgId, payload.importId);
      if (!imp || imp.jobId !== ctx.jobId || imp.status !== 'importing') return { superseded: true };
      const { orgId, id } = imp;
      const counts = { processed: 0, inserted: 0, updated: 0, skipped: 0, invalid: 0 };
      const progress = () => ({
        processedRows: counts.processed,
        insertedRows: counts.inserted,
        updatedRows: counts.updated,
        skippedRows: counts.skipped,
      });
      try {
        await clearErrors(db, orgId, id);
        await updateImport(db, orgId, id, { ...progress(), failureMessage: null }, ctx.jobId);
        const run = await runOf(imp);
        if (imp.mode === 'skip_invalid') {
          const pipeline = await pipelineFor(db, imp, run);
          for await (const rows of rowBatches(db, imp)) {
            // Each batch commits on its own: progress is visible and other requests get the database in between.
            await db.transaction(async (tx) => {
              const checked = await pipeline.check(tx, rows);
              const written = checked.records.length ? await pipeline.write(tx, checked.records as never[]) : { inserted: 0, updated: 0 };
              await insertErrors(tx, orgId, id, checked.errors);
              counts.processed += rows.length;
              counts.inserted += written.inserted;
              counts.updated += written.updated;
              counts.skipped += checked.invalidRows;
              counts.invalid += checked.invalidRows;
              await updateImport(tx, orgId, id, progress(), ctx.jobId);
            });
            await ctx.progress(progress());
            await yieldToEventLoop();
          }
        } else {
          // One transaction: a row that fails (or anything else) rolls everything back. Progress is written
          // from outside it on PostgreSQL; PGlite has one connection, so there it shows when the import ends.
          const outside = deps.database.kind === 'postgres';
          await db.transaction(async (tx) => {
            const pipeline = await pipelineFor(tx, imp, run);
            for await (const rows of rowBatches(tx, imp)) {
              const checked = await pipeline.check(tx, rows);
              if (checked.invalidRows) throw new RowsInvalid();
              const written = await pipeline.write(tx, checked.records as never[]);
              counts.processed += rows.length;
              counts.inserted += written.inserted;
              counts.updated += written.updated;
              if (outside) {
                await updateImport(db, orgId, id, progress(), ctx.jobId);
                await ctx.progress(progress());
              }
              await yieldToEventLoop();
            }
          });
        }
        const total = counts.processed;
        await updateImport(
          db,
          orgId,
          id,
          {
            ...progress(),
            status: 'completed',
            totalRows: total,
            validRows: total - counts.invalid,
            errorRows: counts.invalid,
            finishedAt: clock.now(),
          },
          ctx.jobId,
        );
        await deleteFile(db, orgId, id); // the rows are in; the upload is no longer needed
        return progress();
      } catch (err) {
        if (err instanceof RowsInvalid) {
          // Rows that were valid at validation are not any more (the data changed meanwhile): list them all.
          await clearErrors(db, orgId, id);
          const checked = await validatePass(imp, ctx.jobId);
          const message = `${checked?.invalid ?? 'Some'} rows have errors now; nothing was imported. Check the errors, then start again.`;
          await updateImport(
            db,
            orgId,
            id,
            {
              status: 'failed',
              failureMessage: message,
              ...(checked ? { totalRows: checked.total, validRows: checked.total - checked.invalid, errorRows: checked.invalid } : {}),
              processedRows: 0,
              insertedRows: 0,
              updatedRows: 0,
              skippedRows: 0,
              finishedAt: clock.now(),
            },
            ctx.jobId,
          );
          return { failed: message };
        }
        const rolledBack =
          imp.mode === 'all_or_nothing' ? { processedRows: 0, insertedRows: 0, updatedRows: 0, skippedRows: 0 } : progress();
        await updateImport(
          db,
          orgId,
          id,
          { ...rolledBack, status: 'failed', failureMessage: failureMessage(err, 'import'), finishedAt: clock.now() },
          ctx.jobId,
        );
        throw err;
      }
    },
  };
}
