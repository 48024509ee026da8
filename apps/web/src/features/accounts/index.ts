import { IconBuildingStore } from '@tabler/icons-react';
import { createRoute } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { AccountPage } from './AccountPage.tsx';
import { AccountsPage } from './AccountsPage.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { accountKeys } from './queryKeys.ts';
import { parseAccountPageSearch, parseAccountsSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/accounts',
    validateSearch: parseAccountsSearch,
    beforeLoad: requirePermission('account:read'),
    component: AccountsPage,
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/accounts/$accountId',
    validateSearch: parseAccountPageSearch,
    beforeLoad: requirePermission('account:read'),
    component: AccountPage,
  }),
];

/** Accounts: the list with filters and columns, and each account's page (contacts, timeline, details, history). */
export const accountsFeature = defineFeature({
  name: 'accounts',
  routes,
  navigation: [{ group: 'customers', to: '/accounts', label: 'nav.accounts', icon: IconBuildingStore, permission: 'account:read' }],
  queryKeys: accountKeys,
  strings: { en, nl, da },
});

export { accountKeys } from './queryKeys.ts';
// What other features may use.
export type { AccountsSearch } from './search.ts';
export type { AccountQuery } from './types.ts';
