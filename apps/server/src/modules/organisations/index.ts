export { markets } from './markets.table.ts';
export { organisationMessages } from './organisations.messages.ts';
export { registerOrganisationRoutes } from './organisations.routes.ts';
export { type TMarket, type TMarketInput, ZMarket } from './organisations.schemas.ts';
export { createOrganisationService, createOrganisationWithAdmin, type OrganisationService } from './organisations.service.ts';
export { organisations } from './organisations.table.ts';
