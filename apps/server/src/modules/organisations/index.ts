export { organisations } from './organisations.table.ts';
export { markets } from './markets.table.ts';
export { createOrganisationService, createOrganisationWithAdmin, type TMarketInput } from './organisations.service.ts';
export { registerOrganisationRoutes, ZMarket } from './organisations.routes.ts';
