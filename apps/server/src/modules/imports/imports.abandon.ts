import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import type { TAbandonedJob } from '../../platform/jobs/queue.ts';
import { failureOf, failurePart, keptNote, serverStopped } from './imports.failure.ts';
import { clearErrors, findImport, insertErrors, updateImport } from './imports.repository.ts';
import type { TImportJobPayload } from './imports.runner.ts';
import { keptRowErrors, type TAccountsAnnouncer, type TImportTable, undoImport } from './imports.undo.ts';

/**
 * An import job given up because the server stopped while it ran, on every attempt (the job queue's
 * onAbandoned: for example the file makes the process run out of memory). Without this the import would
 * say "importing" for ever. Records the failure on the import, undoing what an all-or-nothing import wrote
 * on PGlite; on PostgreSQL its transaction ended with the connection. Idempotent: the queue calls it again
 * if the server stops meanwhile.
 */
export async function abandonImport(
  deps: { db: Db; clock: Clock; database: Database; accounts: TAccountsAnnouncer },
  payload: TImportJobPayload,
  info: Pick<TAbandonedJob, 'jobId' | 'attempts'>,
) {
  const { db, clock } = deps;
  const imp = await findImport(db, payload.orgId, payload.importId);
  if (!imp || imp.jobId !== info.jobId) return;
  const { orgId, id } = imp;
  const stopped = serverStopped(info.attempts);
  const fail = (values: Parameters<typeof updateImport>[3]) =>
    updateImport(db, orgId, id, { status: 'failed', finishedAt: clock.now(), ...values }, info.jobId);
  if (imp.status === 'validating') {
    await fail(failureOf([stopped, failurePart('import_then_remap', true)]));
    return;
  }
  if (imp.status !== 'importing') return;
  // skip_invalid commits batch by batch, subscriptions chunk by chunk: what was committed stays, and is counted.
  if (imp.mode === 'skip_invalid' || imp.entity === 'subscriptions') {
    await fail(failureOf([stopped, failurePart('import_counted_rows_written', true)]));
    return;
  }
  const table: TImportTable = imp.entity === 'accounts' ? 'accounts' : 'contacts';
  const { kept } =
    deps.database.kind === 'pglite'
      ? await undoImport(deps.database, { orgId, importId: id, table, since: imp.startedAt ?? clock.now() }, deps.accounts)
      : { kept: [] };
  await clearErrors(db, orgId, id);
  await insertErrors(db, orgId, id, keptRowErrors(kept));
  await fail({
    processedRows: 0,
    insertedRows: 0,
    updatedRows: 0,
    skippedRows: 0,
    keptRows: kept.length,
    ...failureOf([stopped, failurePart('import_nothing_imported', true), ...keptNote(kept.length)]),
  });
}
