// The health module's public surface: other modules, app.ts, the seed and other tests import only this.
import { subscribe } from '../../platform/events.ts';
import { defineModule } from '../../platform/modules.ts';
import { healthAccessFixtures, healthAccessMatrix } from './health.access.ts';
import { healthDemo } from './health.demo.ts';
import { healthJobs } from './health.jobs.ts';
import { healthMessages } from './health.messages.ts';
import { healthPermissions } from './health.permissions.ts';
import { registerPortfolioRoutes } from './health.portfolio.routes.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { createHealthService, type HealthService } from './health.service.ts';
import { healthPulses, healthScorecards, healthScoreHistory, healthScores, healthSettings } from './health.table.ts';

export { bandOf, pointsFor, scoreAccount, type TThresholds } from './health.engine.ts';
export { rocAuc } from './health.evaluate.ts';
export { accountHealth, makePulse } from './health.factory.ts';
export { fitScorecard, type TCandidate, type TFitRow } from './health.fit.ts';
export type { THealthMeasureDef, THealthMeasureProvider, TMeasureReading, TReadScope } from './health.measures.ts';
export type { TAccountHealth, TEvaluation, TScorecard } from './health.schemas.ts';
export type { HealthService } from './health.service.ts';
export { healthPulses, healthScorecards, healthScoreHistory, healthScores, healthSettings };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const healthModule = defineModule({
  name: 'health',
  tables: { healthScorecards, healthSettings, healthScores, healthScoreHistory, healthPulses },
  permissions: healthPermissions,
  messages: healthMessages,
  accessMatrix: healthAccessMatrix,
  accessFixtures: healthAccessFixtures,
  services: (ctx) => ({
    health: createHealthService({
      db: ctx.db,
      database: ctx.database,
      clock: ctx.clock,
      accounts: ctx.services.accounts,
      churnSignals: ctx.services.churnSignals,
    }),
  }),
  // Fresh: an account is rescored as soon as an event moves one of its inputs (a subscription change, an edit of its
  // fields, an import), not only by the nightly recompute.
  subscribers: (ctx) => {
    // A score computed well after an event already holds it: only the accounts scored before it are rescored.
    const rescoreNewer = (orgId: string, accountIds: string[], occurredAt: string) =>
      ctx.services.health.rescoreAfter(orgId, accountIds, new Date(occurredAt));
    return [
      // An imported history (no change id) waits for the nightly recompute: one rescore per imported subscription would
      // queue as many jobs as the file has customers.
      subscribe('subscription.changed', 'health.rescoreOnSubscription', async (e, meta) => {
        if (e.changeId) await rescoreNewer(meta.orgId, [e.accountId], meta.occurredAt);
      }),
      subscribe('account.updated', 'health.rescoreOnAccount', (e, meta) => rescoreNewer(meta.orgId, [e.accountId], meta.occurredAt)),
      subscribe('accounts.bulk_updated', 'health.rescoreOnImport', (e, meta) => rescoreNewer(meta.orgId, e.accountIds, meta.occurredAt)),
      // Usage: the accounts whose rollups a merge just moved (at most one merge per organisation and 10-second slot).
      subscribe('usage.activity_changed', 'health.rescoreOnUsage', (e, meta) => rescoreNewer(meta.orgId, e.accountIds, meta.occurredAt)),
    ];
  },
  routes: (app, ctx) => {
    registerHealthRoutes(app, { health: ctx.services.health });
    registerPortfolioRoutes(app, { health: ctx.services.health });
  },
  jobs: (ctx) => healthJobs({ db: ctx.db, health: ctx.services.health }),
  demo: healthDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    health: HealthService;
  }
}
