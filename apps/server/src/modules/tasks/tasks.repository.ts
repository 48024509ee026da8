import {
  aliasedTable,
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  ilike,
  inArray,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { rowIdSql } from '../../platform/ids.ts';
import { accounts } from '../accounts/index.ts';
import { users } from '../identity/index.ts';
import type { TTaskListQuery, TTasksExportQuery } from './tasks.schemas.ts';
import { taskCalendarFeeds, taskComments, tasks } from './tasks.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TTaskRow = typeof tasks.$inferSelect;
export type TTaskListRow = TTaskRow & { accountName: string; ownerName: string; completedByName: string | null; commentCount: number };

/** Which rows a list may show: the organisation's; of the actor's own accounts (or assigned to them) when limited. */
export interface TTaskScope {
  orgId: string;
  /** The actor, when limited to their own accounts: tasks of those, or assigned to them. */
  limitedTo: string | null;
  /** mine: assigned to this user. */
  ownerUserId: string | null;
}

/** Today and the last day of this week (Sunday), for the due filters. */
export interface TDays {
  today: string;
  weekEnd: string;
}

const owner = aliasedTable(users, 'owner');
const completer = aliasedTable(users, 'completer');

const listed = (db: Db) =>
  db
    .select({
      ...getTableColumns(tasks),
      accountName: accounts.name,
      ownerName: owner.name,
      completedByName: completer.name,
      commentCount: sql<number>`(select count(*)::int from ${taskComments} c where c.org_id = ${tasks.orgId} and c.task_id = ${tasks.id})`,
    })
    .from(tasks)
    .innerJoin(accounts, and(eq(accounts.orgId, tasks.orgId), eq(accounts.id, tasks.accountId)))
    .innerJoin(owner, and(eq(owner.orgId, tasks.orgId), eq(owner.id, tasks.ownerUserId)))
    .leftJoin(completer, and(eq(completer.orgId, tasks.orgId), eq(completer.id, tasks.completedByUserId)));

/** Snoozed: out of the inbox until its day. */
const snoozedSql = (today: string) => and(sql`${tasks.snoozedUntil} is not null`, gt(tasks.snoozedUntil, today));

function dueWhere(due: TTasksExportQuery['due'], d: TDays): SQL | undefined {
  if (due === 'overdue') return and(eq(tasks.status, 'open'), lt(tasks.dueOn, d.today));
  if (due === 'today') return eq(tasks.dueOn, d.today);
  if (due === 'this_week') return and(gte(tasks.dueOn, d.today), lte(tasks.dueOn, d.weekEnd));
  if (due === 'later') return gt(tasks.dueOn, d.weekEnd);
  if (due === 'none') return isNull(tasks.dueOn);
  return undefined;
}

function listWhere(scope: TTaskScope, q: TTasksExportQuery, d: TDays): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  const snoozed = snoozedSql(d.today);
  return and(
    eq(tasks.orgId, scope.orgId),
    scope.limitedTo ? or(eq(accounts.ownerUserId, scope.limitedTo), eq(tasks.ownerUserId, scope.limitedTo)) : undefined,
    scope.ownerUserId ? eq(tasks.ownerUserId, scope.ownerUserId) : undefined,
    !scope.ownerUserId && q.ownerUserId?.length ? inArray(tasks.ownerUserId, q.ownerUserId) : undefined,
    q.status === 'all' ? undefined : eq(tasks.status, q.status),
    dueWhere(q.due, d),
    q.snoozed === 'hide' ? sql`not coalesce(${snoozed}, false)` : q.snoozed === 'only' ? snoozed : undefined,
    q.priority?.length ? inArray(tasks.priority, q.priority) : undefined,
    q.accountId ? eq(tasks.accountId, q.accountId) : undefined,
    like ? or(ilike(tasks.title, like), ilike(tasks.notes, like), ilike(accounts.name, like)) : undefined,
  );
}

