// The contacts module's public surface: other modules, app.ts, the seed and other modules' tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { contactAccessMatrix } from './contacts.access.ts';
import { contactsDemo } from './contacts.demo.ts';
import { contactMessages } from './contacts.messages.ts';
import { contactPermissions } from './contacts.permissions.ts';
import { registerContactRoutes } from './contacts.routes.ts';
import { type ContactService, createContactService } from './contacts.service.ts';

export type { TContactLeftEvent } from './contacts.events.ts';

import { contacts } from './contacts.table.ts';

// Bulk writes of an import (the imports module), in its transaction, and its lookup of existing contacts.
export {
  CONTACT_IMPORT_COLUMNS,
  copyNewContacts,
  findContactsByKeys,
  type TContactImportRow,
  type TContactKeys,
  undoImportedContacts,
  updateImportedContacts,
} from './contacts.bulk.repository.ts';
export { makeContact } from './contacts.factory.ts';
export { findContactById, type TContactRow } from './contacts.repository.ts';
export { CONTACT_ROLES, type TContact, type TCreateContact, ZContactListQuery } from './contacts.schemas.ts';
export { type ContactService, toContactDto } from './contacts.service.ts';
export { contactMessages, contacts };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const contactsModule = defineModule({
  name: 'contacts',
  tables: { contacts },
  permissions: contactPermissions,
  messages: contactMessages,
  accessMatrix: contactAccessMatrix,
  services: (ctx) => ({ contacts: createContactService({ ...ctx, accounts: ctx.services.accounts }) }),
  routes: (app, ctx) => registerContactRoutes(app, { contacts: ctx.services.contacts }),
  demo: contactsDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    contacts: ContactService;
  }
}
