export { accounts } from './accounts.table.ts';
export { EDITIONS, LIFECYCLE_STAGES, SEGMENTS, ZAccount, type TAccount, type TCreateAccount } from './accounts.schemas.ts';
export { type AccountService, createAccountService, toAccountDto } from './accounts.service.ts';
export { registerAccountRoutes } from './accounts.routes.ts';
