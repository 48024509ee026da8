import { z } from 'zod';
import { ZPageQuery, zPage, zStringList } from '../../platform/http/schemas.ts';
import { IMPORT_ENTITIES, TARGET_TYPES } from './imports.fields.ts';
import { IMPORT_FORMATS } from './imports.parse.ts';
import { SUBSCRIPTION_FORMATS } from './imports.subscriptions.fields.ts';

export const IMPORT_STATUSES = ['uploaded', 'validating', 'validated', 'importing', 'completed', 'failed'] as const;
export type TImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_MODES = ['all_or_nothing', 'skip_invalid'] as const;
export type TImportMode = (typeof IMPORT_MODES)[number];

export const ZTargetField = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  type: z.enum(TARGET_TYPES),
  options: z.array(z.string()).optional(),
  hint: z.string().optional(),
});

export const ZImportOptions = z
  .object({
    format: z.enum(SUBSCRIPTION_FORMATS).describe('periods: one row per paid period; changes: one row per effective-dated change'),
    createMissingAccounts: z.boolean().describe('An unknown customer id creates an account named after it (instead of a row error)'),
    createMissingReasons: z
      .boolean()
      .optional()
      .describe("The changes form: an unknown reason is added to the organisation's cancel reasons (instead of a row error)"),
  })
  .describe('What the upload chose for a subscriptions import; null for accounts and contacts');

const summary = {
  id: z.uuid(),
  entity: z.enum(IMPORT_ENTITIES),
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  fileSize: z.int(),
  status: z.enum(IMPORT_STATUSES),
  mode: z.enum(IMPORT_MODES).nullable(),
  options: ZImportOptions.nullable(),
  totalRows: z.int(),
  validRows: z.int(),
  errorRows: z.int(),
  processedRows: z.int().describe('Rows checked (while validating) or written or skipped (while importing) so far'),
  insertedRows: z.int(),
  updatedRows: z.int(),
  skippedRows: z.int(),
  unchangedRows: z.int().describe('Rows that changed nothing: what they say was already stored (re-imported subscription history)'),
  keptRows: z
    .int()
    .describe(
      'Rows a failed all_or_nothing import did not undo because someone changed them after the import wrote them: they keep that change and the imported values (each is listed among the errors)',
    ),
  progress: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('Share of the import done (0–1) while importing; null while the row count is not known yet'),
  failureMessage: z.string().nullable().describe("Why the import stopped, in the request's language (Accept-Language)"),
  createdByUserId: z.uuid(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
};

export const ZImportSummary = z.object(summary);
export const ZImport = z.object({
  ...summary,
  columns: z.array(z.string()).describe("The file's header row"),
  sampleRows: z.array(z.array(z.string())).describe('The first data rows, for the mapping step'),
  suggestedMapping: z.record(z.string(), z.string().nullable()).describe('Source column → target field, guessed from the header names'),
  mapping: z.record(z.string(), z.string().nullable()).nullable(),
  targetFields: z.array(ZTargetField),
});
export type TImport = z.infer<typeof ZImport>;
export type TImportSummary = z.infer<typeof ZImportSummary>;

export const ZImportPage = zPage(ZImportSummary);
export const IMPORT_SORTS = ['createdAt', 'finishedAt', 'fileName', 'entity', 'status', 'totalRows', 'errorRows'] as const;
export const ZImportListQuery = ZPageQuery.pick({ page: true, pageSize: true }).extend({
  entity: z.enum(IMPORT_ENTITIES).optional(),
  status: z.enum(IMPORT_STATUSES).optional(),
  mode: z.enum(IMPORT_MODES).optional(),
  /** Part of the file name. */
  q: z.string().trim().max(200).optional(),
  sort: z.enum(IMPORT_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const ZImportExportQuery = ZImportListQuery.omit({ page: true, pageSize: true });
export type TImportListQuery = z.infer<typeof ZImportExportQuery>;

export const ZUploadImportForm = z.object({
  entity: z.enum(IMPORT_ENTITIES),
  format: z.enum(SUBSCRIPTION_FORMATS).optional().describe('subscriptions only: the form of the file (default periods)'),
  createMissingAccounts: z
    .enum(['true', 'false'])
    .optional()
    .describe('subscriptions only: "true" creates an account (named after it) for an unknown customer id'),
  createMissingReasons: z
    .enum(['true', 'false'])
    .optional()
    .describe('subscriptions, changes form: "true" adds an unknown reason to the cancel reasons instead of reporting the row'),
  file: z.file().describe('A CSV (comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252) or .xlsx file'),
});

export const ZSetMappingRequest = z.strictObject({
  mapping: z
    .record(z.string().max(200), z.string().max(100).nullable())
    .describe('Source column → target field key, or null to ignore the column'),
});

export const ZStartImportRequest = z.strictObject({
  mode: z.enum(IMPORT_MODES).describe('all_or_nothing: write nothing unless every row is valid; skip_invalid: write the valid rows'),
});

export const ZImportError = z.object({
  rowNumber: z.int().describe('The row number as the spreadsheet shows it (the header is row 1)'),
  field: z.string().describe('The target field, or "row" for a problem with the whole row'),
  column: z.string().nullable(),
  code: z.string().describe('What is wrong, machine-readable (e.g. is_required, not_a_number, same_external_id_as_row)'),
  params: z.record(z.string(), z.string()).describe('The values the message names, e.g. { "row": "4" }'),
  message: z.string().describe("In the request's language (Accept-Language: en, nl, da; English without it)"),
  value: z.string().nullable(),
});
export const ZImportErrorPage = zPage(ZImportError);
/** Which errors: words in the message, column or value, some fields only; by row number. The CSV takes the same. */
export const ZImportErrorsFilter = z.object({
  q: z.string().max(200).optional().describe('Words in the (English) message, the column or the value'),
  field: zStringList().describe('Only errors of these fields (target field keys, or row)'),
  sort: z.enum(['rowNumber']).default('rowNumber'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TImportErrorsFilter = z.infer<typeof ZImportErrorsFilter>;
export const ZImportErrorsQuery = ZPageQuery.pick({ page: true, pageSize: true }).extend(ZImportErrorsFilter.shape);
