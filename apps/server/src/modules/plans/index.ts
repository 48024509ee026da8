// The plans module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { planAccessFixtures, planAccessMatrix } from './plans.access.ts';
import { plansDemo } from './plans.demo.ts';
import { plansMessages } from './plans.messages.ts';
import { plansPermissions } from './plans.permissions.ts';
import { registerPlanRoutes } from './plans.routes.ts';
import { createPlanService, type PlanService } from './plans.service.ts';
import { features, planFeatures, planPrices, plans, products } from './plans.table.ts';

export { makeFeature, makePlan, makeProduct } from './plans.factory.ts';
export {
  INTERVALS,
  PRODUCT_KINDS,
  type TComparison,
  type TPlan,
  type TPlanDetail,
  type TPlanInfo,
  type TPlanPrice,
  zAmount,
  zCurrency,
  zInterval,
} from './plans.schemas.ts';
export type { PlanService } from './plans.service.ts';
export { features, planFeatures, planPrices, plans, products };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const plansModule = defineModule({
  name: 'plans',
  tables: { products, plans, planPrices, features, planFeatures },
  permissions: plansPermissions,
  messages: plansMessages,
  accessMatrix: planAccessMatrix,
  accessFixtures: planAccessFixtures,
  services: (ctx) => ({ plans: createPlanService(ctx) }),
  routes: (app, ctx) => registerPlanRoutes(app, { plans: ctx.services.plans }),
  demo: plansDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    plans: PlanService;
  }
}
