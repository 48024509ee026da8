import { and, asc, count, desc, eq, gt, ilike, inArray, lte, max, or, type SQL, sql } from 'drizzle-orm';
import type { Database, Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { users } from '../identity/index.ts';
import type { TRowError } from './imports.rows.ts';
import type { TImportErrorsFilter, TImportListQuery } from './imports.schemas.ts';
import { importErrors, importFiles, imports } from './imports.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction. */

export type TImportRow = typeof imports.$inferSelect;
export const FILE_PART_BYTES = 1024 * 1024;

/** An import of the organisation; `forUpdate` locks its row until the transaction ends. */
export async function findImport(db: Db, orgId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<TImportRow | null> {
  const q = db
    .select()
    .from(imports)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertImport(db: Db, values: typeof imports.$inferInsert) {
  await db.insert(imports).values(values);
}

/** Delete an import; its file and errors go with it (foreign keys cascade). */
export async function deleteImport(db: Db, orgId: string, id: string) {
  await db.delete(imports).where(and(eq(imports.orgId, orgId), eq(imports.id, id)));
}

const SORT_COLUMNS = {
  createdAt: imports.createdAt,
  finishedAt: imports.finishedAt,
  fileName: sql`lower(${imports.fileName})`,
  entity: imports.entity,
  status: imports.status,
  totalRows: imports.totalRows,
  errorRows: imports.errorRows,
};

const importsWhere = (orgId: string, q: TImportListQuery, until?: Date) =>
  and(
    eq(imports.orgId, orgId),
    q.entity ? eq(imports.entity, q.entity) : undefined,
    q.status ? eq(imports.status, q.status) : undefined,
    q.mode ? eq(imports.mode, q.mode) : undefined,
    q.q ? ilike(imports.fileName, containsPattern(q.q)) : undefined,
    until ? lte(imports.createdAt, until) : undefined,
  );

// Newest first unless asked otherwise; empty values (not finished) last either way; ties newest first, the id keeps pages stable.
function importsOrder(q: TImportListQuery): SQL[] {
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  if (q.sort === 'createdAt') return [sql`${imports.createdAt} ${dir}`, sql`${imports.id} ${dir}`];
  return [sql`${SORT_COLUMNS[q.sort]} ${dir} nulls last`, desc(imports.createdAt), desc(imports.id)];
}

export async function listImports(db: Db, orgId: string, q: TImportListQuery & { page: number; pageSize: number }) {
  const where = importsWhere(orgId, q);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(imports)
      .where(where)
      .orderBy(...importsOrder(q))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(imports).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/**
 * Every import matching the list, in its order, with the name of who uploaded it, a batch at a time;
 * imports uploaded after the export began are left out.
 */
export async function* iterateImports(db: Db, orgId: string, q: TImportListQuery) {
  const [last] = await db
    .select({ at: max(imports.createdAt) })
    .from(imports)
    .where(importsWhere(orgId, q));
  if (!last?.at) return;
  const where = importsWhere(orgId, q, last.at);
  yield* inBatches((limit, offset) =>
    db
      .select({ row: imports, createdBy: users.name })
      .from(imports)
      .leftJoin(users, and(eq(users.orgId, imports.orgId), eq(users.id, imports.createdByUserId)))
      .where(where)
      .orderBy(...importsOrder(q))
      .limit(limit)
      .offset(offset),
  );
}

/** Update an import, but only while `jobId` is still the given job (a newer mapping or start replaces it). */
export async function updateImport(db: Db, orgId: string, id: string, values: Partial<typeof imports.$inferInsert>, jobId?: string) {
  const rows = await db
    .update(imports)
    .set(values)
    .where(and(eq(imports.orgId, orgId), eq(imports.id, id), jobId ? eq(imports.jobId, jobId) : undefined))
    .returning({ id: imports.id });
  return rows.length > 0;
}

// Bytes travel as base64 text: PGlite serialises bytea parameters and results byte by byte (about 3 s for
// 10 MB each way), base64 through encode/decode takes a tenth of that; PostgreSQL is fast either way.
export async function storeFile(db: Db, orgId: string, importId: string, bytes: Buffer) {
  for (let part = 0, offset = 0; offset < bytes.length; part++, offset += FILE_PART_BYTES) {
    const content = bytes.subarray(offset, offset + FILE_PART_BYTES).toString('base64');
    await db.execute(
      sql`insert into import_files (org_id, import_id, part, content) values (${orgId}, ${importId}, ${part}, decode(${content}, 'base64'))`,
    );
  }
}

/** The stored file as a stream of parts, fetched one at a time. */
export async function* readFile(db: Db, orgId: string, importId: string): AsyncGenerator<Buffer> {
  for (let part = 0; ; part++) {
    const result = (await db.execute(
      sql`select encode(content, 'base64') as content from import_files where org_id = ${orgId} and import_id = ${importId} and part = ${part}`,
    )) as unknown as { rows: { content: string }[] };
    const row = result.rows[0];
    if (!row) return;
    yield Buffer.from(row.content, 'base64');
  }
}

export async function deleteFile(db: Db, orgId: string, importId: string) {
  await db.delete(importFiles).where(and(eq(importFiles.orgId, orgId), eq(importFiles.importId, importId)));
}

export async function clearErrors(db: Db, orgId: string, importId: string) {
  await db.delete(importErrors).where(and(eq(importErrors.orgId, orgId), eq(importErrors.importId, importId)));
}

export async function insertErrors(db: Db, orgId: string, importId: string, errors: TRowError[]) {
  if (!errors.length) return;
  const p = sql.param;
  await db.execute(sql`
    insert into import_errors (org_id, import_id, row_number, field, "column", message, value, code, params)
    select ${orgId}::uuid, ${importId}::uuid, r.row_number, r.field, r."column", r.message, r.value, r.code, r.params::jsonb
    from unnest(${p(errors.map((e) => e.rowNumber))}::int[], ${p(errors.map((e) => e.field))}::text[],
      ${p(errors.map((e) => e.column))}::text[], ${p(errors.map((e) => e.message))}::text[], ${p(errors.map((e) => e.value))}::text[],
      ${p(errors.map((e) => e.code))}::text[], ${p(errors.map((e) => (e.params ? JSON.stringify(e.params) : null)))}::text[])
      as r(row_number, field, "column", message, value, code, params)
    on conflict do nothing`);
}

const errorColumns = {
  rowNumber: importErrors.rowNumber,
  field: importErrors.field,
  column: importErrors.column,
  message: importErrors.message,
  value: importErrors.value,
  code: importErrors.code,
  params: importErrors.params,
};

/** The errors a list or its CSV asks for: words in the message, column or value; some fields only. */
function errorsFilter(f: Partial<TImportErrorsFilter>): SQL | undefined {
  const words = f.q?.trim();
  const pattern = words ? containsPattern(words) : null;
  return and(
    pattern ? or(ilike(importErrors.message, pattern), ilike(importErrors.column, pattern), ilike(importErrors.value, pattern)) : undefined,
    f.field?.length ? inArray(importErrors.field, f.field) : undefined,
  );
}

export async function listErrors(
  db: Db,
  orgId: string,
  importId: string,
  page: number,
  pageSize: number,
  f: Partial<TImportErrorsFilter> = {},
) {
  const where = and(eq(importErrors.orgId, orgId), eq(importErrors.importId, importId), errorsFilter(f));
  const byRow = f.order === 'desc' ? desc(importErrors.rowNumber) : asc(importErrors.rowNumber);
  const [rows, [total]] = await Promise.all([
    db
      .select(errorColumns)
      .from(importErrors)
      .where(where)
      .orderBy(byRow, asc(importErrors.field))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(importErrors).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every error in row order, a batch at a time (keyset paging), for the CSV download of any size. */
export async function* iterateErrors(db: Db, orgId: string, importId: string, batchSize = 2000, f: Partial<TImportErrorsFilter> = {}) {
  let after: { rowNumber: number; field: string } | null = null;
  for (;;) {
    const batch: TRowError[] = await db
      .select(errorColumns)
      .from(importErrors)
      .where(
        and(
          eq(importErrors.orgId, orgId),
          eq(importErrors.importId, importId),
          errorsFilter(f),
          after
            ? or(
                gt(importErrors.rowNumber, after.rowNumber),
                and(eq(importErrors.rowNumber, after.rowNumber), gt(importErrors.field, after.field)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(importErrors.rowNumber), asc(importErrors.field))
      .limit(batchSize);
    if (!batch.length) return;
    yield batch;
    const last = batch[batch.length - 1] as TRowError;
    after = { rowNumber: last.rowNumber, field: last.field };
    if (batch.length < batchSize) return;
  }
}

/** The name of a user of the organisation, or null when there is no such user. */
export async function findUserName(db: Db, orgId: string, userId: string): Promise<string | null> {
  const [user] = await db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return user?.name ?? null;
}

/** The tables an import writes (and whose statistics it keeps fresh). */
export type TImportTable = 'accounts' | 'contacts';

/** Rows the planner believes the table has (from the last ANALYZE or VACUUM; 0 if never). */
export async function estimatedRows(db: Db, table: TImportTable): Promise<number> {
  const result = (await db.execute(
    sql`select greatest(reltuples, 0)::float8 as n from pg_class where oid = ${table}::regclass`,
  )) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * ANALYZE. On PGlite it runs on the server's thread and nothing else is served meanwhile: there it samples
 * 3,000 rows (statistics target 10) instead of 30,000, which took 45 ms instead of 650 ms at 130k accounts.
 * That sample still gives the row count the lookups depend on and every frequent value of the few-valued
 * columns (segment, market, edition, stage) the list filters on. PostgreSQL analyzes with its own settings.
 */
export async function analyzeTable(database: Database, table: TImportTable) {
  if (database.kind !== 'pglite') {
    await database.db.execute(sql.raw(`analyze ${table}`));
    return;
  }
  await database.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local default_statistics_target = 10'));
    await tx.execute(sql.raw(`analyze ${table}`));
  });
}

/** VACUUM (PGlite has no autovacuum): the dead rows that updates and undone batches leave behind. */
export async function vacuumTable(db: Db, table: TImportTable) {
  await db.execute(sql.raw(`vacuum ${table}`));
}
