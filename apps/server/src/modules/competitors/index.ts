// The competitors module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { competitorsAccessFixtures, competitorsAccessMatrix } from './competitors.access.ts';
import { competitorsDemo } from './competitors.demo.ts';
import { competitorsMessages } from './competitors.messages.ts';
import { competitorsPermissions } from './competitors.permissions.ts';
import { registerCompetitorRoutes } from './competitors.routes.ts';
import { type CompetitorService, createCompetitorService } from './competitors.service.ts';
import { accountCompetitors, competitorPlanPrices, competitorPlans, competitors } from './competitors.table.ts';

export { linkCompetitor, makeCompetitor, makeCompetitorPlan } from './competitors.factory.ts';
export { ACCOUNT_COMPETITOR_STATUSES, type TAccountCompetitor, type TCompetitor } from './competitors.schemas.ts';
export type { CompetitorService } from './competitors.service.ts';
export { accountCompetitors, competitorPlanPrices, competitorPlans, competitors };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const competitorsModule = defineModule({
  name: 'competitors',
  tables: { competitors, competitorPlans, competitorPlanPrices, accountCompetitors },
  permissions: competitorsPermissions,
  messages: competitorsMessages,
  accessMatrix: competitorsAccessMatrix,
  accessFixtures: competitorsAccessFixtures,
  services: (ctx) => ({ competitors: createCompetitorService({ ...ctx, accounts: ctx.services.accounts }) }),
  routes: (app, ctx) => registerCompetitorRoutes(app, { competitors: ctx.services.competitors }),
  demo: competitorsDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    competitors: CompetitorService;
  }
}
