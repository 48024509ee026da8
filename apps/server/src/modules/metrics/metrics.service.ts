import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors.ts';
import { enqueueJob, type JobContext } from '../../platform/jobs/queue.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { SubscriptionService } from '../subscriptions/index.ts';
import { addMonths, rangeEnd, rangeStart } from './metrics.engine.ts';
import { metricMessages as m } from './metrics.messages.ts';
import {
  accountIdsWithMrr,
  accountMrrSeries,
  findSettings,
  listCosts,
  listRates,
  replaceAccountsMrr,
  reportingCurrencyOf,
  syncAccountMarkets,
  upsertCosts,
  upsertRates,
  upsertSettings,
} from './metrics.repository.ts';
import { periodMovements, primaryPlan, subscriptionFacts } from './metrics.rollup.ts';
import { type TMetricSettings, type TSeries, type TSeriesQuery, ZMetricSettings } from './metrics.schemas.ts';
import { movementAccounts } from './metrics.series.repository.ts';
import { computeSeries, rateLookup } from './metrics.series.ts';
import { buildSummary, summaryState } from './metrics.summary.repository.ts';
import { accountMrrChanges, type TRateOf } from './metrics.timeline.ts';

export const REBUILD_JOB = 'metrics.rebuild';
export type MetricService = ReturnType<typeof createMetricService>;

