import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withBulkTransaction } from './imports.bulk.ts';
import { queryRows } from './imports.lookups.repository.ts';
import { renderRowMessage } from './imports.messages.ts';
import type { TImportTable } from './imports.repository.ts';
import type { TRowError } from './imports.rows.ts';

export type { TImportTable };

/**
 * Before-images of the rows an import updates, and undoing an import.
 *
 * Every row an import creates or updates gets an "imported" audit entry; for an update its `before` holds
 * the row as it was. On PostgreSQL an all-or-nothing import is one transaction and never needs undoing. On
 * PGlite one transaction would hold its single connection, and every other request, for the whole import,
 * so there the import commits batch by batch and, if a later batch fails, these entries are played back:
 * created rows deleted, updated rows restored, the entries removed.
 *
 * Users keep working while an import runs. A row someone changed after the import wrote it is left as it
 * is: restoring the before-image would silently throw their change away. Such rows ("kept") are reported,
 * and their audit entries stay, marked `keptOnUndo`, since the row still holds what the import wrote.
 */

type TColumn = readonly [key: string, column: string, type: string];

const ACCOUNT_COLUMNS: TColumn[] = [
  ['name', 'name', 'text'],
  ['domain', 'domain', 'text'],
  ['externalId', 'external_id', 'text'],
  ['marketId', 'market_id', 'uuid'],
  ['segment', 'segment', 'text'],
  ['edition', 'edition', 'text'],
  ['lifecycleStage', 'lifecycle_stage', 'text'],
  ['ownerUserId', 'owner_user_id', 'uuid'],
  ['tags', 'tags', 'text[]'],
  ['employees', 'employees', 'integer'],
  ['website', 'website', 'text'],
  ['notes', 'notes', 'text'],
  ['custom', 'custom', 'jsonb'],
  ['version', 'version', 'integer'],
  ['updatedAt', 'updated_at', 'timestamptz'],
];

const CONTACT_COLUMNS: TColumn[] = [
  ['accountId', 'account_id', 'uuid'],
  ['firstName', 'first_name', 'text'],
  ['lastName', 'last_name', 'text'],
  ['email', 'email', 'text'],
  ['phone', 'phone', 'text'],
  ['jobTitle', 'job_title', 'text'],
  ['roles', 'roles', 'text[]'],
  ['language', 'language', 'text'],
  ['externalId', 'external_id', 'text'],
  ['custom', 'custom', 'jsonb'],
  ['updatedAt', 'updated_at', 'timestamptz'],
];

const COLUMNS: Record<TImportTable, TColumn[]> = { accounts: ACCOUNT_COLUMNS, contacts: CONTACT_COLUMNS };

/** `jsonb_build_object(…)` of the columns an import can change, read from `alias` (the row before the update). */
export function beforeImage(table: TImportTable, alias: string): SQL {
  return sql.raw(`jsonb_build_object(${COLUMNS[table].map(([key, column]) => `'${key}', ${alias}.${column}`).join(', ')})`);
}

interface TEntry {
  auditId: string;
  entityId: string;
  result: string;
  before: string | null;
  at: string;
  rowNumber: number | null;
}

/** A row the undo left as it is, because someone changed it after the import wrote it. */
export interface TKeptRow {
  entityId: string;
  /** The row of the file that wrote it (as a spreadsheet numbers it). */
  rowNumber: number | null;
}

