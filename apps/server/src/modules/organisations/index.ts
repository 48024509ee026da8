export { markets } from './markets.table.ts';
export { registerOrganisationRoutes, ZMarket } from './organisations.routes.ts';
export { createOrganisationService, createOrganisationWithAdmin, type TMarketInput } from './organisations.service.ts';
export { organisations } from './organisations.table.ts';
