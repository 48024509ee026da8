import { IconBuildingStore } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { accountKeys } from './queryKeys.ts';
import { parseAccountPageSearch, parseAccountsSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/accounts',
    validateSearch: parseAccountsSearch,
    beforeLoad: requirePermission('account:read'),
    component: lazyRouteComponent(() => import('./AccountsPage.tsx'), 'AccountsPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/accounts/$accountId',
    validateSearch: parseAccountPageSearch,
    beforeLoad: requirePermission('account:read'),
    component: lazyRouteComponent(() => import('./AccountPage.tsx'), 'AccountPage'),
  }),
];

/** Accounts: the list with filters and columns, and each account's page (contacts, timeline, details, history). */
export const accountsFeature = defineFeature({
  name: 'accounts',
  routes,
  navigation: [{ group: 'customers', to: '/accounts', label: 'nav.accounts', icon: IconBuildingStore, permission: 'account:read' }],
  queryKeys: accountKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { accountKeys } from './queryKeys.ts';
// What other features may use.
export type { AccountsSearch } from './search.ts';
export type { AccountQuery } from './types.ts';
