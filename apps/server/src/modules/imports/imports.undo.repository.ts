import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TImportTable } from './imports.repository.ts';

/** The undo's reads: an import's audit entries, and which of its rows changed since (locked until the batch commits). */

export interface TUndoEntry {
  auditId: string;
  entityId: string;
  result: string;
  before: string | null;
  at: string;
  rowNumber: number | null;
}

/** The newest `limit` "imported" entries of one import attempt that are still to be played back. */
export function findUndoEntries(
  db: Db,
  target: { orgId: string; importId: string; table: TImportTable; since: Date },
  limit: number,
): Promise<TUndoEntry[]> {
  const entityType = target.table === 'accounts' ? 'account' : 'contact';
  return queryRows<TUndoEntry>(
    db,
    sql`select id as "auditId", entity_id as "entityId", after->>'result' as result, before::text as before,
               at::text as at, (after->>'row')::int as "rowNumber"
        from audit_log
        where org_id = ${target.orgId} and at >= ${target.since.toISOString()}::timestamptz and entity_type = ${entityType}
          and action = 'imported' and after->>'importId' = ${target.importId} and after->'keptOnUndo' is null
        order by at desc, id desc limit ${limit}`,
  );
}

/**
 * "Changed since the import wrote it", as SQL over the row `t` and its audit entry `e` (id, result, at,
 * before). Accounts carry a version (the import set 1 on insert, before + 1 on update); contacts have none,
 * and the import stamped updated_at with the time of its audit entry. A created row that other rows now
 * reference (a contact or note added to an imported account) counts as changed too: deleting it would
 * delete them with it.
 */
function changedSince(table: TImportTable, referenced: SQL): SQL {
  const unchanged =
    table === 'accounts'
      ? sql`t.version = case e.result when 'created' then 1 else (e.before->>'version')::int + 1 end`
      : sql`t.updated_at = e.at`;
  return sql`(not (${unchanged}) or (e.result = 'created' and (${referenced})))`;
}

/**
 * `exists (…) or …` over every foreign key that points at `table`, read from the catalogue so a module added
 * later (with its own references to accounts) is covered without touching this file.
 */
export async function referencedPredicate(db: Db, table: TImportTable): Promise<SQL> {
  const [row] = await queryRows<{ predicate: string | null }>(
    db,
    sql`select string_agg(format('exists (select 1 from %s r where %s)', c.conrelid::regclass,
                 (select string_agg(format('r.%I = t.%I', a.attname, fa.attname), ' and ')
                  from unnest(c.conkey, c.confkey) as k(col, fcol)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.col
                    join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = k.fcol)), ' or ') as predicate
        from pg_constraint c
        where c.contype = 'f' and c.confrelid = ${table}::regclass and c.conrelid <> ${table}::regclass`,
  );
  // Catalogue names, quoted by format(%I) and regclass: safe to splice.
  return row?.predicate ? sql.raw(row.predicate) : sql`false`;
}

/**
 * The ids of the batch's rows that changed since the import wrote them, locked with the rest of the batch's
 * rows, so a user's edit cannot slip in between this check and the undo's writes.
 */
export async function lockChangedRows(
  db: Db,
  orgId: string,
  table: TImportTable,
  entries: TUndoEntry[],
  referenced: SQL,
): Promise<Set<string>> {
  const p = sql.param;
  const e = sql`(select x.* from unnest(${p(entries.map((x) => x.entityId))}::uuid[], ${p(entries.map((x) => x.result))}::text[],
      ${p(entries.map((x) => x.before))}::jsonb[], ${p(entries.map((x) => x.at))}::timestamptz[])
      as x(id, result, before, at)) e`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select t.id from ${sql.raw(table)} t join ${e} on t.id = e.id where t.org_id = ${orgId} and ${changedSince(table, referenced)} for update of t`,
  );
  return new Set(rows.map((r) => r.id));
}
