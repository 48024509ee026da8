import { type AnyColumn, and, asc, count, desc, eq, gte, lte, max, type SQL, sql } from 'drizzle-orm';
import { type BulkTx, copyCell, copyLine } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TAuditFilter, TAuditQuery } from './audit.schemas.ts';
import { auditLog } from './audit.table.ts';

/** Queries only: no HTTP, no access checks. Every function takes a db or a transaction and the organisation. */

export type TNewAuditEntry = Omit<typeof auditLog.$inferInsert, 'orgId'>;
export type TAuditRow = typeof auditLog.$inferSelect & { entityName: string | null; names?: Record<string, string> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids a snapshot's fields hold (an owner's, an account's …), top level and in lists. */
function idsIn(snapshot: unknown, into: Set<string>) {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) return;
  for (const value of Object.values(snapshot)) {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && UUID.test(v)) into.add(v.toLowerCase());
  }
}

export async function insertAuditEntry(db: Db, orgId: string, entry: TNewAuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, orgId });
}

/** Several entries, one statement per 1,000 (a batch of changes written together). */
export async function insertAuditEntries(db: Db, orgId: string, entries: TNewAuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) await db.insert(auditLog).values(entries.slice(i, i + 1000).map((e) => ({ ...e, orgId })));
}

function whereOf(orgId: string, q: TAuditFilter, until?: Date): SQL | undefined {
  return and(
    eq(auditLog.orgId, orgId),
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.actorUserId ? eq(auditLog.actorUserId, q.actorUserId) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
    q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
    until ? lte(auditLog.at, until) : undefined,
  );
}

type TOrderColumns = Record<'at' | 'id' | 'actorLabel' | 'entityType' | 'action', AnyColumn>;

// Ties (same actor, same action) keep time order, newest first unless the list asks otherwise; the id makes pages stable.
export function orderOf(c: TOrderColumns, q: TAuditFilter) {
  const dir = q.order === 'asc' ? asc : desc;
  const sort = q.sort ?? 'at';
  return sort === 'at' ? [dir(c.at), dir(c.id)] : [dir(c[sort]), desc(c.at), desc(c.id)];
}

/**
 * The query that names each entry's item joins the tables of the modules that own them, and those modules
 * write the audit log; it is loaded on first use so that the audit module does not import them while they
 * load (every module's service imports recordAudit from here).
 */
let names: Promise<typeof import('./audit.names.repository.ts')> | undefined;
async function namedPage(
  db: Db,
  orgId: string,
  where: SQL | undefined,
  q: TAuditFilter,
  limit: number,
  offset: number,
): Promise<TAuditRow[]> {
  names ??= import('./audit.names.repository.ts');
  return (await names).selectNamedPage(db, orgId, auditPage(db, where, q, limit, offset), q);
}

/** One page of the log as a subquery, cut before any join. */
function auditPage(db: Db, where: SQL | undefined, q: TAuditFilter, limit: number, offset: number) {
  return db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(...orderOf(auditLog, q))
    .limit(limit)
    .offset(offset)
    .as('page');
}
export type TAuditPage = ReturnType<typeof auditPage>;

export async function listAuditEntries(db: Db, orgId: string, q: TAuditQuery): Promise<{ rows: TAuditRow[]; total: number }> {
  const where = whereOf(orgId, q);
  const [rows, [total]] = await Promise.all([
    namedPage(db, orgId, where, q, q.pageSize, (q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  // The names of what the entries' fields point at, for the page in one look-up per kind.
  const ids = new Set<string>();
  for (const r of rows) {
    idsIn(r.before, ids);
    idsIn(r.after, ids);
  }
  names ??= import('./audit.names.repository.ts');
  const found = await (await names).selectReferencedNames(db, orgId, [...ids]);
  for (const r of rows) {
    const mine = new Set<string>();
    idsIn(r.before, mine);
    idsIn(r.after, mine);
    r.names = Object.fromEntries([...mine].flatMap((id) => (found.has(id) ? [[id, found.get(id) as string]] : [])));
  }
  return { rows, total: total?.n ?? 0 };
}

/** When the newest matching entry was written (null when none matches): an export stops there. */
export async function findLatestEntryAt(db: Db, orgId: string, q: TAuditFilter): Promise<Date | null> {
  const [last] = await db
    .select({ at: max(auditLog.at) })
    .from(auditLog)
    .where(whereOf(orgId, q));
  return last?.at ?? null;
}

/** One slice of the matching entries written until `until`, in the list's order, with their items' names. */
export async function pageAuditEntries(
  db: Db,
  orgId: string,
  q: TAuditFilter,
  page: { until: Date; limit: number; offset: number },
): Promise<TAuditRow[]> {
  return namedPage(db, orgId, whereOf(orgId, q, page.until), q, page.limit, page.offset);
}

/**
 * A condition for another module's list: the record with id `idColumn` was created or updated by the import
 * (its "imported" audit entry names the import; an undo deletes the entries of the rows it put back).
 */
export function touchedByImport(orgId: string, entityType: 'account' | 'contact', importId: string, idColumn: AnyColumn): SQL {
  return sql`${idColumn}::text in (select ${auditLog.entityId} from ${auditLog}
    where ${auditLog.orgId} = ${orgId} and ${auditLog.entityType} = ${entityType} and ${auditLog.action} = 'imported'
      and ${auditLog.after}->>'importId' = ${importId})`;
}

/** An audit entry as a bulk write (an import) records it; `before` is already JSON text (a before-image). */
export interface TBulkAuditEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  entityType: string;
  entityId: string;
  action: string;
  before: string | null;
  after: unknown;
}

const AUDIT_COPY_COLUMNS = ['org_id', 'id', 'at', 'actor_user_id', 'actor_label', 'entity_type', 'entity_id', 'action', 'before', 'after'];

/** Many audit entries of one organisation, by COPY in the bulk write's transaction. */
export async function copyAuditEntries(tx: BulkTx, orgId: string, entries: TBulkAuditEntry[]) {
  const lines = entries.map((e) =>
    copyLine([
      orgId,
      e.id,
      e.at,
      copyCell(e.actorUserId),
      copyCell(e.actorLabel),
      copyCell(e.entityType),
      copyCell(e.entityId),
      copyCell(e.action),
      copyCell(e.before),
      copyCell(JSON.stringify(e.after)),
    ]),
  );
  await tx.copy('audit_log', AUDIT_COPY_COLUMNS, lines);
}

/** Marks entries (an import's, whose rows its undo kept as they were): `after` gets the given keys. */
export async function markAuditEntries(tx: BulkTx, orgId: string, ids: string[], mark: Record<string, unknown>) {
  if (!ids.length) return;
  await tx.db.execute(sql`update audit_log set after = after || ${JSON.stringify(mark)}::jsonb
    where org_id = ${orgId} and id = any(${sql.param(ids)}::uuid[])`);
}

/** Removes entries whose change was undone (an import's), so no history tells of a change that is gone. */
export async function deleteAuditEntries(tx: BulkTx, orgId: string, ids: string[]) {
  if (!ids.length) return;
  await tx.db.execute(sql`delete from audit_log where org_id = ${orgId} and id = any(${sql.param(ids)}::uuid[])`);
}