const UNDO_BATCH = 2000;

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
async function referencedPredicate(database: Database, table: TImportTable): Promise<SQL> {
  const [row] = await queryRows<{ predicate: string | null }>(
    database.db,
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
 * Play back the audit entries of one import attempt (newest first, a batch at a time, yielding in between).
 * Returns how many rows were undone and which were kept because they changed meanwhile.
 */
export async function undoImport(
  database: Database,
  target: { orgId: string; importId: string; table: TImportTable; since: Date },
): Promise<{ undone: number; kept: TKeptRow[] }> {
  const { orgId, importId, table } = target;
  const entityType = table === 'accounts' ? 'account' : 'contact';
  const columns = COLUMNS[table];
  const p = sql.param;
  const changed = changedSince(table, await referencedPredicate(database, table));
  const tableSql = sql.raw(table);
  let undone = 0;
  const kept: TKeptRow[] = [];
  for (;;) {
    const entries = await queryRows<TEntry>(
      database.db,
      sql`select id as "auditId", entity_id as "entityId", after->>'result' as result, before::text as before,
                 at::text as at, (after->>'row')::int as "rowNumber"
          from audit_log
          where org_id = ${orgId} and at >= ${target.since.toISOString()}::timestamptz and entity_type = ${entityType}
            and action = 'imported' and after->>'importId' = ${importId} and after->'keptOnUndo' is null
          order by at desc, id desc limit ${UNDO_BATCH}`,
    );
    if (!entries.length) return { undone, kept };
    await withBulkTransaction(database, async (tx) => {
      // The batch's entries beside their rows, locked, so a user's edit cannot slip in between check and write.
      const e = sql`(select x.* from unnest(${p(entries.map((x) => x.entityId))}::uuid[], ${p(entries.map((x) => x.result))}::text[],
          ${p(entries.map((x) => x.before))}::jsonb[], ${p(entries.map((x) => x.at))}::timestamptz[])
          as x(id, result, before, at)) e`;
      const keptRows = await queryRows<{ id: string }>(
        tx.db,
        sql`select t.id from ${tableSql} t join ${e} on t.id = e.id where t.org_id = ${orgId} and ${changed} for update of t`,
      );
      const keptIds = new Set(keptRows.map((r) => r.id));
      const created = entries.filter((x) => x.result === 'created' && !keptIds.has(x.entityId)).map((x) => x.entityId);
      const updated = entries.filter((x) => x.result === 'updated' && x.before && !keptIds.has(x.entityId));
      if (created.length) await tx.db.execute(sql`delete from ${tableSql} where org_id = ${orgId} and id = any(${p(created)}::uuid[])`);
      if (updated.length) {
        const set = sql.raw(columns.map(([key, column]) => `${column} = b."${key}"`).join(', '));
        const record = sql.raw(columns.map(([key, , type]) => `"${key}" ${type}`).join(', '));
        await tx.db.execute(sql`
          update ${tableSql} t set ${set}
          from (select e.id, x.* from unnest(${p(updated.map((x) => x.entityId))}::uuid[], ${p(updated.map((x) => x.before))}::jsonb[]) as e(id, before),
                 jsonb_to_record(e.before) as x(${record})) b
          where t.org_id = ${orgId} and t.id = b.id`);
      }
      const keptEntries = entries.filter((x) => keptIds.has(x.entityId));
      const undoneEntries = entries.filter((x) => !keptIds.has(x.entityId));
      if (keptEntries.length) {
        await tx.db.execute(sql`update audit_log set after = after || '{"keptOnUndo": true}'::jsonb
          where org_id = ${orgId} and id = any(${p(keptEntries.map((x) => x.auditId))}::uuid[])`);
      }
      if (undoneEntries.length) {
        await tx.db.execute(
          sql`delete from audit_log where org_id = ${orgId} and id = any(${p(undoneEntries.map((x) => x.auditId))}::uuid[])`,
        );
      }
      kept.push(...keptEntries.map((x) => ({ entityId: x.entityId, rowNumber: x.rowNumber })));
      undone += undoneEntries.length;
    });
    await yieldToEventLoop();
  }
}

/** Each row the undo left as it is, as an entry of the import's error list (which the user reads row by row). */
export const keptRowErrors = (kept: TKeptRow[]): TRowError[] =>
  kept.map((k) => ({
    rowNumber: k.rowNumber ?? 0,
    field: 'row',
    column: null,
    message: renderRowMessage('kept_on_undo', 'en'),
    value: k.entityId,
    code: 'kept_on_undo',
    params: {},
  }));
