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
import type { Db } from '../../platform/db/database.ts';

/**
 * The contacts an import writes, many at a time in the import's transaction: new ones by COPY, existing ones by
 * one UPDATE … FROM unnest that returns each row's before-image (for the audit entry and a later undo); and
 * the lookup that matches a file's rows to existing contacts. Every statement is pinned to the organisation.
 */

/** One contact as an import writes it: null means "keep what the contact has" (a blank cell). */
export interface TContactImportRow {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  roles: string[] | null;
  language: string | null;
  externalId: string | null;
  custom: Record<string, unknown> | null;
}

/** The columns an import may change, as the before-image keeps them and an undo restores them. */
export const CONTACT_IMPORT_COLUMNS: readonly TRestoreColumn[] = [
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

export interface TContactKeys {
  id: string;
  externalId: string | null;
  accountId: string;
  /** Lower case. */
  email: string | null;
}

/** Existing contacts by external id, and by account and e-mail (compared in lower case), each probed through its index. */
export async function findContactsByKeys(db: Db, orgId: string, externalIds: string[], accountIds: string[], emails: string[]) {
  if (!externalIds.length && !emails.length) return [];
  const p = sql.param;
  return queryRows<TContactKeys>(
    db,
    sql`
      select c.id, c.external_id as "externalId", c.account_id as "accountId", lower(c.email) as email
      from unnest(${p(externalIds)}::text[]) as k(v) join contacts c on c.org_id = ${orgId} and c.external_id = k.v
      union
      select c.id, c.external_id, c.account_id, lower(c.email)
      from unnest(${p(accountIds)}::uuid[], ${p(emails)}::text[]) as k(account_id, email)
        join contacts c on c.org_id = ${orgId} and c.account_id = k.account_id and lower(c.email) = k.email`,
  );
}

const INSERT_COLUMNS = [
  'org_id',
  'id',
  'account_id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'job_title',
  'roles',
  'language',
  'external_id',
  'custom',
  'created_at',
  'updated_at',
];

/** New contacts, by COPY, created and updated at `now` (ISO). */
export async function copyNewContacts(tx: BulkTx, orgId: string, now: string, rows: TContactImportRow[]) {
  const lines = rows.map((r) =>
    copyLine([
      orgId,
      r.id,
      r.accountId,
      copyCell(r.firstName),
      copyCell(r.lastName ?? ''),
      copyCell(r.email),
      copyCell(r.phone),
      copyCell(r.jobTitle),
      copyTextArray(r.roles ?? []),
      copyCell(r.language),
      copyCell(r.externalId),
      copyCell(JSON.stringify(r.custom ?? {})),
      now,
      now,
    ]),
  );
  await tx.copy('contacts', INSERT_COLUMNS, lines);
}

function unnested(rows: TContactImportRow[]) {
  const c = columnsOf(rows, {
    id: (r) => r.id,
    accountId: (r) => r.accountId,
    firstName: (r) => r.firstName,
    lastName: (r) => r.lastName,
    email: (r) => r.email,
    phone: (r) => r.phone,
    jobTitle: (r) => r.jobTitle,
    roles: (r) => (r.roles ? r.roles.join(',') : null),
    language: (r) => r.language,
    externalId: (r) => r.externalId,
    custom: (r) => (r.custom ? JSON.stringify(r.custom) : null),
  });
  const p = sql.param;
  return sql`unnest(${p(c.id)}::uuid[], ${p(c.accountId)}::uuid[], ${p(c.firstName)}::text[], ${p(c.lastName)}::text[],
    ${p(c.email)}::text[], ${p(c.phone)}::text[], ${p(c.jobTitle)}::text[], ${p(c.roles)}::text[], ${p(c.language)}::text[],
    ${p(c.externalId)}::text[], ${p(c.custom)}::text[])
    as r(id, account_id, first_name, last_name, email, phone, job_title, roles, language, external_id, custom)`;
}

/**
 * Existing contacts, in one UPDATE: blank values keep what the contact has, given ones replace it (custom fields
 * per key). Returns each contact's before-image (JSON text) by id.
 */
export async function updateImportedContacts(tx: BulkTx, orgId: string, now: string, rows: TContactImportRow[]) {
  if (!rows.length) return new Map<string, string>();
  const updated = await queryRows<{ id: string; before: string }>(
    tx.db,
    sql`
    update contacts c set
      account_id = r.account_id,
      first_name = r.first_name,
      last_name = coalesce(r.last_name, c.last_name),
      email = coalesce(r.email, c.email),
      phone = coalesce(r.phone, c.phone),
      job_title = coalesce(r.job_title, c.job_title),
      roles = coalesce(string_to_array(r.roles, ','), c.roles),
      language = coalesce(r.language, c.language),
      external_id = coalesce(r.external_id, c.external_id),
      custom = c.custom || coalesce(r.custom::jsonb, '{}'),
      updated_at = ${now}::timestamptz
    from (select r.*, ${beforeImage(CONTACT_IMPORT_COLUMNS, 'o')} as before
          from ${unnested(rows)} join contacts o on o.org_id = ${orgId}::uuid and o.id = r.id) r
    where c.org_id = ${orgId}::uuid and c.id = r.id
    returning c.id, r.before::text as before`,
  );
  return new Map(updated.map((r) => [r.id, r.before]));
}

/** Undo of an import: the contacts it created go (ids), the ones it updated get their before-images back. */
export async function undoImportedContacts(
  tx: BulkTx,
  orgId: string,
  undo: { created: string[]; updated: { id: string; before: string }[] },
) {
  await deleteRowsById(tx, 'contacts', orgId, undo.created);
  await restoreRows(tx, 'contacts', CONTACT_IMPORT_COLUMNS, orgId, undo.updated);
}
