export { makeContact } from './contacts.factory.ts';
export { findContactById, type TContactRow } from './contacts.repository.ts';
export { registerContactRoutes } from './contacts.routes.ts';
export { CONTACT_ROLES, type TContact, type TCreateContact } from './contacts.schemas.ts';
export { type ContactService, createContactService, toContactDto } from './contacts.service.ts';
export { contacts } from './contacts.table.ts';
