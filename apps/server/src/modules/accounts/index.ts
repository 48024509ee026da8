// The accounts module's public surface: other modules, app.ts, the seed and other modules' tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { accountAccessMatrix } from './accounts.access.ts';
import { accountsDemo } from './accounts.demo.ts';
import { accountMessages } from './accounts.messages.ts';
import { accountPermissions } from './accounts.permissions.ts';
import { registerAccountRoutes } from './accounts.routes.ts';
import { type AccountService, createAccountService } from './accounts.service.ts';
import { accounts } from './accounts.table.ts';

// Bulk writes of an import (the imports module), in its transaction.
export {
  ACCOUNT_IMPORT_COLUMNS,
  copyNewAccounts,
  type TAccountImportRow,
  undoImportedAccounts,
  updateImportedAccounts,
} from './accounts.bulk.repository.ts';
export type { TAccountEvent, TAccountsBulkUpdatedEvent, TAccountUpdatedEvent } from './accounts.events.ts';
export { makeAccount } from './accounts.factory.ts';
export { EDITIONS, LIFECYCLE_STAGES, SEGMENTS, type TAccount, type TCreateAccount, ZAccount, zCustomValues } from './accounts.schemas.ts';
export { type AccountService, toAccountDto } from './accounts.service.ts';
export { accountMessages, accounts };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const accountsModule = defineModule({
  name: 'accounts',
  tables: { accounts },
  permissions: accountPermissions,
  messages: accountMessages,
  accessMatrix: accountAccessMatrix,
  services: (ctx) => ({ accounts: createAccountService(ctx) }),
  routes: (app, ctx) => registerAccountRoutes(app, { accounts: ctx.services.accounts }),
  demo: accountsDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    accounts: AccountService;
  }
}
