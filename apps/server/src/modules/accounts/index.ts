export { registerAccountRoutes } from './accounts.routes.ts';
export { EDITIONS, LIFECYCLE_STAGES, SEGMENTS, type TAccount, type TCreateAccount, ZAccount } from './accounts.schemas.ts';
export { type AccountService, createAccountService, toAccountDto } from './accounts.service.ts';
export { accounts } from './accounts.table.ts';
