// The plans module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { createPlanCatalogue, type PlanCatalogue } from './plans.catalogue.ts';
import { plansMessages } from './plans.messages.ts';
import { plansPermissions } from './plans.permissions.ts';
import { features, planFeatures, planPrices, plans, products } from './plans.table.ts';

export type { PlanCatalogue, TPlanInfo } from './plans.catalogue.ts';
export { features, planFeatures, planPrices, plans, products };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const plansModule = defineModule({
  name: 'plans',
  tables: { products, plans, planPrices, features, planFeatures },
  permissions: plansPermissions,
  messages: plansMessages,
  services: (ctx) => ({ plans: createPlanCatalogue(ctx.db) }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    plans: PlanCatalogue;
  }
}