const SORTS = {
  // Undated last, whichever the order.
  dueOn: sql`coalesce(${tasks.dueOn}, '9999-12-31'::date)`,
  priority: sql`case ${tasks.priority} when 'high' then 0 when 'normal' then 1 else 2 end`,
  title: sql`lower(${tasks.title})`,
  account: sql`lower(${accounts.name})`,
  owner: sql`lower(${owner.name})`,
  createdAt: tasks.createdAt,
  completedAt: tasks.completedAt,
} as const;

/** One page of a list (also the CSV export's batches), in the asked order. */
export async function findTasksPage(
  db: Db,
  scope: TTaskScope,
  q: TTasksExportQuery,
  d: TDays,
  page: { limit: number; offset: number },
): Promise<TTaskListRow[]> {
  const dir = q.order === 'asc' ? asc : desc;
  return listed(db)
    .where(listWhere(scope, q, d))
    .orderBy(dir(SORTS[q.sort]), asc(SORTS.priority), dir(tasks.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countTasks(db: Db, scope: TTaskScope, q: TTasksExportQuery, d: TDays): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tasks)
    .innerJoin(accounts, and(eq(accounts.orgId, tasks.orgId), eq(accounts.id, tasks.accountId)))
    .where(listWhere(scope, q, d));
  return row?.n ?? 0;
}

export async function findTaskById(db: Db, orgId: string, id: string): Promise<TTaskListRow | null> {
  const [row] = await listed(db).where(and(eq(tasks.orgId, orgId), eq(tasks.id, id)));
  return row ?? null;
}

/** The tasks of these ids in the organisation, with their account's owner (for the visibility check). */
export async function findTasksByIds(db: Db, orgId: string, ids: string[]) {
  return db
    .select({ id: tasks.id, accountId: tasks.accountId, ownerUserId: tasks.ownerUserId, accountOwnerUserId: accounts.ownerUserId })
    .from(tasks)
    .innerJoin(accounts, and(eq(accounts.orgId, tasks.orgId), eq(accounts.id, tasks.accountId)))
    .where(and(eq(tasks.orgId, orgId), inArray(tasks.id, ids)));
}

export async function listTaskRowsOfAccount(db: Db, orgId: string, accountId: string, q: TTaskListQuery) {
  const where = and(eq(tasks.orgId, orgId), eq(tasks.accountId, accountId), q.status === 'all' ? undefined : eq(tasks.status, q.status));
  const dir = q.order === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    listed(db)
      .where(where)
      .orderBy(dir(SORTS.dueOn), dir(tasks.createdAt), dir(tasks.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(tasks).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** A new task; with a source key already used, none (the cause made its task before). */
export async function insertTask(db: Db, values: typeof tasks.$inferInsert): Promise<string | null> {
  const [row] = await db.insert(tasks).values(values).onConflictDoNothing().returning({ id: tasks.id });
  return row?.id ?? null;
}

/**
 * Tasks for many causes at once (a playbook's batch): one INSERT … SELECT over the rows the caller selects
 * (`source`: columns account_id, owner_user_id, source_key), each skipped when a task with its source key exists
 * already (the unique key, so a cause never makes two). Returns how many were made.
 */
/** A select of (account_id, owner_user_id, source_key) rows that insertTasksFrom makes tasks of. */
export type TTaskSourceRows = SQL;

export async function insertTasksFrom(
  db: Db,
  orgId: string,
  task: { title: string; notes: string | null; dueOn: string | null; priority: string; source: string },
  source: SQL,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const res = await db.execute(sql`
    with ins as (
      insert into tasks (org_id, id, account_id, title, notes, owner_user_id, due_on, priority, status, source, source_key, created_at, updated_at)
      select ${orgId}::uuid, ${rowIdSql(sql`row_number() over ()`)}, r.account_id, ${task.title}, ${task.notes}, r.owner_user_id, ${task.dueOn}::date, ${task.priority},
        'open', ${task.source}, r.source_key, ${at}::timestamptz, ${at}::timestamptz
      from (${source}) r where r.owner_user_id is not null
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from ins`);
  return (res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

export async function updateTaskRows(db: Db, orgId: string, ids: string[], set: Partial<typeof tasks.$inferInsert>) {
  const rows = await db
    .update(tasks)
    .set(set)
    .where(and(eq(tasks.orgId, orgId), inArray(tasks.id, ids)))
    .returning({ id: tasks.id });
  return rows.length;
}

export async function deleteTaskRows(db: Db, orgId: string, ids: string[]) {
  const rows = await db
    .delete(tasks)
    .where(and(eq(tasks.orgId, orgId), inArray(tasks.id, ids)))
    .returning({ id: tasks.id });
  return rows.length;
}

export async function insertComment(db: Db, values: typeof taskComments.$inferInsert) {
  await db.insert(taskComments).values(values);
}

export async function listComments(db: Db, orgId: string, taskId: string) {
  return db
    .select({ ...getTableColumns(taskComments), authorName: users.name })
    .from(taskComments)
    .innerJoin(users, and(eq(users.orgId, taskComments.orgId), eq(users.id, taskComments.authorUserId)))
    .where(and(eq(taskComments.orgId, orgId), eq(taskComments.taskId, taskId)))
    .orderBy(asc(taskComments.createdAt), asc(taskComments.id));
}

/** Per active person of the organisation: open, overdue, due this week (from today), done in the last 7 days. */
export async function workload(db: Db, orgId: string, d: TDays & { weekAgo: Date }) {
  const open = sql`${tasks.status} = 'open'`;
  return db
    .select({
      userId: users.id,
      name: users.name,
      open: sql<number>`count(${tasks.id}) filter (where ${open})::int`,
      overdue: sql<number>`count(${tasks.id}) filter (where ${open} and ${tasks.dueOn} < ${d.today})::int`,
      dueThisWeek: sql<number>`count(${tasks.id}) filter (where ${open} and ${tasks.dueOn} between ${d.today} and ${d.weekEnd})::int`,
      doneLast7Days: sql<number>`count(${tasks.id}) filter (where ${tasks.status} = 'done' and ${tasks.completedAt} >= ${d.weekAgo.toISOString()})::int`,
    })
    .from(users)
    .leftJoin(tasks, and(eq(tasks.orgId, users.orgId), eq(tasks.ownerUserId, users.id)))
    .where(and(eq(users.orgId, orgId), isNull(users.disabledAt)))
    .groupBy(users.id, users.name)
    .orderBy(desc(sql`count(${tasks.id}) filter (where ${open})`), asc(users.name));
}

export async function findFeed(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select()
    .from(taskCalendarFeeds)
    .where(and(eq(taskCalendarFeeds.orgId, orgId), eq(taskCalendarFeeds.userId, userId)));
  return row ?? null;
}

export async function saveFeed(db: Db, values: typeof taskCalendarFeeds.$inferInsert) {
  await db
    .insert(taskCalendarFeeds)
    .values(values)
    .onConflictDoUpdate({
      target: [taskCalendarFeeds.orgId, taskCalendarFeeds.userId],
      set: { tokenHash: values.tokenHash, createdAt: values.createdAt },
    });
}

export async function deleteFeed(db: Db, orgId: string, userId: string) {
  await db.delete(taskCalendarFeeds).where(and(eq(taskCalendarFeeds.orgId, orgId), eq(taskCalendarFeeds.userId, userId)));
}

/** The active person whose feed has this secret's hash, or null. */
export async function findFeedOwner(db: Db, orgId: string, tokenHash: string) {
  const [row] = await db
    .select({ userId: users.id, name: users.name })
    .from(taskCalendarFeeds)
    .innerJoin(users, and(eq(users.orgId, taskCalendarFeeds.orgId), eq(users.id, taskCalendarFeeds.userId)))
    .where(and(eq(taskCalendarFeeds.orgId, orgId), eq(taskCalendarFeeds.tokenHash, tokenHash), isNull(users.disabledAt)));
  return row ?? null;
}

/** An active person of the organisation (someone a task can be given to). */
export async function activeUserExists(db: Db, orgId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.disabledAt)));
  return !!row;
}
