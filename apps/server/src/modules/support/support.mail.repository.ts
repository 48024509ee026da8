import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { emailOutbox } from '../../platform/mail/outbox.table.ts';
import { accounts } from '../accounts/index.ts';
import { contacts } from '../contacts/index.ts';
import type { TReadScope } from '../health/index.ts';
import { users } from '../identity/index.ts';
import { organisations } from '../organisations/index.ts';
import { supportMessages, supportRequests } from './support.table.ts';

/** The conversation's queries and the inbound mail's look-ups. Every query filters on org_id but the one by slug. */

export async function insertSupportMessage(db: Db, values: typeof supportMessages.$inferInsert) {
  await db.insert(supportMessages).values(values);
}

/** The conversation, oldest first, with who wrote it and (outbound) how its delivery stands. */
export async function listSupportMessages(db: Db, orgId: string, requestId: string) {
  return db
    .select({ ...getTableColumns(supportMessages), authorName: users.name, delivery: emailOutbox.status })
    .from(supportMessages)
    .leftJoin(users, and(eq(users.orgId, supportMessages.orgId), eq(users.id, supportMessages.authorUserId)))
    .leftJoin(emailOutbox, and(eq(emailOutbox.orgId, supportMessages.orgId), eq(emailOutbox.id, supportMessages.outboxId)))
    .where(and(eq(supportMessages.orgId, orgId), eq(supportMessages.requestId, requestId)))
    .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id));
}

/** The Message-IDs of the request's e-mails, oldest first (a reply's References; the last one its In-Reply-To). */
export async function findThreadMessageIds(db: Db, orgId: string, requestId: string): Promise<{ id: string; direction: string }[]> {
  const rows = await db
    .select({ id: supportMessages.messageId, direction: supportMessages.direction })
    .from(supportMessages)
    .where(and(eq(supportMessages.orgId, orgId), eq(supportMessages.requestId, requestId), isNotNull(supportMessages.messageId)))
    .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id));
  return rows.map((x) => ({ id: x.id as string, direction: x.direction }));
}

/** The organisation an inbound address names (its slug): the one look-up across organisations (acrossOrganisations). */
export async function findOrganisationBySlug(db: Db, slug: string) {
  const [row] = await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(eq(organisations.slug, slug));
  return row ?? null;
}

export async function findOrganisationNaming(db: Db, orgId: string) {
  const [row] = await db
    .select({ slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  return row ?? null;
}

export async function messageIdExists(db: Db, orgId: string, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: supportMessages.id })
    .from(supportMessages)
    .where(and(eq(supportMessages.orgId, orgId), eq(supportMessages.messageId, messageId)));
  return !!row;
}

/** The request one of these Message-IDs (an answer's In-Reply-To and References) belongs to, the latest first. */
export async function findRequestByMessageIds(db: Db, orgId: string, messageIds: string[]) {
  if (!messageIds.length) return null;
  const [row] = await db
    .select({ id: supportMessages.requestId })
    .from(supportMessages)
    .where(and(eq(supportMessages.orgId, orgId), inArray(supportMessages.messageId, messageIds)))
    .orderBy(desc(supportMessages.createdAt))
    .limit(1);
  return row?.id ?? null;
}

export async function findRequestByToken(db: Db, orgId: string, token: string) {
  const [row] = await db
    .select({ id: supportRequests.id })
    .from(supportRequests)
    .where(and(eq(supportRequests.orgId, orgId), eq(supportRequests.token, token)));
  return row?.id ?? null;
}

/** A request by its number, with who may thread onto it by subject alone (its requester, its account's contacts). */
export async function findRequestByNumber(db: Db, orgId: string, number: number) {
  const [row] = await db
    .select({ id: supportRequests.id, accountId: supportRequests.accountId, requesterEmail: supportRequests.requesterEmail })
    .from(supportRequests)
    .where(and(eq(supportRequests.orgId, orgId), eq(supportRequests.number, number)));
  return row ?? null;
}

/** The contacts with this address (still at the customer first, then the newest), on accounts not archived. */
export async function findContactsByEmail(db: Db, orgId: string, email: string) {
  return db
    .select({ contactId: contacts.id, accountId: contacts.accountId, firstName: contacts.firstName, lastName: contacts.lastName })
    .from(contacts)
    .innerJoin(accounts, and(eq(accounts.orgId, contacts.orgId), eq(accounts.id, contacts.accountId)))
    .where(and(eq(contacts.orgId, orgId), sql`lower(${contacts.email}) = ${email.toLowerCase()}`, isNull(accounts.archivedAt)))
    .orderBy(sql`${contacts.leftOn} is not null`, desc(contacts.createdAt));
}

/** The account whose domain is this one (unique per organisation), when it is not archived. */
export async function findAccountByDomain(db: Db, orgId: string, domain: string) {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), sql`lower(${accounts.domain}) = ${domain.toLowerCase()}`, isNull(accounts.archivedAt)));
  return row?.id ?? null;
}

/**
 * Requests open on each account's day (the health measure): arrived by the end of that day and not solved or closed
 * by then. One statement for every account in scope.
 */
export async function countOpenRequestsAsOf(db: Db, scope: TReadScope) {
  return queryRows<{ account_id: string; n: number }>(
    db,
    sql`select k.account_id, count(q.id)::int as n
      from unnest(${sql.param(scope.accountIds)}::uuid[], ${sql.param(scope.asOf)}::date[]) as k(account_id, as_of)
      left join ${supportRequests} q on q.org_id = ${scope.orgId} and q.account_id = k.account_id
        and q.created_at < (k.as_of + 1)::timestamp at time zone 'UTC'
        and (coalesce(q.solved_at, q.closed_at) is null
          or coalesce(q.solved_at, q.closed_at) >= (k.as_of + 1)::timestamp at time zone 'UTC')
      group by k.account_id`,
  );
}
