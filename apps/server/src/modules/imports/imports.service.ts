import path from 'node:path';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import type { TApiLanguage } from '../../platform/http/validation-i18n.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueJob, type JobContext, type TAbandonedJob } from '../../platform/jobs/queue.ts';
import { abandonImport } from './imports.abandon.ts';
import { describeFailure } from './imports.failure.ts';
import { checkMapping, suggestMapping, type TImportEntity, targetFieldsFor } from './imports.fields.ts';
import { localiseRowError, importMessages as m } from './imports.messages.ts';
import { readPreview, sniffFile, type TImportFormat } from './imports.parse.ts';
import {
  clearErrors,
  deleteImport,
  findImport,
  insertImport,
  iterateErrors,
  iterateImports,
  listErrors,
  listImports,
  storeFile,
  type TImportRow,
  updateImport,
} from './imports.repository.ts';
import { customFieldsOf } from './imports.rows.ts';
import { createImportRunner, IMPORT_JOB_ATTEMPTS, RUN_JOB, type TImportJobPayload, VALIDATE_JOB } from './imports.runner.ts';
import type { TImport, TImportErrorsFilter, TImportListQuery, TImportMode, TImportStatus, TImportSummary } from './imports.schemas.ts';
import type { TImportOptions } from './imports.subscriptions.fields.ts';
import type { TSubscriptionPipelineDeps } from './imports.subscriptions.ts';
import type { TAccountsAnnouncer } from './imports.undo.ts';

export type ImportService = ReturnType<typeof createImportService>;

/** Statuses in which the mapping may (still) change, and in which an import may be discarded. */
const MAPPABLE: TImportStatus[] = ['uploaded', 'validating', 'validated', 'failed'];
const DISCARDABLE: TImportStatus[] = ['uploaded', 'validating', 'validated'];

