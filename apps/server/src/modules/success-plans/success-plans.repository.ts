import { and, asc, count, desc, eq, getTableColumns, gte, ilike, lte, or, type SQL, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import { users } from '../identity/index.ts';
import { markets, organisations } from '../organisations/index.ts';
import { usageDailyEvents } from '../usage/index.ts';
import type { TObjectivesExportQuery } from './success-plans.schemas.ts';
import { successObjectives, successProgressEntries, successValueItems } from './success-plans.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TObjectiveRow = typeof successObjectives.$inferSelect;
export type TObjectiveReadRow = TObjectiveRow & {
  accountName: string;
  ownerName: string | null;
  current: number;
  lastMeasuredOn: string | null;
  percentAchieved: number;
};
export type TProgressRow = typeof successProgressEntries.$inferSelect & { recordedByName: string | null };
export type TValueItemRow = typeof successValueItems.$inferSelect & { objectiveTitle: string | null };

export interface TObjectiveScope {
  orgId: string;
  ownerUserId: string | null;
}

const owner = alias(users, 'objective_owner');

/** The latest measurement of each objective: a lateral subquery, pinned to the objective's organisation. */
function latestOf(db: Db) {
  return db
    .select({ value: successProgressEntries.value, measuredOn: successProgressEntries.measuredOn })
    .from(successProgressEntries)
    .where(and(eq(successProgressEntries.orgId, successObjectives.orgId), eq(successProgressEntries.objectiveId, successObjectives.id)))
    .orderBy(desc(successProgressEntries.measuredOn), desc(successProgressEntries.createdAt))
    .limit(1)
    .as('latest');
}
type TLatest = ReturnType<typeof latestOf>;

const percentOf = (l: TLatest) => sql<number>`(case
  when ${l.value} is null then 0
  when ${successObjectives.target} = ${successObjectives.baseline} then case when ${l.value} >= ${successObjectives.target} then 100 else 0 end
  else round(((${l.value} - ${successObjectives.baseline}) / (${successObjectives.target} - ${successObjectives.baseline})) * 100)
end)::float8`;

function selectObjectives(db: Db) {
  const l = latestOf(db);
  return {
    l,
    query: db
      .select({
        ...getTableColumns(successObjectives),
        accountName: accounts.name,
        ownerName: owner.name,
        current: sql<number>`coalesce(${l.value}, ${successObjectives.baseline})::float8`,
        lastMeasuredOn: sql<string | null>`${l.measuredOn}::text`,
        percentAchieved: percentOf(l),
      })
      .from(successObjectives)
      .innerJoin(accounts, and(eq(accounts.orgId, successObjectives.orgId), eq(accounts.id, successObjectives.accountId)))
      .leftJoin(owner, and(eq(owner.orgId, successObjectives.orgId), eq(owner.id, successObjectives.ownerUserId)))
      .leftJoinLateral(l, sql`true`),
  };
}

function listWhere(scope: TObjectiveScope, q: TObjectivesExportQuery): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(successObjectives.orgId, scope.orgId),
    scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
    q.accountId ? eq(successObjectives.accountId, q.accountId) : undefined,
    q.ownerUserId ? eq(successObjectives.ownerUserId, q.ownerUserId) : undefined,
    q.status ? eq(successObjectives.status, q.status) : undefined,
    q.metric ? eq(successObjectives.metric, q.metric) : undefined,
    like ? or(ilike(successObjectives.title, like), ilike(accounts.name, like)) : undefined,
  );
}

const sortOf = (sort: TObjectivesExportQuery['sort'], l: TLatest) =>
  ({
    title: sql`lower(${successObjectives.title})`,
    account: sql`lower(${accounts.name})`,
    dueOn: sql`${successObjectives.dueOn}`,
    percentAchieved: percentOf(l),
    status: sql`${successObjectives.status}`,
    updatedAt: sql`${successObjectives.updatedAt}`,
  })[sort];

