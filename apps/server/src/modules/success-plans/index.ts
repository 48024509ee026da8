// The success-plans module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { successPlansAccessFixtures, successPlansAccessMatrix } from './success-plans.access.ts';
import { successPlansDemo } from './success-plans.demo.ts';
import { successPlansMessages } from './success-plans.messages.ts';
import { successPlansPermissions } from './success-plans.permissions.ts';
import { registerSuccessPlanRoutes } from './success-plans.routes.ts';
import { createSuccessPlanService, type SuccessPlanService } from './success-plans.service.ts';
import { successObjectives, successProgressEntries, successValueItems } from './success-plans.table.ts';

export { makeObjective } from './success-plans.factory.ts';
export { type TObjective, type TSuccessPlan, ZObjective, ZSuccessPlan } from './success-plans.schemas.ts';
export { type SuccessPlanService, toObjectiveDto } from './success-plans.service.ts';
/** Exported for reading; only this module writes them. */
export { successObjectives, successProgressEntries, successValueItems };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const successPlansModule = defineModule({
  name: 'success-plans',
  tables: { successObjectives, successProgressEntries, successValueItems },
  permissions: successPlansPermissions,
  messages: successPlansMessages,
  accessMatrix: successPlansAccessMatrix,
  accessFixtures: successPlansAccessFixtures,
  services: (ctx) => ({
    successPlans: createSuccessPlanService({ ...ctx, accounts: ctx.services.accounts, timeline: ctx.services.timeline }),
  }),
  routes: (app, ctx) => registerSuccessPlanRoutes(app, { successPlans: ctx.services.successPlans }),
  demo: successPlansDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    successPlans: SuccessPlanService;
  }
}
