import { and, arrayOverlaps, asc, count, desc, eq, getTableColumns, gt, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import { touchedByImport } from '../audit/index.ts';
import type { TContactListQuery } from './contacts.schemas.ts';
import { contacts } from './contacts.table.ts';

/** Queries only: no HTTP, no access checks. Every function takes a db or a transaction and the organisation. */

export type TContactRow = typeof contacts.$inferSelect & { accountName: string };
export type TNewContact = Omit<typeof contacts.$inferInsert, 'orgId'>;
export type TContactChanges = Partial<Omit<typeof contacts.$inferInsert, 'orgId' | 'id' | 'accountId' | 'createdAt'>>;

/** Which contacts a list or export may show: the organisation's, of accounts that are not archived (and the actor's own, when limited). */
export interface TContactScope {
  orgId: string;
  /** Only contacts of accounts this user owns (a user limited to their own accounts). */
  ownerUserId: string | null;
}

const withAccount = (db: Db) =>
  db
    .select({ ...getTableColumns(contacts), accountName: accounts.name })
    .from(contacts)
    .innerJoin(accounts, and(eq(accounts.orgId, contacts.orgId), eq(accounts.id, contacts.accountId)));

function listWhere(scope: TContactScope, q: Partial<TContactListQuery>): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(contacts.orgId, scope.orgId),
    isNull(accounts.archivedAt),
    scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
    q.accountId ? eq(contacts.accountId, q.accountId) : undefined,
    like
      ? or(ilike(contacts.firstName, like), ilike(contacts.lastName, like), ilike(contacts.email, like), ilike(contacts.jobTitle, like))
      : undefined,
    q.role?.length ? arrayOverlaps(contacts.roles, q.role) : undefined,
    q.language ? eq(contacts.language, q.language) : undefined,
    q.importId ? touchedByImport(scope.orgId, 'contact', q.importId, contacts.id) : undefined,
  );
}

const SORTS = {
  name: sql`lower(${contacts.lastName} || ' ' || ${contacts.firstName})`,
  email: contacts.email,
  createdAt: contacts.createdAt,
  account: sql`lower(${accounts.name})`,
} as const;

export async function listContacts(db: Db, scope: TContactScope, q: TContactListQuery) {
  const where = listWhere(scope, q);
  const dir = q.order === 'desc' ? desc : asc;
  const [rows, [total]] = await Promise.all([
    withAccount(db)
      .where(where)
      .orderBy(dir(SORTS[q.sort]), dir(contacts.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(contacts)
      .innerJoin(accounts, and(eq(accounts.orgId, contacts.orgId), eq(accounts.id, contacts.accountId)))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every matching contact in id order, a batch at a time (keyset paging), for exports of any size. */
export async function* iterateContacts(
  db: Db,
  scope: TContactScope,
  q: Partial<TContactListQuery>,
  batchSize = 1000,
): AsyncGenerator<TContactRow[]> {
  let after: string | null = null;
  for (;;) {
    const batch = await withAccount(db)
      .where(and(listWhere(scope, q), after ? gt(contacts.id, after) : undefined))
      .orderBy(asc(contacts.id))
      .limit(batchSize);
    if (!batch.length) return;
    yield batch;
    after = batch[batch.length - 1]?.id ?? null;
    if (batch.length < batchSize) return;
  }
}

export async function findContactById(db: Db, orgId: string, id: string): Promise<TContactRow | null> {
  const [row] = await withAccount(db).where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)));
  return row ?? null;
}

/** The id of the account's contact with this e-mail (compared without case), if there is one. */
export async function findContactIdByEmail(db: Db, orgId: string, accountId: string, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.accountId, accountId), sql`lower(${contacts.email}) = ${email.toLowerCase()}`));
  return row?.id ?? null;
}

export async function findContactIdByExternalId(db: Db, orgId: string, externalId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.externalId, externalId)));
  return row?.id ?? null;
}

export async function insertContact(db: Db, orgId: string, values: TNewContact): Promise<void> {
  await db.insert(contacts).values({ ...values, orgId });
}

/** Several contacts in one statement (the demo's people of one customer). */
export async function insertContacts(db: Db, orgId: string, rows: TNewContact[]): Promise<void> {
  if (rows.length) await db.insert(contacts).values(rows.map((r) => ({ ...r, orgId })));
}

export async function updateContact(db: Db, orgId: string, id: string, changes: TContactChanges): Promise<void> {
  await db
    .update(contacts)
    .set(changes)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)));
}

export async function deleteContact(db: Db, orgId: string, id: string): Promise<void> {
  await db.delete(contacts).where(and(eq(contacts.orgId, orgId), eq(contacts.id, id)));
}
