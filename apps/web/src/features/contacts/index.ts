import { IconAddressBook } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { contactKeys } from './queryKeys.ts';
import { parseContactsSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/contacts',
    validateSearch: parseContactsSearch,
    beforeLoad: requirePermission('contact:read'),
    component: lazyRouteComponent(() => import('./ContactsPage.tsx'), 'ContactsPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/contacts/$contactId',
    beforeLoad: requirePermission('contact:read'),
    component: lazyRouteComponent(() => import('./ContactPage.tsx'), 'ContactPage'),
  }),
];

/** Contacts: everyone at the customers the user may see, and each contact's own page. */
export const contactsFeature = defineFeature({
  name: 'contacts',
  routes,
  navigation: [{ group: 'customers', to: '/contacts', label: 'nav.contacts', icon: IconAddressBook, permission: 'contact:read' }],
  queryKeys: contactKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

// What other features may use: the contact form, role badges, the name format and the query keys.
export { ContactFormModal } from './ContactFormModal.tsx';
export { contactName } from './contactName.ts';
export { contactKeys } from './queryKeys.ts';
export { RoleBadges } from './RoleBadges.tsx';
export type { ContactRole, ContactSort } from './types.ts';
