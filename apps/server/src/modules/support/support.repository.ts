import { aliasedTable, and, asc, count, desc, eq, getTableColumns, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import { contacts } from '../contacts/index.ts';
import { users } from '../identity/index.ts';
import type { TAccountSupportQuery, TSupportExportQuery } from './support.schemas.ts';
import { OPEN_STATUSES } from './support.sla.ts';
import { supportMessages, supportRequests, supportSettings, type TSlaTargets } from './support.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TSupportRequestRow = typeof supportRequests.$inferSelect;
export type TSupportListRow = TSupportRequestRow & {
  accountName: string | null;
  contactName: string | null;
  assigneeName: string | null;
  messageCount: number;
};

/** Which requests a list may show: the organisation's; of the actor's own accounts (or assigned to them) when limited. */
export interface TSupportScope {
  orgId: string;
  limitedTo: string | null;
  /** The actor, for assignee=me. */
  userId: string;
}

const assignee = aliasedTable(users, 'assignee');
const r = supportRequests;

const listed = (db: Db) =>
  db
    .select({
      ...getTableColumns(r),
      accountName: accounts.name,
      contactName: sql<string | null>`nullif(trim(coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, '')), '')`,
      assigneeName: assignee.name,
      messageCount: sql<number>`(select count(*)::int from ${supportMessages} m where m.org_id = ${r.orgId} and m.request_id = ${r.id})`,
    })
    .from(r)
    .leftJoin(accounts, and(eq(accounts.orgId, r.orgId), eq(accounts.id, r.accountId)))
    .leftJoin(contacts, and(eq(contacts.orgId, r.orgId), eq(contacts.id, r.contactId)))
    .leftJoin(assignee, and(eq(assignee.orgId, r.orgId), eq(assignee.id, r.assigneeUserId)));

/** Over a target at `now`: the rule of support.sla.ts `slaState`, in SQL. */
export const breachedSql = (now: Date) => {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`(coalesce(${r.firstRespondedAt}, ${r.solvedAt}, ${r.closedAt}, ${at}) > ${r.firstResponseDueAt}
    or coalesce(${r.solvedAt}, ${r.closedAt}, ${at}) > ${r.resolutionDueAt})`;
};

function statusWhere(statuses: string[] | undefined): SQL | undefined {
  if (!statuses?.length) return undefined;
  const set = new Set(statuses.flatMap((s) => (s === 'active' ? [...OPEN_STATUSES] : [s])));
  return inArray(r.status, [...set]);
}

function listWhere(scope: TSupportScope, q: TSupportExportQuery, now: Date): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  const number = q.q && /^#?\d{1,9}$/.test(q.q.trim()) ? Number(q.q.trim().replace('#', '')) : null;
  return and(
    eq(r.orgId, scope.orgId),
    scope.limitedTo ? or(eq(accounts.ownerUserId, scope.limitedTo), eq(r.assigneeUserId, scope.limitedTo)) : undefined,
    statusWhere(q.status),
    q.priority?.length ? inArray(r.priority, q.priority) : undefined,
    q.assignee === 'me' ? eq(r.assigneeUserId, scope.userId) : q.assignee === 'none' ? isNull(r.assigneeUserId) : undefined,
    q.assignee && q.assignee !== 'me' && q.assignee !== 'none' ? eq(r.assigneeUserId, q.assignee) : undefined,
    q.accountId ? eq(r.accountId, q.accountId) : undefined,
    q.unmatched === 'true' ? isNull(r.accountId) : q.unmatched === 'false' ? sql`${r.accountId} is not null` : undefined,
    q.breached === 'true' ? breachedSql(now) : q.breached === 'false' ? sql`not ${breachedSql(now)}` : undefined,
    like
      ? or(
          ilike(r.subject, like),
          ilike(accounts.name, like),
          ilike(r.requesterEmail, like),
          number !== null ? eq(r.number, number) : undefined,
        )
      : undefined,
  );
}

const SORTS = {
  // The target still running first; solved and closed ones after every open one.
  due: sql`case when ${r.solvedAt} is not null or ${r.closedAt} is not null then 'infinity'::timestamptz
    when ${r.firstRespondedAt} is null then ${r.firstResponseDueAt} else ${r.resolutionDueAt} end`,
  number: r.number,
  priority: sql`case ${r.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`,
  subject: sql`lower(${r.subject})`,
  account: sql`lower(${accounts.name})`,
  assignee: sql`lower(${assignee.name})`,
  status: sql`case ${r.status} when 'new' then 0 when 'open' then 1 when 'waiting' then 2 when 'solved' then 3 else 4 end`,
  lastMessageAt: r.lastMessageAt,
  createdAt: r.createdAt,
} as const;

