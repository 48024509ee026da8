import { defineModule } from '../../platform/modules.ts';
import { contactPermissions } from './contacts.permissions.ts';
import { registerContactRoutes } from './contacts.routes.ts';
import { type ContactService, createContactService } from './contacts.service.ts';
import { contacts } from './contacts.table.ts';

export { registerContactRoutes } from './contacts.routes.ts';
export { CONTACT_ROLES, type TContact, type TCreateContact } from './contacts.schemas.ts';
export { type ContactService, createContactService } from './contacts.service.ts';
export { contacts } from './contacts.table.ts';

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const contactsModule = defineModule({
  name: 'contacts',
  tables: { contacts },
  permissions: contactPermissions,
  services: (ctx) => ({ contacts: createContactService({ ...ctx, accounts: ctx.services.accounts }) }),
  routes: (app, ctx) => registerContactRoutes(app, { contacts: ctx.services.contacts, db: ctx.db }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    contacts: ContactService;
  }
}
