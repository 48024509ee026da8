import { IconAddressBook } from '@tabler/icons-react';
import { createRoute } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { ContactPage } from './ContactPage.tsx';
import { ContactsPage } from './ContactsPage.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { contactKeys } from './queryKeys.ts';
import { parseContactsSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/contacts',
    validateSearch: parseContactsSearch,
    beforeLoad: requirePermission('contact:read'),
    component: ContactsPage,
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/contacts/$contactId',
    beforeLoad: requirePermission('contact:read'),
    component: ContactPage,
  }),
];

/** Contacts: everyone at the customers the user may see, and each contact's own page. */
export const contactsFeature = defineFeature({
  name: 'contacts',
  routes,
  navigation: [{ group: 'customers', to: '/contacts', label: 'nav.contacts', icon: IconAddressBook, permission: 'contact:read' }],
  queryKeys: contactKeys,
  strings: { en, nl, da },
});

// What other features may use: the contact form, role badges, the name format and the query keys.
export { ContactFormModal } from './ContactFormModal.tsx';
export { contactName } from './contactName.ts';
export { contactKeys } from './queryKeys.ts';
export { RoleBadges } from './RoleBadges.tsx';
export type { ContactRole, ContactSort } from './types.ts';