/** One page of the inbox (also the CSV export's batches), in the asked order. */
export async function findSupportPage(
  db: Db,
  scope: TSupportScope,
  q: TSupportExportQuery,
  now: Date,
  page: { limit: number; offset: number },
): Promise<TSupportListRow[]> {
  const dir = q.order === 'asc' ? asc : desc;
  return listed(db)
    .where(listWhere(scope, q, now))
    .orderBy(dir(SORTS[q.sort]), asc(SORTS.priority), dir(r.number))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countSupport(db: Db, scope: TSupportScope, q: TSupportExportQuery, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(r)
    .leftJoin(accounts, and(eq(accounts.orgId, r.orgId), eq(accounts.id, r.accountId)))
    .where(listWhere(scope, q, now));
  return row?.n ?? 0;
}

export async function findSupportRequestById(db: Db, orgId: string, id: string): Promise<TSupportListRow | null> {
  const [row] = await listed(db).where(and(eq(r.orgId, orgId), eq(r.id, id)));
  return row ?? null;
}

export async function listSupportRowsOfAccount(db: Db, orgId: string, accountId: string, q: TAccountSupportQuery) {
  const where = and(eq(r.orgId, orgId), eq(r.accountId, accountId), q.status === 'all' ? undefined : statusWhere([q.status]));
  const dir = q.order === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    listed(db)
      .where(where)
      .orderBy(dir(r.createdAt), dir(r.number))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(r).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The account's requests that are new, open or waiting, newest first (for other modules: playbooks). */
export async function findOpenRequestsOfAccounts(db: Db, orgId: string, accountIds: string[]) {
  if (!accountIds.length) return [];
  return db
    .select()
    .from(r)
    .where(and(eq(r.orgId, orgId), inArray(r.accountId, accountIds), inArray(r.status, [...OPEN_STATUSES])))
    .orderBy(desc(r.createdAt));
}

export async function insertSupportRequest(db: Db, values: typeof r.$inferInsert) {
  await db.insert(r).values(values);
}

export async function updateSupportRequest(db: Db, orgId: string, id: string, set: Partial<typeof r.$inferInsert>) {
  await db
    .update(r)
    .set(set)
    .where(and(eq(r.orgId, orgId), eq(r.id, id)));
}

/** The next request number of the organisation: its settings row is locked until the transaction ends. */
export async function takeNextNumber(db: Db, orgId: string, now: Date): Promise<number> {
  const [row] = await db
    .insert(supportSettings)
    .values({ orgId, lastNumber: 1001, updatedAt: now })
    .onConflictDoUpdate({ target: supportSettings.orgId, set: { lastNumber: sql`${supportSettings.lastNumber} + 1` } })
    .returning({ n: supportSettings.lastNumber });
  if (!row) throw new Error('no number');
  return row.n;
}

export async function findSlaTargets(db: Db, orgId: string): Promise<TSlaTargets | null> {
  const [row] = await db.select({ targets: supportSettings.targets }).from(supportSettings).where(eq(supportSettings.orgId, orgId));
  return row?.targets ?? null;
}

export async function saveSlaTargets(db: Db, orgId: string, targets: TSlaTargets, now: Date) {
  await db
    .insert(supportSettings)
    .values({ orgId, targets, lastNumber: 1000, updatedAt: now })
    .onConflictDoUpdate({ target: supportSettings.orgId, set: { targets, updatedAt: now } });
}

/** New targets apply to every request not solved or closed, from its arrival: one statement. */
export async function applyTargetsToOpenRequests(db: Db, orgId: string, targets: TSlaTargets) {
  const minutes = (k: 'firstResponseMinutes' | 'resolutionMinutes') =>
    sql`case ${r.priority} when 'urgent' then ${targets.urgent[k]}::int when 'high' then ${targets.high[k]}::int
      when 'normal' then ${targets.normal[k]}::int else ${targets.low[k]}::int end`;
  await db
    .update(r)
    .set({
      firstResponseDueAt: sql`${r.createdAt} + ${minutes('firstResponseMinutes')} * interval '1 minute'`,
      resolutionDueAt: sql`${r.createdAt} + ${minutes('resolutionMinutes')} * interval '1 minute'`,
    })
    .where(and(eq(r.orgId, orgId), inArray(r.status, [...OPEN_STATUSES])));
}

/** An active person of the organisation (someone a request can be given to). */
export async function activeUserExists(db: Db, orgId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.disabledAt)));
  return !!row;
}

/** The account's requests that are new, open or waiting. */
export async function countOpenOnAccount(db: Db, orgId: string, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(r)
    .where(and(eq(r.orgId, orgId), eq(r.accountId, accountId), inArray(r.status, [...OPEN_STATUSES])));
  return row?.n ?? 0;
}
