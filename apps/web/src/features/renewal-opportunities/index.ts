import { IconRotateClockwise2 } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { renewalKeys } from './queryKeys.ts';
import { parseRenewalsSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/renewal-opportunities',
    validateSearch: parseRenewalsSearch,
    beforeLoad: requirePermission('renewal_opportunity:read'),
    component: lazyRouteComponent(() => import('./RenewalPipelinePage.tsx'), 'RenewalPipelinePage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/renewal-settings',
    beforeLoad: requirePermission('renewal_settings:manage'),
    component: lazyRouteComponent(() => import('./RenewalSettingsPage.tsx'), 'RenewalSettingsPage'),
  }),
];

const AccountRenewalTab = lazy(() => import('./AccountRenewalTab.tsx').then((m) => ({ default: m.AccountRenewalTab })));
const AccountRenewalFact = lazy(() => import('./AccountRenewalFact.tsx').then((m) => ({ default: m.AccountRenewalFact })));

/** The renewal pipeline (board, list, calendar) and the account page's Renewal tab. */
export const renewalOpportunitiesFeature = defineFeature({
  name: 'renewal-opportunities',
  routes,
  navigation: [
    {
      group: 'renewals',
      order: 10,
      to: '/renewal-opportunities',
      label: 'nav.renewalOpportunities',
      icon: IconRotateClockwise2,
      permission: 'renewal_opportunity:read',
    },
    {
      group: 'administration',
      to: '/renewal-settings',
      label: 'nav.renewalSettings',
      icon: IconRotateClockwise2,
      permission: 'renewal_settings:manage',
    },
  ],
  accountFacts: [
    { key: 'renewal', label: 'renewalPipeline.factNext', component: AccountRenewalFact, permission: 'renewal_opportunity:read' },
  ],
  accountTabs: [
    {
      key: 'renewal',
      label: 'renewalPipeline.tab',
      icon: IconRotateClockwise2,
      component: AccountRenewalTab,
      permission: 'renewal_opportunity:read',
    },
  ],
  queryKeys: renewalKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { renewalKeys } from './queryKeys.ts';
// What other features may use: the account timeline words a renewal's entry.
export { RenewalEntryTitle } from './RenewalEntryTitle.tsx';
