// The renewals module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { renewalsAccessMatrix } from './renewals.access.ts';
import { renewalsDemo } from './renewals.demo.ts';
import { renewalsMessages } from './renewals.messages.ts';
import { renewalsPermissions } from './renewals.permissions.ts';
import { registerRenewalRoutes } from './renewals.routes.ts';
import { createRenewalService, type RenewalService } from './renewals.service.ts';

export { type TRenewalPeriod, type TRenewalReport, ZRenewalReport } from './renewals.schemas.ts';
export type { RenewalService } from './renewals.service.ts';

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const renewalsModule = defineModule({
  name: 'renewals',
  tables: {},
  permissions: renewalsPermissions,
  messages: renewalsMessages,
  accessMatrix: renewalsAccessMatrix,
  services: (ctx) => ({ renewals: createRenewalService({ db: ctx.db, clock: ctx.clock }) }),
  routes: (app, ctx) => registerRenewalRoutes(app, { renewals: ctx.services.renewals }),
  demo: renewalsDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    renewals: RenewalService;
  }
}
