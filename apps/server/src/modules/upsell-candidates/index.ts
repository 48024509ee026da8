// The upsell-candidates module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { upsellCandidatesAccessMatrix } from './upsell-candidates.access.ts';
import { upsellJobs } from './upsell-candidates.jobs.ts';
import { upsellCandidatesPermissions } from './upsell-candidates.permissions.ts';
import { registerUpsellCandidateRoutes } from './upsell-candidates.routes.ts';
import { createUpsellCandidateService, type UpsellCandidateService } from './upsell-candidates.service.ts';
import { upsellCandidates, upsellSettings } from './upsell-candidates.table.ts';

export type { TUpsellCandidateClearedEvent, TUpsellCandidateIdentifiedEvent } from './upsell-candidates.events.ts';
export { makeUpsellCandidate } from './upsell-candidates.factory.ts';
export { findCandidates, type TUpsellReason, type TUpsellReasonCode, UPSELL_REASONS } from './upsell-candidates.rules.ts';
export { type TUpsellCandidate, ZUpsellCandidate } from './upsell-candidates.schemas.ts';
export type { UpsellCandidateService } from './upsell-candidates.service.ts';
export { upsellCandidates, upsellSettings };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const upsellCandidatesModule = defineModule({
  name: 'upsell-candidates',
  tables: { upsellCandidates, upsellSettings },
  permissions: upsellCandidatesPermissions,
  accessMatrix: upsellCandidatesAccessMatrix,
  services: (ctx) => ({
    upsellCandidates: createUpsellCandidateService({
      db: ctx.db,
      clock: ctx.clock,
      events: ctx.events,
      accounts: ctx.services.accounts,
      plans: ctx.services.plans,
    }),
  }),
  routes: (app, ctx) => registerUpsellCandidateRoutes(app, { upsellCandidates: ctx.services.upsellCandidates }),
  jobs: (ctx) => upsellJobs({ db: ctx.db, upsellCandidates: ctx.services.upsellCandidates }),
  // The demo organisation's candidates as the first night would find them in its subscription history.
  demo: {
    async activity({ services, orgId, at }) {
      at(0, 8);
      await services.upsellCandidates.recompute(orgId);
    },
  },
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    upsellCandidates: UpsellCandidateService;
  }
}