/** One page of the portfolio (also the CSV export's batches), in the asked order; objectives without a due day last. */
export async function findObjectivesPage(
  db: Db,
  scope: TObjectiveScope,
  q: TObjectivesExportQuery,
  page: { limit: number; offset: number },
): Promise<TObjectiveReadRow[]> {
  const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
  const { l, query } = selectObjectives(db);
  return query
    .where(listWhere(scope, q))
    .orderBy(sql`${sortOf(q.sort, l)} ${dir} nulls last`, asc(successObjectives.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countObjectives(db: Db, scope: TObjectiveScope, q: TObjectivesExportQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(successObjectives)
    .innerJoin(accounts, and(eq(accounts.orgId, successObjectives.orgId), eq(accounts.id, successObjectives.accountId)))
    .where(listWhere(scope, q));
  return row?.n ?? 0;
}

export async function findObjectivesOfAccount(db: Db, orgId: string, accountId: string): Promise<TObjectiveReadRow[]> {
  return selectObjectives(db)
    .query.where(and(eq(successObjectives.orgId, orgId), eq(successObjectives.accountId, accountId)))
    .orderBy(asc(successObjectives.createdAt), asc(successObjectives.id));
}

export async function findObjectiveById(db: Db, orgId: string, id: string): Promise<TObjectiveReadRow | null> {
  const [row] = await selectObjectives(db).query.where(and(eq(successObjectives.orgId, orgId), eq(successObjectives.id, id)));
  return row ?? null;
}

export async function insertObjective(db: Db, values: typeof successObjectives.$inferInsert) {
  await db.insert(successObjectives).values(values);
}

export async function updateObjectiveRow(db: Db, orgId: string, id: string, values: Partial<typeof successObjectives.$inferInsert>) {
  await db
    .update(successObjectives)
    .set(values)
    .where(and(eq(successObjectives.orgId, orgId), eq(successObjectives.id, id)));
}

export async function deleteObjectiveRow(db: Db, orgId: string, id: string) {
  await db.delete(successObjectives).where(and(eq(successObjectives.orgId, orgId), eq(successObjectives.id, id)));
}

/** The measurements of an account's objectives, oldest first. */
export async function findProgressOfAccount(db: Db, orgId: string, accountId: string): Promise<TProgressRow[]> {
  return db
    .select({ ...getTableColumns(successProgressEntries), recordedByName: users.name })
    .from(successProgressEntries)
    .innerJoin(
      successObjectives,
      and(eq(successObjectives.orgId, successProgressEntries.orgId), eq(successObjectives.id, successProgressEntries.objectiveId)),
    )
    .leftJoin(users, and(eq(users.orgId, successProgressEntries.orgId), eq(users.id, successProgressEntries.recordedByUserId)))
    .where(and(eq(successProgressEntries.orgId, orgId), eq(successObjectives.accountId, accountId)))
    .orderBy(asc(successProgressEntries.measuredOn), asc(successProgressEntries.createdAt));
}

export async function insertProgressEntry(db: Db, values: typeof successProgressEntries.$inferInsert) {
  await db.insert(successProgressEntries).values(values);
}

export async function findValueItemsOfAccount(db: Db, orgId: string, accountId: string): Promise<TValueItemRow[]> {
  return db
    .select({ ...getTableColumns(successValueItems), objectiveTitle: successObjectives.title })
    .from(successValueItems)
    .leftJoin(
      successObjectives,
      and(eq(successObjectives.orgId, successValueItems.orgId), eq(successObjectives.id, successValueItems.objectiveId)),
    )
    .where(and(eq(successValueItems.orgId, orgId), eq(successValueItems.accountId, accountId)))
    .orderBy(desc(successValueItems.deliveredOn), desc(successValueItems.createdAt));
}

export async function findValueItemById(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(successValueItems)
    .where(and(eq(successValueItems.orgId, orgId), eq(successValueItems.id, id)));
  return row ?? null;
}

export async function insertValueItem(db: Db, values: typeof successValueItems.$inferInsert) {
  await db.insert(successValueItems).values(values);
}

export async function deleteValueItemRow(db: Db, orgId: string, id: string) {
  await db.delete(successValueItems).where(and(eq(successValueItems.orgId, orgId), eq(successValueItems.id, id)));
}

/** The account's currency and language: its market's, else the organisation's reporting currency and default language. */
export async function findAccountLocale(db: Db, orgId: string, accountId: string) {
  const [row] = await db
    .select({
      currency: sql<string>`coalesce(${markets.currency}, ${organisations.reportingCurrency})`,
      language: sql<string>`coalesce(${markets.language}, ${organisations.defaultLanguage})`,
    })
    .from(accounts)
    .innerJoin(organisations, eq(organisations.id, accounts.orgId))
    .leftJoin(markets, and(eq(markets.orgId, accounts.orgId), eq(markets.id, accounts.marketId)))
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, accountId)));
  return row ?? null;
}

/** The linked usage metric: how many times the account sent the event from `from` to `to` (days, inclusive). */
export async function sumUsageEvents(db: Db, orgId: string, accountId: string, event: string, from: string, to: string) {
  const [row] = await db
    .select({ n: sum(usageDailyEvents.count).mapWith(Number) })
    .from(usageDailyEvents)
    .where(
      and(
        eq(usageDailyEvents.orgId, orgId),
        eq(usageDailyEvents.accountId, accountId),
        eq(usageDailyEvents.event, event),
        gte(usageDailyEvents.day, from),
        lte(usageDailyEvents.day, to),
      ),
    );
  return row?.n ?? 0;
}

/** The linked custom-field metric: the account's value of the field (whatever type it was stored as). */
export async function findAccountCustomValue(db: Db, orgId: string, accountId: string, key: string): Promise<unknown> {
  const [row] = await db
    .select({ value: sql<unknown>`${accounts.custom} -> ${key}` })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, accountId)));
  return row?.value ?? null;
}
