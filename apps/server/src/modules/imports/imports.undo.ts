import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { withBulkTransaction } from './imports.bulk.ts';
import { queryRows } from './imports.rows.ts';

/**
 * Before-images of the rows an import updates, and undoing an import.
 *
 * Every row an import creates or updates gets an "imported" audit entry; for an update its `before` holds
 * the row as it was. On PostgreSQL an all-or-nothing import is one transaction and never needs undoing. On
 * PGlite one transaction would hold its single connection, and every other request, for the whole import,
 * so there the import commits batch by batch and, if a later batch fails, these entries are played back:
 * created rows deleted, updated rows restored, the entries removed. Nothing of the import remains.
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

export type TImportTable = 'accounts' | 'contacts';
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
}

/** Play back the audit entries of one import attempt (newest first, a batch at a time, yielding in between). */
export async function undoImport(
  database: Database,
  target: { orgId: string; importId: string; table: TImportTable; since: Date },
): Promise<number> {
  const { orgId, importId, table } = target;
  const entityType = table === 'accounts' ? 'account' : 'contact';
  const columns = COLUMNS[table];
  const p = sql.param;
  let undone = 0;
  for (;;) {
    const entries = await queryRows<TEntry>(
      database.db,
      sql`select id as "auditId", entity_id as "entityId", after->>'result' as result, before::text as before from audit_log
          where org_id = ${orgId} and at >= ${target.since.toISOString()}::timestamptz and entity_type = ${entityType}
            and action = 'imported' and after->>'importId' = ${importId}
          order by at desc, id desc limit 2000`,
    );
    if (!entries.length) return undone;
    const created = entries.filter((e) => e.result === 'created').map((e) => e.entityId);
    const updated = entries.filter((e) => e.result === 'updated' && e.before);
    await withBulkTransaction(database, async (tx) => {
      if (created.length)
        await tx.db.execute(sql`delete from ${sql.raw(table)} where org_id = ${orgId} and id = any(${p(created)}::uuid[])`);
      if (updated.length) {
        const set = sql.raw(columns.map(([key, column]) => `${column} = b."${key}"`).join(', '));
        const record = sql.raw(columns.map(([key, , type]) => `"${key}" ${type}`).join(', '));
        await tx.db.execute(sql`
          update ${sql.raw(table)} t set ${set}
          from (select e.id, x.* from unnest(${p(updated.map((e) => e.entityId))}::uuid[], ${p(updated.map((e) => e.before))}::jsonb[]) as e(id, before),
                 jsonb_to_record(e.before) as x(${record})) b
          where t.org_id = ${orgId} and t.id = b.id`);
      }
      await tx.db.execute(sql`delete from audit_log where org_id = ${orgId} and id = any(${p(entries.map((e) => e.auditId))}::uuid[])`);
    });
    undone += entries.length;
    await yieldToEventLoop();
  }
}
