import { customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.table.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** An uploaded CSV/XLSX file going through mapping → preview → import. */
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
    status: text('status').notNull(),
    columns: text('columns').array().notNull(),
    sampleRows: jsonb('sample_rows').$type<string[][]>().notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    mode: text('mode'),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    insertedRows: integer('inserted_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    skippedRows: integer('skipped_rows').notNull().default(0),
    failureMessage: text('failure_message'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('imports_org_created_idx').on(t.orgId, t.createdAt)],
);

export const importFiles = pgTable(
  'import_files',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.importId] }),
    foreignKey({ columns: [t.orgId, t.importId], foreignColumns: [imports.orgId, imports.id] }).onDelete('cascade'),
  ],
);

/** One problem in one row of an import: the preview lists every one of them. */
export const importErrors = pgTable(
  'import_errors',
  {
    orgId: uuid('org_id').notNull(),
    importId: uuid('import_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    field: text('field').notNull(),
    message: text('message').notNull(),
    value: text('value'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.importId, t.rowNumber, t.field] }),
    foreignKey({ columns: [t.orgId, t.importId], foreignColumns: [imports.orgId, imports.id] }).onDelete('cascade'),
  ],
);
