import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { type TUsageRule, usageActivitySql } from '../churn-signals/index.ts';
import type { TLowActivityExportQuery, TPoorHealthExportQuery } from './health.portfolio.schemas.ts';

/**
 * The portfolio's queries (docs/ARCHITECTURE.md, "Portfolio"). Who counts: accounts that are not archived, are
 * customers (their last MRR change point on or before the day left them a customer: the revenue metrics' definition)
 * and have a score with a band; unhealthy = the band is red. Every table pinned to the organisation.
 */

/** Which accounts a reader may see: the organisation's, or only their own when limited to them. */
export interface TPortfolioScope {
  orgId: string;
  ownerUserId: string | null;
}

/** A customer on `day`: its last MRR change point on or before the day left it one. */
const customerOn = (orgId: string, day: SQL) => sql`
  join lateral (
    select m.active_after from mrr_changes m
    where m.org_id = ${orgId} and m.account_id = a.id and m.effective_date <= ${day}
    order by m.effective_date desc limit 1
  ) cust on cust.active_after`;

const ownerScope = (scope: TPortfolioScope) => (scope.ownerUserId ? sql`and a.owner_user_id = ${scope.ownerUserId}` : sql``);

export interface TBreakdownRow {
  dim: 'all' | 'owner' | 'segment' | 'market';
  owner_user_id: string | null;
  owner_name: string | null;
  segment: string | null;
  market_id: string | null;
  market_name: string | null;
  scored: number;
  unhealthy: number;
}

/** Today's counts: in all, by owner, by segment and by market (one pass, grouping sets). */
export async function currentBreakdown(db: Db, scope: TPortfolioScope, today: string): Promise<TBreakdownRow[]> {
  const { orgId } = scope;
  return queryRows<TBreakdownRow>(
    db,
    sql`with pop as materialized (
          select a.owner_user_id, a.segment, a.market_id, s.band
          from accounts a
          join health_scores s on s.org_id = a.org_id and s.account_id = a.id and s.band is not null
          ${customerOn(orgId, sql`${today}::date`)}
          where a.org_id = ${orgId} and a.archived_at is null ${ownerScope(scope)}
        ), g as (
          select case when grouping(p.owner_user_id) = 0 then 'owner' when grouping(p.segment) = 0 then 'segment'
                      when grouping(p.market_id) = 0 then 'market' else 'all' end as dim,
            p.owner_user_id, p.segment, p.market_id,
            count(*)::int as scored, (count(*) filter (where p.band = 'red'))::int as unhealthy
          from pop p group by grouping sets ((), (p.owner_user_id), (p.segment), (p.market_id))
        )
        select g.*, u.name as owner_name, mk.name as market_name from g
        left join users u on u.org_id = ${orgId} and u.id = g.owner_user_id
        left join markets mk on mk.org_id = ${orgId} and mk.id = g.market_id`,
  );
}

/**
 * The counts as of each period's last day: each account's latest history row on or before it (the history holds
 * the changes: that row is the score in force that day), among the accounts that were customers and not archived then.
 */
export async function trendCounts(db: Db, scope: TPortfolioScope, ends: string[]) {
  const { orgId } = scope;
  return queryRows<{ end: string; scored: number; unhealthy: number }>(
    db,
    sql`select p.period_end::text as end, count(*)::int as scored, (count(*) filter (where h.band = 'red'))::int as unhealthy
        from unnest(${sql.param(ends)}::date[]) as p(period_end)
        join accounts a on a.org_id = ${orgId} and a.created_at::date <= p.period_end
          and (a.archived_at is null or a.archived_at::date > p.period_end) ${ownerScope(scope)}
        join lateral (
          select hh.band from health_score_history hh
          where hh.org_id = ${orgId} and hh.account_id = a.id and hh.day <= p.period_end
          order by hh.day desc limit 1
        ) h on h.band is not null
        ${customerOn(orgId, sql`p.period_end`)}
        group by p.period_end order by p.period_end`,
  );
}

// ── The two account lists ───────────────────────────────────────────────────────────────────────────────
const listFilters = (scope: TPortfolioScope, q: TPoorHealthExportQuery | TLowActivityExportQuery) => sql`
  ${ownerScope(scope)}
  ${q.q ? sql`and a.name ilike ${containsPattern(q.q)}` : sql``}
  ${q.ownerUserId ? sql`and a.owner_user_id = ${q.ownerUserId}` : sql``}
  ${q.segment?.length ? sql`and a.segment = any(${sql.param(q.segment)}::text[])` : sql``}
  ${q.marketId ? sql`and a.market_id = ${q.marketId}` : sql``}`;

const names = (orgId: string) => sql`
  left join users u on u.org_id = ${orgId} and u.id = a.owner_user_id
  left join markets mk on mk.org_id = ${orgId} and mk.id = a.market_id`;

const dir = (order: 'asc' | 'desc') => (order === 'asc' ? sql`asc` : sql`desc`);

