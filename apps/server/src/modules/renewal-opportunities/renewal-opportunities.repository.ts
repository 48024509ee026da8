import {
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
  isNotNull,
  isNull,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import { users } from '../identity/index.ts';
import { subscriptions } from '../subscriptions/index.ts';
import type {
  TRenewalBoardQuery,
  TRenewalOpportunitiesExportQuery,
  TRenewalOpportunityListQuery,
} from './renewal-opportunities.schemas.ts';
import { renewalOpportunities as o, renewalSettings } from './renewal-opportunities.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TRenewalOpportunityRow = typeof o.$inferSelect;
export type TRenewalOpportunityListRow = TRenewalOpportunityRow & {
  accountName: string;
  ownerName: string | null;
  subscriptionReference: string | null;
};

/** Which rows a list may show: the organisation's; of the actor's own accounts when limited to them. */
export interface TRenewalScope {
  orgId: string;
  ownerUserId: string | null;
}

const listed = (db: Db) =>
  db
    .select({ ...getTableColumns(o), accountName: accounts.name, ownerName: users.name, subscriptionReference: subscriptions.reference })
    .from(o)
    .innerJoin(accounts, and(eq(accounts.orgId, o.orgId), eq(accounts.id, o.accountId)))
    .leftJoin(users, and(eq(users.orgId, o.orgId), eq(users.id, o.ownerUserId)))
    .leftJoin(subscriptions, and(eq(subscriptions.orgId, o.orgId), eq(subscriptions.id, o.subscriptionId)));

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function timingWhere(timing: TRenewalOpportunitiesExportQuery['timing'], today: string): SQL | undefined {
  if (timing === 'overdue') return and(isNull(o.closedAt), lte(o.dueOn, today));
  if (timing === 'due_soon') return and(isNull(o.closedAt), gt(o.dueOn, today), lte(o.dueOn, addDays(today, 30)));
  if (timing === 'on_track') return and(isNull(o.closedAt), gt(o.dueOn, addDays(today, 30)));
  return undefined;
}

type TFilter = Omit<TRenewalOpportunitiesExportQuery, 'sort' | 'order' | 'status' | 'stage'> &
  Partial<Pick<TRenewalOpportunitiesExportQuery, 'status' | 'stage'>>;

function listWhere(scope: TRenewalScope, q: TFilter, today: string): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(o.orgId, scope.orgId),
    scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
    q.status === 'open' ? isNull(o.closedAt) : q.status === 'closed' ? isNotNull(o.closedAt) : undefined,
    q.stage?.length ? inArray(o.stage, q.stage) : undefined,
    q.category?.length ? inArray(o.category, q.category) : undefined,
    timingWhere(q.timing, today),
    q.ownerUserId?.length ? inArray(o.ownerUserId, q.ownerUserId) : undefined,
    q.accountId ? eq(o.accountId, q.accountId) : undefined,
    q.dueFrom ? gte(o.dueOn, q.dueFrom) : undefined,
    q.dueTo ? lte(o.dueOn, q.dueTo) : undefined,
    like ? or(ilike(accounts.name, like), ilike(subscriptions.reference, like)) : undefined,
  );
}

const STAGE_ORDER = sql`case ${o.stage} when 'upcoming' then 0 when 'contacted' then 1 when 'negotiating' then 2 when 'quote_sent' then 3
  when 'quote_accepted' then 4 when 'renewed' then 5 when 'downgraded' then 6 else 7 end`;
const SORTS = {
  dueOn: o.dueOn,
  account: sql`lower(${accounts.name})`,
  owner: sql`lower(${users.name})`,
  stage: STAGE_ORDER,
  targetCents: o.targetCents,
  forecastCents: o.forecastCents,
  likelihood: sql`coalesce(${o.likelihood}, -1)`,
} as const;

/** One page of the list (also the CSV export's batches), in the asked order. */
export async function findRenewalOpportunitiesPage(
  db: Db,
  scope: TRenewalScope,
  q: TRenewalOpportunitiesExportQuery,
  today: string,
  page: { limit: number; offset: number },
): Promise<TRenewalOpportunityListRow[]> {
  const dir = q.order === 'asc' ? asc : desc;
  const order = [dir(SORTS[q.sort]), dir(o.dueOn), dir(o.id)];
  if (needsJoins(scope, q) || q.sort === 'account' || q.sort === 'owner')
    return listed(db)
      .where(listWhere(scope, q, today))
      .orderBy(...order)
      .limit(page.limit)
      .offset(page.offset);
  // Ordered by the renewal's own columns: the page's ids from the renewals alone (no join of every matching row with
  // its account and subscription before the sort), then those rows with their names, in that order.
  const ids = (
    await db
      .select({ id: o.id })
      .from(o)
      .where(listWhere(scope, q, today))
      .orderBy(...order)
      .limit(page.limit)
      .offset(page.offset)
  ).map((r) => r.id);
  if (!ids.length) return [];
  const rows = await listed(db).where(and(eq(o.orgId, scope.orgId), inArray(o.id, ids)));
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => (at.get(a.id) ?? 0) - (at.get(b.id) ?? 0));
}