function toSummary(r: TImportRow, lang: TApiLanguage = 'en'): TImportSummary {
  const status = r.status as TImportStatus;
  return {
    id: r.id,
    entity: r.entity as TImportEntity,
    fileName: r.fileName,
    format: r.format as TImportFormat,
    fileSize: r.fileSize,
    status,
    mode: r.mode as TImportMode | null,
    options: r.options ?? null,
    totalRows: r.totalRows,
    validRows: r.validRows,
    errorRows: r.errorRows,
    processedRows: r.processedRows,
    insertedRows: r.insertedRows,
    updatedRows: r.updatedRows,
    skippedRows: r.skippedRows,
    unchangedRows: r.unchangedRows,
    keptRows: r.keptRows,
    progress: status === 'completed' ? 1 : status === 'importing' && r.totalRows > 0 ? Math.min(1, r.processedRows / r.totalRows) : null,
    failureMessage: describeFailure(r, lang),
    createdByUserId: r.createdByUserId,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Every column of the file with its target, null for the unmapped ones (a column may be named "toString"). */
function fullMapping(columns: string[], stored: Record<string, string>): Record<string, string | null> {
  return Object.fromEntries(columns.map((c) => [c, Object.hasOwn(stored, c) ? (stored[c] ?? null) : null]));
}

/** A file name fit to show and store: no path, no control characters, bounded length. */
function cleanFileName(name: string | undefined) {
  const base = path
    .basename((name ?? '').replace(/\\/g, '/'))
    .replace(/\p{Cc}/gu, '')
    .trim();
  return base.slice(0, 255) || 'upload';
}

/** Imports touch any account of the organisation, so a user limited to their own accounts cannot run them. */
function requireImporter(actor: Actor) {
  requirePermission(actor, 'import:run');
  if (actor.ownAccountsOnly) throw new AppError('FORBIDDEN', { entry: m.import_own_accounts_only });
}

export function createImportService(deps: {
  db: Db;
  clock: Clock;
  database: Database;
  batchSize?: number;
  logger?: { error(obj: object, msg: string): void };
  subscriptionImports?: TSubscriptionPipelineDeps;
  accounts: TAccountsAnnouncer;
  subscriptionAccountsPerChunk?: number;
}) {
  const { db, clock } = deps;
  const runner = createImportRunner(deps);

  async function toDto(r: TImportRow, lang: TApiLanguage): Promise<TImport> {
    const entity = r.entity as TImportEntity;
    const options = r.options ?? null;
    const targetFields = targetFieldsFor(entity, await customFieldsOf(db, r.orgId, entity), options);
    return {
      ...toSummary(r, lang),
      columns: r.columns,
      sampleRows: r.sampleRows,
      suggestedMapping: suggestMapping(entity, r.columns, targetFields, options),
      mapping: r.mapping ? fullMapping(r.columns, r.mapping) : null,
      targetFields,
    };
  }

  async function getRow(tx: Db, actor: Actor, id: string, forUpdate = false) {
    const row = await findImport(tx, actor.orgId, id, { forUpdate });
    if (!row) throw notFound('Import');
    return row;
  }

  return {
    async upload(
      actor: Actor,
      input: { entity: TImportEntity; fileName?: string; bytes: Buffer; options?: TImportOptions | null },
      lang: TApiLanguage = 'en',
    ) {
      requireImporter(actor);
      const fileName = cleanFileName(input.fileName);
      const { format, parseOptions } = sniffFile(input.bytes, fileName);
      const { columns, sampleRows } = await readPreview(input.bytes, format, parseOptions);
      const id = newId();
      await db.transaction(async (tx) => {
        await insertImport(tx, {
          orgId: actor.orgId,
          id,
          entity: input.entity,
          fileName,
          format,
          fileSize: input.bytes.length,
          parseOptions,
          options: input.options ?? null,
          status: 'uploaded',
          columns,
          sampleRows,
          createdByUserId: actor.userId,
          createdAt: clock.now(),
        });
        await storeFile(tx, actor.orgId, id, input.bytes);
      });
      return toDto(await getRow(db, actor, id), lang);
    },

    async get(actor: Actor, id: string, lang: TApiLanguage = 'en') {
      requireImporter(actor);
      return toDto(await getRow(db, actor, id), lang);
    },

    async list(actor: Actor, q: TImportListQuery & { page: number; pageSize: number }, lang: TApiLanguage = 'en') {
      requireImporter(actor);
      const { rows, total } = await listImports(db, actor.orgId, q);
      return { items: rows.map((r) => toSummary(r, lang)), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every import matching the list, in its order, with who uploaded it (for the CSV download). */
    async *exportList(actor: Actor, q: TImportListQuery) {
      requireImporter(actor);
      requirePermission(actor, 'export:run');
      for await (const batch of iterateImports(db, actor.orgId, q))
        yield batch.map(({ row, createdBy }) => ({ ...toSummary(row), createdBy: createdBy ?? '' }));
    },

    /** Save the column mapping and check every row in the background (status validating → validated). */
    async setMapping(actor: Actor, id: string, mapping: Record<string, string | null>, lang: TApiLanguage = 'en') {
      requireImporter(actor);
      await db.transaction(async (tx) => {
        const imp = await getRow(tx, actor, id, true);
        if (!MAPPABLE.includes(imp.status as TImportStatus)) throw conflict('status', m.import_mapping_locked, { status: imp.status });
        const entity = imp.entity as TImportEntity;
        const fields = targetFieldsFor(entity, await customFieldsOf(tx, actor.orgId, entity), imp.options ?? null);
        const problems = checkMapping(entity, mapping, imp.columns, fields);
        if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
        const jobId = await enqueueJob(tx, clock, VALIDATE_JOB, { orgId: actor.orgId, importId: id } satisfies TImportJobPayload, {
          orgId: actor.orgId,
          maxAttempts: IMPORT_JOB_ATTEMPTS,
        });
        await clearErrors(tx, actor.orgId, id);
        await updateImport(tx, actor.orgId, id, {
          mapping: Object.fromEntries(Object.entries(mapping).filter((e): e is [string, string] => e[1] !== null)),
          status: 'validating',
          jobId,
          mode: null,
          totalRows: 0,
          validRows: 0,
          errorRows: 0,
          processedRows: 0,
          insertedRows: 0,
          updatedRows: 0,
          skippedRows: 0,
          unchangedRows: 0,
          keptRows: 0,
          failureMessage: null,
          failure: null,
          startedAt: null,
          startedByUserId: null,
          finishedAt: null,
        });
      });
      return toDto(await getRow(db, actor, id), lang);
    },

    /** Start writing (status importing → completed | failed), after validation. */
    async start(actor: Actor, id: string, mode: TImportMode, lang: TApiLanguage = 'en') {
      requireImporter(actor);
      await db.transaction(async (tx) => {
        const imp = await getRow(tx, actor, id, true);
        const restartable = imp.status === 'failed' && imp.mode !== null;
        if (imp.status !== 'validated' && !restartable) {
          throw imp.status === 'importing'
            ? conflict('status', m.import_running)
            : conflict('status', m.import_not_validated, { status: imp.status });
        }
        if (mode === 'all_or_nothing' && imp.errorRows > 0) {
          throw invalid('mode', m.import_has_errors, { errors: imp.errorRows, total: imp.totalRows, valid: imp.validRows });
        }
        if (imp.validRows === 0) throw invalid('mode', m.import_nothing_valid);
        const jobId = await enqueueJob(tx, clock, RUN_JOB, { orgId: actor.orgId, importId: id } satisfies TImportJobPayload, {
          orgId: actor.orgId,
          maxAttempts: IMPORT_JOB_ATTEMPTS,
        });
        await updateImport(tx, actor.orgId, id, {
          status: 'importing',
          mode,
          jobId,
          processedRows: 0,
          insertedRows: 0,
          updatedRows: 0,
          skippedRows: 0,
          unchangedRows: 0,
          keptRows: 0,
          failureMessage: null,
          failure: null,
          startedAt: clock.now(),
          startedByUserId: actor.userId,
          finishedAt: null,
        });
      });
      return toDto(await getRow(db, actor, id), lang);
    },

    /** Discard an import that has not started; its file and errors go with it. */
    async remove(actor: Actor, id: string) {
      requireImporter(actor);
      await db.transaction(async (tx) => {
        const imp = await getRow(tx, actor, id, true);
        const neverStarted = DISCARDABLE.includes(imp.status as TImportStatus) || (imp.status === 'failed' && imp.mode === null);
        if (!neverStarted) throw conflict('status', m.import_not_discardable, { status: imp.status });
        await deleteImport(tx, actor.orgId, id);
      });
    },

    /** A page of the errors, worded in `lang`. */
    async listErrors(
      actor: Actor,
      id: string,
      q: { page: number; pageSize: number } & Partial<TImportErrorsFilter>,
      lang: TApiLanguage = 'en',
    ) {
      requireImporter(actor);
      await getRow(db, actor, id);
      const { rows, total } = await listErrors(db, actor.orgId, id, q.page, q.pageSize, q);
      return { items: rows.map((e) => localiseRowError(e, lang)), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every error, in row order, a batch at a time (for the CSV download). */
    async exportErrors(actor: Actor, id: string, f: Partial<TImportErrorsFilter> = {}) {
      requireImporter(actor);
      const imp = await getRow(db, actor, id);
      return { fileName: imp.fileName, batches: iterateErrors(db, actor.orgId, id, 2000, f) };
    },

    /** Job handlers (see imports.jobs.ts). */
    runValidation: (payload: TImportJobPayload, ctx: JobContext) => runner.validate(payload, ctx),
    runImport: (payload: TImportJobPayload, ctx: JobContext) => runner.run(payload, ctx),
    abandonJob: (payload: TImportJobPayload, info: TAbandonedJob) => abandonImport(deps, payload, info),
    /** For tests and the CLI: the stored import row. */
    findRow: (orgId: string, id: string) => findImport(db, orgId, id),
  };
}
