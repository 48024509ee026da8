// The organisations module's public surface: other modules, app.ts, the seed and other modules' tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { markets } from './markets.table.ts';
import { organisationAccessMatrix } from './organisations.access.ts';
import { organisationsDemo } from './organisations.demo.ts';
import { organisationMessages } from './organisations.messages.ts';
import { organisationPermissions } from './organisations.permissions.ts';
import { registerOrganisationRoutes } from './organisations.routes.ts';
import { createOrganisationService, type OrganisationService } from './organisations.service.ts';
import { organisations } from './organisations.table.ts';

export { createDemoOrganisation, DEMO_ORGANISATION, isDemoWanted } from './organisations.demo.ts';
export { makeMarket } from './organisations.factory.ts';
export { type TMarket, type TMarketInput, ZMarket } from './organisations.schemas.ts';
export { createOrganisationWithAdmin, type OrganisationService } from './organisations.service.ts';
export { markets, organisationMessages, organisations };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const organisationsModule = defineModule({
  name: 'organisations',
  tables: { organisations, markets },
  permissions: organisationPermissions,
  messages: organisationMessages,
  accessMatrix: organisationAccessMatrix,
  services: (ctx) => ({ organisations: createOrganisationService(ctx) }),
  routes: (app, ctx) => registerOrganisationRoutes(app, { organisations: ctx.services.organisations }),
  demo: organisationsDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    organisations: OrganisationService;
  }
}