export function createMetricService(deps: {
  db: Db;
  clock: Clock;
  accounts: AccountService;
  subscriptions: SubscriptionService;
  /** Competitors' names by id (the competitors module), for "lost to competitor X". */
  competitorNames(orgId: string, ids: string[]): Promise<Map<string, string>>;
}) {
  const { db, clock } = deps;

  async function settingsOf(tx: Db, orgId: string): Promise<TMetricSettings> {
    const stored = ZMetricSettings.parse((await findSettings(tx, orgId)) ?? {});
    return { ...stored, reportingCurrency: await reportingCurrencyOf(tx, orgId) };
  }

  // The conventions and rates a transaction's projections use, read once per transaction and organisation: an
  // import's chunk projects hundreds of accounts in one transaction (the settings and rates change in their own).
  type TConventions = { settings: TMetricSettings; rateOf: TRateOf };
  const conventionsByTx = new WeakMap<Db, Map<string, Promise<TConventions>>>();
  const readConventions = async (tx: Db, orgId: string): Promise<TConventions> => ({
    settings: await settingsOf(tx, orgId),
    rateOf: rateLookup(await listRates(tx, orgId), new Set()),
  });
  function conventionsOf(tx: Db, orgId: string): Promise<TConventions> {
    // Outside a transaction nothing bounds the cache's life: read them each time.
    if (tx === db) return readConventions(tx, orgId);
    const byOrg = conventionsByTx.get(tx) ?? new Map<string, Promise<TConventions>>();
    conventionsByTx.set(tx, byOrg);
    const found = byOrg.get(orgId) ?? readConventions(tx, orgId);
    byOrg.set(orgId, found);
    return found;
  }

  /** Rebuilds one account's MRR history from its subscriptions (the projection of one change). */
  const rebuildAccount = (tx: Db, orgId: string, accountId: string) => rebuildAccounts(tx, orgId, [accountId]);

  /**
   * Rebuilds accounts' MRR history from their subscriptions (the projections, the rebuild job): their histories
   * read with two queries, the old rows deleted and the new ones written with one statement per table and 1,000 rows.
   */
  async function rebuildAccounts(tx: Db, orgId: string, accountIds: readonly string[], ctx?: TConventions) {
    const ids = [...new Set(accountIds)];
    if (!ids.length) return;
    const { settings, rateOf } = ctx ?? (await conventionsOf(tx, orgId));
    const histories = await deps.subscriptions.accountsHistory(orgId, ids, tx);
    const rebuilt = ids.map((accountId) => {
      const { versions, cancelledOn } = histories.get(accountId) ?? { versions: [], cancelledOn: new Map<string, string>() };
      const lines = versions.map((v) => ({ ...v, discountPercent: Number(v.discountPercent) }));
      const changes = accountMrrChanges(lines, settings, rateOf, cancelledOn);
      return { accountId, changes, periods: periodMovements(changes), facts: subscriptionFacts(lines), primaryPlanId: primaryPlan(lines) };
    });
    await replaceAccountsMrr(tx, orgId, rebuilt);
  }

  /** The organisation's monthly summary built again from its accounts' monthly rows; returns how long that took (ms). */
  async function rebuildSummary(orgId: string) {
    const started = performance.now();
    await db.transaction(async (tx) => buildSummary(tx, orgId, (await settingsOf(tx, orgId)).reactivationWindowDays, clock.now()));
    return Math.round(performance.now() - started);
  }

  /**
   * Whether a series can read the monthly summary: the whole organisation (no filter, no grouping, nor a user who
   * sees only their own accounts) by month. Built here the first time (an organisation from before the summary).
   */
  async function summaryReady(orgId: string, q: TSeriesQuery, owner: string | undefined, settings: TMetricSettings) {
    const filtered = owner || q.groupBy || q.market || q.edition || q.plan || q.owner || q.segment || q.tag || q.field;
    if (filtered || q.by !== 'month') return false;
    const state = await summaryState(db, orgId);
    if (state?.window !== settings.reactivationWindowDays) await rebuildSummary(orgId);
    return true;
  }

  async function requestRebuild(tx: Db, orgId: string) {
    await enqueueJob(tx, clock, REBUILD_JOB, { orgId }, { orgId });
  }

  return {
    rebuildAccount,
    rebuildAccounts,
    rebuildSummary,

    /** Accounts moved to another market: their stored movements and facts follow (the projections of the account events). */
    followMarkets: (tx: Db, orgId: string, accountIds: readonly string[]) => syncAccountMarkets(tx, orgId, accountIds),

    /** The rebuild job: every account with subscriptions, in batches, with progress. */
    async rebuildAll(orgId: string, ctx: JobContext) {
      const settings = await settingsOf(db, orgId);
      const rateOf = rateLookup(await listRates(db, orgId), new Set());
      const ids = new Set([...(await accountIdsWithMrr(db, orgId)), ...(await deps.subscriptions.accountIdsWithSubscriptions(orgId))]);
      let done = 0;
      const all = [...ids];
      for (let i = 0; i < all.length; i += 200) {
        await db.transaction((tx) => rebuildAccounts(tx, orgId, all.slice(i, i + 200), { settings, rateOf }));
        done += all.slice(i, i + 200).length;
        await ctx.progress({ done, total: all.length });
        ctx.checkpoint?.();
      }
      // Every batch kept the monthly summary in step; built once more at the end, with the settings of now.
      const builtMs = await rebuildSummary(orgId);
      return { accounts: all.length, summaryMs: builtMs };
    },

    async settings(actor: Actor) {
      requirePermission(actor, 'metrics:read');
      return settingsOf(db, actor.orgId);
    },

    async updateSettings(actor: Actor, patch: Partial<TMetricSettings>) {
      requirePermission(actor, 'metrics:configure');
      return db.transaction(async (tx) => {
        const before = await settingsOf(tx, actor.orgId);
        const { reportingCurrency: _, ...stored } = { ...before, ...patch };
        await upsertSettings(tx, actor.orgId, ZMetricSettings.parse(stored), clock.now());
        // The summary splits new from reactivation by the window: built again now, so it is never read stale.
        const after = await settingsOf(tx, actor.orgId);
        if (after.reactivationWindowDays !== before.reactivationWindowDays && (await summaryState(tx, actor.orgId)))
          await buildSummary(tx, actor.orgId, after.reactivationWindowDays, clock.now());
        await requestRebuild(tx, actor.orgId);
        await recordAudit(tx, clock, actor, {
          entityType: 'metric_settings',
          entityId: actor.orgId,
          action: 'updated',
          before,
          after: stored,
        });
        return settingsOf(tx, actor.orgId);
      });
    },

    async rates(actor: Actor) {
      requirePermission(actor, 'metrics:read');
      return (await listRates(db, actor.orgId)).map((r) => ({ currency: r.currency, month: r.month, rate: Number(r.rate) }));
    },

    async putRates(actor: Actor, rates: { currency: string; month: string; rate: number }[]) {
      requirePermission(actor, 'metrics:configure');
      await db.transaction(async (tx) => {
        const reporting = (await settingsOf(tx, actor.orgId)).reportingCurrency;
        for (const [i, r] of rates.entries())
          if (r.currency === reporting) throw invalid(`rates.${i}.currency`, m.metrics_rate_reporting, { currency: reporting });
        await upsertRates(
          tx,
          actor.orgId,
          rates.map((r) => ({ ...r, month: `${r.month}-01` })),
          clock.now(),
        );
        await requestRebuild(tx, actor.orgId);
        await recordAudit(tx, clock, actor, {
          entityType: 'exchange_rates',
          entityId: actor.orgId,
          action: 'updated',
          after: { count: rates.length },
        });
      });
    },

    async costs(actor: Actor) {
      requirePermission(actor, 'metrics:read');
      return (await listCosts(db, actor.orgId)).map((c) => ({ month: c.month.slice(0, 7), amount: c.amountCents / 100, note: c.note }));
    },

    async putCosts(actor: Actor, costs: { month: string; amount: number; note?: string | null }[]) {
      requirePermission(actor, 'metrics:configure');
      await db.transaction(async (tx) => {
        await upsertCosts(
          tx,
          actor.orgId,
          costs.map((c) => ({ month: `${c.month}-01`, amountCents: Math.round(c.amount * 100), note: c.note ?? null })),
          clock.now(),
        );
        await recordAudit(tx, clock, actor, {
          entityType: 'service_costs',
          entityId: actor.orgId,
          action: 'updated',
          after: { count: costs.length },
        });
      });
    },

    async series(actor: Actor, q: TSeriesQuery): Promise<TSeries> {
      requirePermission(actor, 'metrics:read');
      const to = q.to ?? clock.now().toISOString().slice(0, 7);
      const from = q.from ?? addMonths(`${to.slice(0, 7)}-01`, -11).slice(0, 7);
      const asOf = clock.now().toISOString().slice(0, 10);
      const settings = await settingsOf(db, actor.orgId);
      const owner = accountOwnerFilter(actor);
      const summary = await summaryReady(actor.orgId, q, owner, settings);
      return computeSeries(db, actor.orgId, { ...q, from, to, asOf }, settings, owner, { summary });
    },

    async movements(actor: Actor, q: { type?: string; page: number; pageSize: number } & TSeriesQuery) {
      requirePermission(actor, 'metrics:read');
      const settings = await settingsOf(db, actor.orgId);
      const today = clock.now().toISOString().slice(0, 10);
      const { rows, total } = await movementAccounts(db, actor.orgId, {
        from: rangeStart(q.from ?? `${today.slice(0, 7)}-01`),
        to: [rangeEnd(q.to ?? today), today].sort()[0] as string,
        filters: { ...q, owner: accountOwnerFilter(actor) ?? q.owner },
        type: q.type,
        reactivationWindowDays: settings.reactivationWindowDays,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const items = rows.map((r) => ({
        accountId: r.accountId,
        accountName: r.accountName,
        type: r.type as 'new',
        mrrBefore: r.before / 100,
        mrrAfter: r.after / 100,
        amount: (r.after - r.before) / 100,
        firstChangeOn: r.firstChangeOn,
      }));
      return { items, total, page: q.page, pageSize: q.pageSize };
    },

    /** Cancellations of a range by reason (and competitor): how many accounts, and the MRR they gave up. */
    async churnReasons(actor: Actor, q: { from?: string; to?: string }) {
      requirePermission(actor, 'metrics:read');
      const today = clock.now().toISOString().slice(0, 10);
      const from = rangeStart(q.from ?? addMonths(`${today.slice(0, 7)}-01`, -11).slice(0, 7));
      const to = rangeEnd(q.to ?? today.slice(0, 7));
      const settings = await settingsOf(db, actor.orgId);
      const rateOf = rateLookup(await listRates(db, actor.orgId), new Set());
      const rows = await deps.subscriptions.cancellations(actor, from, to);
      const groups = new Map<
        string,
        {
          reasonId: string | null;
          reasonLabel: string | null;
          competitorId: string | null;
          accounts: Set<string>;
          cancellations: number;
          mrr: number;
        }
      >();
      for (const r of rows) {
        const key = `${r.reasonId}:${r.competitorId}`;
        const g = groups.get(key) ?? {
          reasonId: r.reasonId,
          reasonLabel: r.reasonLabel,
          competitorId: r.competitorId,
          accounts: new Set(),
          cancellations: 0,
          mrr: 0,
        };
        g.accounts.add(r.accountId);
        g.cancellations++;
        g.mrr += Math.round(
          r.mrrCents * (r.currency === settings.reportingCurrency ? 1 : rateOf(r.currency, `${r.effectiveDate.slice(0, 7)}-01`)),
        );
        groups.set(key, g);
      }
      const names = await deps.competitorNames(
        actor.orgId,
        [...groups.values()].map((g) => g.competitorId).filter((id): id is string => !!id),
      );
      return {
        currency: settings.reportingCurrency,
        from,
        to,
        reasons: [...groups.values()]
          .map((g) => ({
            reasonId: g.reasonId,
            reasonLabel: g.reasonLabel,
            competitorId: g.competitorId,
            competitorName: g.competitorId ? (names.get(g.competitorId) ?? null) : null,
            accounts: g.accounts.size,
            cancellations: g.cancellations,
            mrr: g.mrr / 100,
          }))
          .sort((a, b) => b.mrr - a.mrr),
      };
    },

    /** One account's MRR over time (reporting currency), for its chart. */
    async accountMrr(actor: Actor, accountId: string) {
      requirePermission(actor, 'metrics:read');
      await deps.accounts.requireVisible(actor, accountId);
      const settings = await settingsOf(db, actor.orgId);
      const rows = await accountMrrSeries(db, actor.orgId, accountId);
      return {
        currency: settings.reportingCurrency,
        points: rows.map((r) => ({
          date: r.effectiveDate,
          mrr: r.mrrAfterCents / 100,
          before: r.mrrBeforeCents / 100,
          active: r.activeAfter,
        })),
      };
    },
  };
}

/** A user limited to their own accounts sees the figures of those only. */
const accountOwnerFilter = (actor: Actor) => (actor.ownAccountsOnly ? actor.userId : undefined);
