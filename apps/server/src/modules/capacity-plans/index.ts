// The capacity-plans module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { capacityPlansAccessMatrix } from './capacity-plans.access.ts';
import { capacityPlansDemo } from './capacity-plans.demo.ts';
import { capacityPlansMessages } from './capacity-plans.messages.ts';
import { capacityPlansPermissions } from './capacity-plans.permissions.ts';
import { registerCapacityPlanRoutes } from './capacity-plans.routes.ts';
import { type CapacityPlanService, createCapacityPlanService } from './capacity-plans.service.ts';
import { capacityPeople, capacitySettings } from './capacity-plans.table.ts';

export { makeCapacityPerson } from './capacity-plans.factory.ts';
export { planCapacity, teamOfRole } from './capacity-plans.plan.ts';
export type { CapacityPlanService };
export { capacityPeople, capacitySettings };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const capacityPlansModule = defineModule({
  name: 'capacity-plans',
  tables: { capacitySettings, capacityPeople },
  permissions: capacityPlansPermissions,
  messages: capacityPlansMessages,
  accessMatrix: capacityPlansAccessMatrix,
  services: (ctx) => ({ capacityPlans: createCapacityPlanService(ctx) }),
  routes: (app, ctx) => registerCapacityPlanRoutes(app, { capacityPlans: ctx.services.capacityPlans }),
  demo: capacityPlansDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    capacityPlans: CapacityPlanService;
  }
}
