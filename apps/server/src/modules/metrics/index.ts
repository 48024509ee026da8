// The metrics module's public surface: other modules, app.ts, the seed and other tests import only this.
import { z } from 'zod';
import { project } from '../../platform/events.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { defineModule } from '../../platform/modules.ts';
import { metricAccessMatrix } from './metrics.access.ts';
import { metricsDemo } from './metrics.demo.ts';
import { metricMessages } from './metrics.messages.ts';
import { metricsPermissions } from './metrics.permissions.ts';
import { registerMetricRoutes } from './metrics.routes.ts';
import { createMetricService, type MetricService, REBUILD_JOB } from './metrics.service.ts';
import {
  exchangeRates,
  metricSettings,
  mrrAccounts,
  mrrChanges,
  mrrMonthAcv,
  mrrMonthSummaries,
  mrrPeriodMovements,
  mrrSubscriptionFacts,
  mrrSummaryState,
  serviceCosts,
} from './metrics.table.ts';

export { buildSeries, periodsOf } from './metrics.engine.ts';
export { setExchangeRates, setServiceCosts } from './metrics.factory.ts';
export { periodMovements, primaryPlan, subscriptionFacts } from './metrics.rollup.ts';
export { type TMetricSettings, type TPeriodMetrics, type TSeries, ZMetricSettings } from './metrics.schemas.ts';
export { computeSeries } from './metrics.series.ts';
export type { MetricService } from './metrics.service.ts';
export { buildSummary } from './metrics.summary.repository.ts';
export { accountMrrChanges } from './metrics.timeline.ts';
export {
  exchangeRates,
  metricSettings,
  mrrAccounts,
  mrrChanges,
  mrrMonthAcv,
  mrrMonthSummaries,
  mrrPeriodMovements,
  mrrSubscriptionFacts,
  mrrSummaryState,
  serviceCosts,
};

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const metricsModule = defineModule({
  name: 'metrics',
  tables: {
    mrrChanges,
    mrrPeriodMovements,
    mrrSubscriptionFacts,
    mrrAccounts,
    mrrMonthSummaries,
    mrrMonthAcv,
    mrrSummaryState,
    exchangeRates,
    serviceCosts,
    metricSettings,
  },
  permissions: metricsPermissions,
  messages: metricMessages,
  accessMatrix: metricAccessMatrix,
  services: (ctx) => ({
    metrics: createMetricService({
      db: ctx.db,
      clock: ctx.clock,
      accounts: ctx.services.accounts,
      subscriptions: ctx.services.subscriptions,
      competitorNames: async (orgId, ids) =>
        new Map([...(await ctx.services.competitors.lookup(orgId, ids)).values()].map((c) => [c.id, c.name])),
    }),
  }),
  routes: (app, ctx) => registerMetricRoutes(app, { metrics: ctx.services.metrics }),
  // An account's MRR follows its subscriptions in the same transaction: the revenue figures are never behind.
  projections: (ctx) => [
    project(
      'subscription.changed',
      'metrics.accountMrr',
      (tx, e, meta) => ctx.services.metrics.rebuildAccount(tx, meta.orgId, e.accountId),
      // An import's chunk: every account it touched, rebuilt once, together.
      (tx, events, meta) =>
        ctx.services.metrics.rebuildAccounts(
          tx,
          meta.orgId,
          events.map((e) => e.accountId),
        ),
    ),
    // The stored movements carry the account's market (a series by market reads them alone): it follows the account.
    project('account.updated', 'metrics.accountMarket', (tx, e, meta) =>
      e.changed.includes('marketId') ? ctx.services.metrics.followMarkets(tx, meta.orgId, [e.accountId]) : Promise.resolve(),
    ),
    project('accounts.bulk_updated', 'metrics.accountMarkets', (tx, e, meta) =>
      ctx.services.metrics.followMarkets(tx, meta.orgId, e.accountIds),
    ),
  ],
  demo: metricsDemo,
  jobs: (ctx) => [
    defineJob({
      name: REBUILD_JOB,
      payload: z.object({ orgId: z.uuid() }),
      lane: 'bulk',
      handler: (p, jc) => ctx.services.metrics.rebuildAll(p.orgId, jc),
    }),
  ],
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    metrics: MetricService;
  }
}
