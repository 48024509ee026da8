import { sql } from 'drizzle-orm';
import {
  type BulkTx,
  beforeImage,
  columnsOf,
  copyCell,
  copyLine,
  copyTextArray,
  deleteRowsById,
  queryRows,
  restoreRows,
  type TRestoreColumn,
} from '../../platform/db/bulk.ts';

/**
 * The accounts an import writes, many at a time in the import's transaction: new ones by COPY (about twice as
 * fast as INSERT … SELECT FROM unnest), existing ones by one UPDATE … FROM unnest that returns each row's
 * before-image (for the audit entry and a later undo). Every statement is pinned to the organisation.
 */

/** One account as an import writes it: null means "keep what the account has" (a blank cell). */
export interface TAccountImportRow {
  id: string;
  name: string;
  domain: string | null;
  externalId: string | null;
  marketId: string | null;
  segment: string | null;
  edition: string | null;
  lifecycleStage: string | null;
  ownerUserId: string | null;
  tags: string[] | null;
  employees: number | null;
  website: string | null;
  notes: string | null;
  custom: Record<string, unknown> | null;
}

/** The columns an import may change, as the before-image keeps them and an undo restores them. */
export const ACCOUNT_IMPORT_COLUMNS: readonly TRestoreColumn[] = [
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

const INSERT_COLUMNS = [
  'org_id',
  'id',
  'name',
  'domain',
  'external_id',
  'market_id',
  'segment',
  'edition',
  'lifecycle_stage',
  'owner_user_id',
  'tags',
  'employees',
  'website',
  'notes',
  'custom',
  'version',
  'created_at',
  'updated_at',
];

/** New accounts, by COPY, created and updated at `now` (ISO), version 1. */
export async function copyNewAccounts(tx: BulkTx, orgId: string, now: string, rows: TAccountImportRow[]) {
  const lines = rows.map((r) =>
    copyLine([
      orgId,
      r.id,
      copyCell(r.name),
      copyCell(r.domain),
      copyCell(r.externalId),
      copyCell(r.marketId),
      copyCell(r.segment),
      copyCell(r.edition),
      r.lifecycleStage ?? 'onboarding',
      copyCell(r.ownerUserId),
      copyTextArray(r.tags ?? []),
      copyCell(r.employees),
      copyCell(r.website),
      copyCell(r.notes),
      copyCell(JSON.stringify(r.custom ?? {})),
      '1',
      now,
      now,
    ]),
  );
  await tx.copy('accounts', INSERT_COLUMNS, lines);
}

const TAG_SEPARATOR = '\u001f'; // cannot occur in a tag (control characters are refused)

function unnested(rows: TAccountImportRow[]) {
  const c = columnsOf(rows, {
    id: (r) => r.id,
    name: (r) => r.name,
    domain: (r) => r.domain,
    externalId: (r) => r.externalId,
    marketId: (r) => r.marketId,
    segment: (r) => r.segment,
    edition: (r) => r.edition,
    stage: (r) => r.lifecycleStage,
    owner: (r) => r.ownerUserId,
    tags: (r) => (r.tags ? r.tags.join(TAG_SEPARATOR) : null),
    employees: (r) => r.employees,
    website: (r) => r.website,
    notes: (r) => r.notes,
    custom: (r) => (r.custom ? JSON.stringify(r.custom) : null),
  });
  const p = sql.param;
  return sql`unnest(${p(c.id)}::uuid[], ${p(c.name)}::text[], ${p(c.domain)}::text[], ${p(c.externalId)}::text[],
    ${p(c.marketId)}::uuid[], ${p(c.segment)}::text[], ${p(c.edition)}::text[], ${p(c.stage)}::text[], ${p(c.owner)}::uuid[],
    ${p(c.tags)}::text[], ${p(c.employees)}::int[], ${p(c.website)}::text[], ${p(c.notes)}::text[], ${p(c.custom)}::text[])
    as r(id, name, domain, external_id, market_id, segment, edition, lifecycle_stage, owner_user_id, tags, employees, website, notes, custom)`;
}

/**
 * Existing accounts, in one UPDATE: blank values keep what the account has, given ones replace it (tags as a
 * whole list, custom fields per key); the version goes up. Returns each account's before-image (JSON text) by id.
 */
export async function updateImportedAccounts(tx: BulkTx, orgId: string, now: string, rows: TAccountImportRow[]) {
  if (!rows.length) return new Map<string, string>();
  const updated = await queryRows<{ id: string; before: string }>(
    tx.db,
    sql`
    update accounts a set
      name = r.name,
      domain = coalesce(r.domain, a.domain),
      external_id = coalesce(r.external_id, a.external_id),
      market_id = coalesce(r.market_id, a.market_id),
      segment = coalesce(r.segment, a.segment),
      edition = coalesce(r.edition, a.edition),
      lifecycle_stage = coalesce(r.lifecycle_stage, a.lifecycle_stage),
      owner_user_id = coalesce(r.owner_user_id, a.owner_user_id),
      tags = coalesce(string_to_array(r.tags, ${TAG_SEPARATOR}), a.tags),
      employees = coalesce(r.employees, a.employees),
      website = coalesce(r.website, a.website),
      notes = coalesce(r.notes, a.notes),
      custom = a.custom || coalesce(r.custom::jsonb, '{}'),
      version = a.version + 1,
      updated_at = ${now}::timestamptz
    from (select r.*, ${beforeImage(ACCOUNT_IMPORT_COLUMNS, 'o')} as before
          from ${unnested(rows)} join accounts o on o.org_id = ${orgId}::uuid and o.id = r.id) r
    where a.org_id = ${orgId}::uuid and a.id = r.id
    returning a.id, r.before::text as before`,
  );
  return new Map(updated.map((r) => [r.id, r.before]));
}

/** Undo of an import: the accounts it created go (ids), the ones it updated get their before-images back. */
export async function undoImportedAccounts(
  tx: BulkTx,
  orgId: string,
  undo: { created: string[]; updated: { id: string; before: string }[] },
) {
  await deleteRowsById(tx, 'accounts', orgId, undo.created);
  await restoreRows(tx, 'accounts', ACCOUNT_IMPORT_COLUMNS, orgId, undo.updated);
}
