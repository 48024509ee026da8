import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { inBatches } from '../../platform/http/csv.ts';
import type { TUsageRule } from '../churn-signals/index.ts';
import {
  countLowActivity,
  countPoorHealth,
  currentBreakdown,
  lowActivityPage,
  poorHealthPage,
  type TBreakdownRow,
  type TLowActivityRow,
  type TPoorHealthRow,
  trendCounts,
} from './health.portfolio.repository.ts';
import type {
  TLowActivityExportQuery,
  TLowActivityItem,
  TLowActivityQuery,
  TPoorHealthExportQuery,
  TPoorHealthItem,
  TPoorHealthQuery,
  TPortfolio,
  TPortfolioQuery,
  TShare,
} from './health.portfolio.schemas.ts';

const shareOf = (scored: number, unhealthy: number): TShare => ({
  scored,
  unhealthy,
  unhealthyPct: scored ? Math.round((1000 * unhealthy) / scored) / 10 : null,
});

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The trend's periods, oldest first, the current one last (ending today): months, or weeks from Monday. */
export function portfolioPeriods(today: string, by: 'month' | 'week', n: number): { period: string; end: string }[] {
  const t = new Date(`${today}T00:00:00Z`);
  const out: { period: string; end: string }[] = [];
  for (let i = n - 1; i >= 0; i--) {
    if (by === 'month') {
      const start = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - i, 1));
      const last = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
      out.push({ period: iso(start).slice(0, 7), end: i === 0 ? today : iso(last) });
    } else {
      const monday = new Date(t.getTime() - (((t.getUTCDay() + 6) % 7) + 7 * i) * 86_400_000);
      const sunday = new Date(monday.getTime() + 6 * 86_400_000);
      out.push({ period: iso(monday), end: i === 0 ? today : iso(sunday) });
    }
  }
  return out;
}

const toPoorItem = (r: TPoorHealthRow): TPoorHealthItem => ({
  accountId: r.account_id,
  accountName: r.account_name,
  ownerName: r.owner_name,
  segment: r.segment as TPoorHealthItem['segment'],
  marketName: r.market_name,
  score: r.score,
  scoreWeekAgo: r.score_week_ago,
  computedAt: new Date(r.computed_at).toISOString(),
});

const toLowItem =
  (rule: TUsageRule) =>
  (r: TLowActivityRow): TLowActivityItem => ({
    accountId: r.account_id,
    accountName: r.account_name,
    ownerName: r.owner_name,
    segment: r.segment as TLowActivityItem['segment'],
    marketName: r.market_name,
    reason: r.reason,
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
    idleDays: r.idle_days,
    windowDays: rule.usageWindowDays,
    recentEvents: r.recent_events,
    previousEvents: r.previous_events,
    dropPct: r.drop_pct,
    score: r.score,
    band: r.band as TLowActivityItem['band'],
  });

/**
 * The portfolio: the unhealthy share now and as a trend against the organisation's target, by CSM, segment and
 * market, and the poor-health and low-activity accounts. A reader limited to their own accounts sees their own
 * portfolio.
 */
export function createPortfolio(deps: {
  db: Db;
  clock: Clock;
  targetOf: (orgId: string) => Promise<number>;
  usageRule: (orgId: string) => Promise<TUsageRule>;
}) {
  const { db, clock } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);
  const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) });

  return {
    async portfolio(actor: Actor, q: TPortfolioQuery): Promise<TPortfolio> {
      requirePermission(actor, 'health:read');
      const day = today();
      const periods = portfolioPeriods(day, q.by, q.periods);
      const scope = scopeOf(actor);
      const [targetPct, rows, trend] = await Promise.all([
        deps.targetOf(actor.orgId),
        currentBreakdown(db, scope, day),
        trendCounts(
          db,
          scope,
          periods.map((p) => p.end),
        ),
      ]);
      const byEnd = new Map(trend.map((r) => [r.end, r]));
      const of = (dim: TBreakdownRow['dim']) => rows.filter((r) => r.dim === dim);
      const total = of('all')[0];
      const byShare = <T extends TShare>(a: T, b: T) => (b.unhealthyPct ?? -1) - (a.unhealthyPct ?? -1) || b.scored - a.scored;
      return {
        asOf: day,
        targetPct,
        current: shareOf(total?.scored ?? 0, total?.unhealthy ?? 0),
        trend: periods.map((p) => ({ ...p, ...shareOf(byEnd.get(p.end)?.scored ?? 0, byEnd.get(p.end)?.unhealthy ?? 0) })),
        byOwner: of('owner')
          .map((r) => ({ ownerUserId: r.owner_user_id, name: r.owner_name, ...shareOf(r.scored, r.unhealthy) }))
          .sort(byShare),
        bySegment: of('segment')
          .map((r) => ({ segment: r.segment as TPortfolio['bySegment'][number]['segment'], ...shareOf(r.scored, r.unhealthy) }))
          .sort(byShare),
        byMarket: of('market')
          .map((r) => ({ marketId: r.market_id, name: r.market_name, ...shareOf(r.scored, r.unhealthy) }))
          .sort(byShare),
      };
    },

    async poorHealth(actor: Actor, q: TPoorHealthQuery) {
      requirePermission(actor, 'health:read');
      const day = today();
      const [rows, total] = await Promise.all([
        poorHealthPage(db, scopeOf(actor), q, day, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
        countPoorHealth(db, scopeOf(actor), q, day),
      ]);
      return { items: rows.map(toPoorItem), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportPoorHealth(actor: Actor, q: TPoorHealthExportQuery) {
      requirePermission(actor, 'health:read');
      requirePermission(actor, 'export:run');
      const day = today();
      yield* inBatches(async (limit, offset) => (await poorHealthPage(db, scopeOf(actor), q, day, { limit, offset })).map(toPoorItem));
    },

    async lowActivity(actor: Actor, q: TLowActivityQuery) {
      requirePermission(actor, 'health:read');
      const day = today();
      const rule = await deps.usageRule(actor.orgId);
      const [rows, total] = await Promise.all([
        lowActivityPage(db, scopeOf(actor), q, day, rule, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
        countLowActivity(db, scopeOf(actor), q, day, rule),
      ]);
      return { items: rows.map(toLowItem(rule)), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportLowActivity(actor: Actor, q: TLowActivityExportQuery) {
      requirePermission(actor, 'health:read');
      requirePermission(actor, 'export:run');
      const day = today();
      const rule = await deps.usageRule(actor.orgId);
      yield* inBatches(async (limit, offset) =>
        (await lowActivityPage(db, scopeOf(actor), q, day, rule, { limit, offset })).map(toLowItem(rule)),
      );
    },
  };
}
