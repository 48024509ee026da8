import { defineModule } from '../../platform/modules.ts';
import { markets } from './markets.table.ts';
import { organisationPermissions } from './organisations.permissions.ts';
import { registerOrganisationRoutes } from './organisations.routes.ts';
import { createOrganisationService } from './organisations.service.ts';
import { organisations } from './organisations.table.ts';

export { markets } from './markets.table.ts';
export { registerOrganisationRoutes, ZMarket } from './organisations.routes.ts';
export { createOrganisationService, createOrganisationWithAdmin, type TMarketInput } from './organisations.service.ts';
export { organisations } from './organisations.table.ts';

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const organisationsModule = defineModule({
  name: 'organisations',
  tables: { organisations, markets },
  permissions: organisationPermissions,
  services: (ctx) => ({ organisations: createOrganisationService(ctx) }),
  routes: (app, ctx) => registerOrganisationRoutes(app, { organisations: ctx.services.organisations }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    organisations: ReturnType<typeof createOrganisationService>;
  }
}