export interface TPoorHealthRow {
  account_id: string;
  account_name: string;
  owner_name: string | null;
  segment: string | null;
  market_name: string | null;
  score: number | null;
  score_week_ago: number | null;
  computed_at: Date | string;
}

const POOR_SORT: Record<TPoorHealthExportQuery['sort'], SQL> = {
  score: sql`s.score`,
  account: sql`lower(a.name)`,
  owner: sql`lower(u.name)`,
  computedAt: sql`s.computed_at`,
};

const poorFrom = (scope: TPortfolioScope, q: TPoorHealthExportQuery, today: string, join: SQL = sql``) => sql`
  from accounts a
  join health_scores s on s.org_id = a.org_id and s.account_id = a.id and s.band = 'red'
  ${customerOn(scope.orgId, sql`${today}::date`)}
  ${names(scope.orgId)}
  ${join}
  where a.org_id = ${scope.orgId} and a.archived_at is null ${listFilters(scope, q)}`;

/** The unhealthy customer accounts (red today), with their score a week ago. */
export async function poorHealthPage(
  db: Db,
  scope: TPortfolioScope,
  q: TPoorHealthExportQuery,
  today: string,
  page: { limit: number; offset: number },
): Promise<TPoorHealthRow[]> {
  return queryRows<TPoorHealthRow>(
    db,
    sql`select a.id as account_id, a.name as account_name, u.name as owner_name, a.segment, mk.name as market_name,
          s.score::float8 as score, wk.score::float8 as score_week_ago, s.computed_at
        ${poorFrom(
          scope,
          q,
          today,
          sql`left join lateral (
            select hh.score from health_score_history hh
            where hh.org_id = ${scope.orgId} and hh.account_id = a.id and hh.day <= ${today}::date - 7
            order by hh.day desc limit 1
          ) wk on true`,
        )}
        order by ${POOR_SORT[q.sort]} ${dir(q.order)} nulls last, a.id
        limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countPoorHealth(db: Db, scope: TPortfolioScope, q: TPoorHealthExportQuery, today: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${poorFrom(scope, q, today)}`);
  return row?.n ?? 0;
}

export interface TLowActivityRow {
  account_id: string;
  account_name: string;
  owner_name: string | null;
  segment: string | null;
  market_name: string | null;
  reason: 'no_login' | 'usage_drop';
  last_seen_at: Date | string;
  idle_days: number;
  recent_events: number;
  previous_events: number;
  drop_pct: number | null;
  score: number | null;
  band: string | null;
}

const LOW_SORT: Record<TLowActivityExportQuery['sort'], SQL> = {
  lastSeen: sql`x.last_seen_at`,
  account: sql`lower(a.name)`,
  owner: sql`lower(u.name)`,
  drop: sql`x.drop_pct`,
  score: sql`s.score`,
};

const lowFrom = (scope: TPortfolioScope, q: TLowActivityExportQuery, today: string, rule: TUsageRule) => sql`
  from (${usageActivitySql(scope.orgId, today, rule)}) x
  join accounts a on a.org_id = ${scope.orgId} and a.id = x.account_id
  left join health_scores s on s.org_id = a.org_id and s.account_id = a.id
  ${names(scope.orgId)}
  where x.reason is not null ${q.reason ? sql`and x.reason = ${q.reason}` : sql``} ${listFilters(scope, q)}`;

/** The accounts the low-activity rule flags today (churn-signals' usage rule: no activity for long, or a drop). */
export async function lowActivityPage(
  db: Db,
  scope: TPortfolioScope,
  q: TLowActivityExportQuery,
  today: string,
  rule: TUsageRule,
  page: { limit: number; offset: number },
): Promise<TLowActivityRow[]> {
  return queryRows<TLowActivityRow>(
    db,
    sql`select a.id as account_id, a.name as account_name, u.name as owner_name, a.segment, mk.name as market_name,
          x.reason, x.last_seen_at, x.idle_days::int as idle_days, x.recent_events::int as recent_events,
          x.previous_events::int as previous_events, x.drop_pct, s.score::float8 as score, s.band
        ${lowFrom(scope, q, today, rule)}
        order by ${LOW_SORT[q.sort]} ${dir(q.order)} nulls last, a.id
        limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countLowActivity(
  db: Db,
  scope: TPortfolioScope,
  q: TLowActivityExportQuery,
  today: string,
  rule: TUsageRule,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${lowFrom(scope, q, today, rule)}`);
  return row?.n ?? 0;
}

/** When the account was last scored (null: never): an event older than that is already in its score. */
export async function lastComputedAt(db: Db, orgId: string, accountIds: string[]): Promise<Map<string, Date>> {
  const rows = await queryRows<{ account_id: string; computed_at: Date | string }>(
    db,
    sql`select account_id, computed_at from health_scores where org_id = ${orgId} and account_id = any(${sql.param(accountIds)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.account_id, new Date(r.computed_at)]));
}