/** Whether a filter reads the account or the subscription (the actor's own accounts, a search by name or reference). */
const needsJoins = (scope: TRenewalScope, q: { q?: string }) => !!scope.ownerUserId || !!q.q;

/** The renewals, joined with their account and subscription only when the filter reads them. */
function from(db: Db, cols: Parameters<Db['select']>[0], scope: TRenewalScope, q: { q?: string }) {
  const base = db.select(cols).from(o).$dynamic();
  if (!needsJoins(scope, q)) return base;
  return base
    .innerJoin(accounts, and(eq(accounts.orgId, o.orgId), eq(accounts.id, o.accountId)))
    .leftJoin(subscriptions, and(eq(subscriptions.orgId, o.orgId), eq(subscriptions.id, o.subscriptionId)));
}

export async function countRenewalOpportunities(db: Db, scope: TRenewalScope, q: TRenewalOpportunitiesExportQuery, today: string) {
  const [row] = (await from(db, { n: count() }, scope, q).where(listWhere(scope, q, today))) as { n: number }[];
  return row?.n ?? 0;
}

/**
 * The board in two statements: per stage its count and sums, and its first `perStage` renewals by renewal date
 * (a window over the matching rows). Closed stages hold the renewals closed in the last `closedDays` days.
 */
export async function boardRows(db: Db, scope: TRenewalScope, q: TRenewalBoardQuery, today: string, closedSince: Date) {
  const where = and(listWhere(scope, q, today), or(isNull(o.closedAt), gte(o.closedAt, closedSince)));
  const joined = (cols: Parameters<Db['select']>[0]) => from(db, cols, scope, q);
  const ranked = from(
    db,
    {
      rid: sql<string>`${o.id}`.as('rid'),
      n: sql<number>`row_number() over (partition by ${o.stage} order by ${o.dueOn}, ${o.id})`.as('n'),
    },
    scope,
    q,
  )
    .where(where)
    .as('ranked');
  const [sums, items] = await Promise.all([
    joined({
      stage: o.stage,
      currency: o.currency,
      count: sql<number>`count(*)::int`,
      targetCents: sql<number>`coalesce(sum(${o.targetCents}), 0)::float8`,
      forecastCents: sql<number>`coalesce(sum(${o.forecastCents}), 0)::float8`,
    })
      .where(where)
      .groupBy(o.stage, o.currency)
      .orderBy(o.currency) as unknown as Promise<
      { stage: string; currency: string; count: number; targetCents: number; forecastCents: number }[]
    >,
    listed(db)
      .innerJoin(ranked, sql`ranked.rid = ${o.id} and ranked.n <= ${q.perStage}`)
      .where(eq(o.orgId, scope.orgId))
      .orderBy(asc(o.dueOn), asc(o.id)),
  ]);
  return { sums, items };
}

export async function findRenewalOpportunityById(db: Db, orgId: string, id: string): Promise<TRenewalOpportunityListRow | null> {
  const [row] = await listed(db).where(and(eq(o.orgId, orgId), eq(o.id, id)));
  return row ?? null;
}

export async function listRenewalOpportunityRowsOfAccount(db: Db, orgId: string, accountId: string, q: TRenewalOpportunityListQuery) {
  const where = and(eq(o.orgId, orgId), eq(o.accountId, accountId));
  const dir = q.order === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    listed(db)
      .where(where)
      .orderBy(dir(o.dueOn), dir(o.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(o).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The row locked for an update (a stage change reads what it changes from). */
export async function lockRenewalOpportunity(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(o)
    .where(and(eq(o.orgId, orgId), eq(o.id, id)))
    .for('update');
  return row ?? null;
}

export async function updateRenewalOpportunityRow(db: Db, orgId: string, id: string, set: Partial<typeof o.$inferInsert>) {
  await db
    .update(o)
    .set(set)
    .where(and(eq(o.orgId, orgId), eq(o.id, id)));
}

export async function findRenewalSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(renewalSettings).where(eq(renewalSettings.orgId, orgId));
  return row ?? null;
}

export async function saveRenewalSettings(db: Db, values: typeof renewalSettings.$inferInsert) {
  const { orgId: _org, ...set } = values;
  await db.insert(renewalSettings).values(values).onConflictDoUpdate({ target: renewalSettings.orgId, set });
}

/** An active person of the organisation (someone a renewal can be given to). */
export async function activeUserExists(db: Db, orgId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.disabledAt)));
  return !!row;
}

/** The latest renewal of a subscription, or null. */
export async function findOpportunityOfSubscription(db: Db, orgId: string, subscriptionId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: o.id })
    .from(o)
    .where(and(eq(o.orgId, orgId), eq(o.subscriptionId, subscriptionId)))
    .orderBy(desc(o.termNo))
    .limit(1);
  return row?.id ?? null;
}

/** The account of a subscription of the organisation, or null. */
export async function findSubscriptionAccount(db: Db, orgId: string, subscriptionId: string): Promise<string | null> {
  const [row] = await db
    .select({ accountId: subscriptions.accountId })
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), eq(subscriptions.id, subscriptionId)));
  return row?.accountId ?? null;
}
