import { customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.table.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** How the stored file is read back: decided once at upload, so validation and import see the same rows. */
export interface TParseOptions {
  encoding?: string;
  delimiter?: string;
  newline?: '\r\n' | '\n' | '\r';
  /** A leading `sep=;` line (written by Excel) that is not part of the data. */
  skipFirstLine?: boolean;
}

/**
 * One part of why an import stopped (imports.failure.ts): a sentence (or, with `clause`, a clause after "; "),
 * from a catalogue code and its values, naming a field when the error named one; `text` only for an error no
 * catalogue knows.
 */
export type TFailurePart =
  | { code: string; values?: Record<string, string>; field?: string; clause?: boolean }
  | { text: string; clause?: boolean };

/** What the upload chose for a subscriptions import (imports.subscriptions.fields.ts): its form, and whether missing accounts are created. */
export interface TImportOptions {
  format: 'periods' | 'changes';
  /** An unknown customer id becomes an account named after it (its external id the id), instead of a row error. */
  createMissingAccounts: boolean;
  /** The changes form: an unknown reason is added to the organisation's cancel reasons, instead of a row error. */
  createMissingReasons?: boolean;
}

/** An uploaded CSV/XLSX file going through mapping → validation (preview) → import. */
export const imports = pgTable(
  'imports',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    entity: text('entity').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    fileSize: integer('file_size').notNull().default(0),
    parseOptions: jsonb('parse_options').$type<TParseOptions>().notNull().default({}),
    status: text('status').notNull(),
    columns: text('columns').array().notNull(),
    sampleRows: jsonb('sample_rows').$type<string[][]>().notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    /** What the upload chose for a subscriptions import (its form, whether missing accounts are created); null otherwise. */
    options: jsonb('options').$type<TImportOptions>(),
    mode: text('mode'),
    /** The job currently working on this import; a job that finds another id here stops (the mapping changed). */
    jobId: uuid('job_id'),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    insertedRows: integer('inserted_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    skippedRows: integer('skipped_rows').notNull().default(0),
    /** Rows whose record already held what they say (a re-imported subscription history): nothing written. */
    unchangedRows: integer('unchanged_rows').notNull().default(0),
    /** Rows a failed all-or-nothing import could not undo: someone changed them after the import wrote them. */
    keptRows: integer('kept_rows').notNull().default(0),
    /** Why the import stopped, in English (for API clients without Accept-Language and the CSV). */
    failureMessage: text('failure_message'),
    /** The same as parts with codes and values (imports.failure.ts), rendered in the reader's language; null on older rows. */
    failure: jsonb('failure').$type<TFailurePart[]>(),
    createdByUserId: uuid('created_by_user_id').notNull(),
    startedByUserId: uuid('started_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('imports_org_created_idx').on(t.orgId, t.createdAt)],
);

/** The uploaded bytes, in parts of about 1 MB, so a large file is read back as a stream. */
export const importFiles = pgTable(
  'import_files',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    part: integer('part').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.importId, t.part] }),
    foreignKey({ columns: [t.orgId, t.importId], foreignColumns: [imports.orgId, imports.id] }).onDelete('cascade'),
  ],
);

/** One problem in one row of an import: the preview lists every one of them. */
export const importErrors = pgTable(
  'import_errors',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    /** The row number a spreadsheet shows (the header is row 1). */
    rowNumber: integer('row_number').notNull(),
    field: text('field').notNull(),
    /** The file's column the value came from, when there is one. */
    column: text('column'),
    /** In English: what API clients without Accept-Language and the CSV download get. */
    message: text('message').notNull(),
    value: text('value'),
    /** The message's code and `{name}` values (imports.messages.ts), to show it in the reader's language; null on older rows. */
    code: text('code'),
    params: jsonb('params').$type<Record<string, string>>(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.importId, t.rowNumber, t.field] }),
    foreignKey({ columns: [t.orgId, t.importId], foreignColumns: [imports.orgId, imports.id] }).onDelete('cascade'),
  ],
);
