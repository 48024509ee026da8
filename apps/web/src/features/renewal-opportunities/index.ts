import { IconNotes } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { renewalOpportunityKeys } from './queryKeys.ts';
import { parseRenewalOpportunitiesSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/renewal-opportunities',
    validateSearch: parseRenewalOpportunitiesSearch,
    beforeLoad: requirePermission('renewal_opportunity:read'),
    component: lazyRouteComponent(() => import('./RenewalOpportunitiesPage.tsx'), 'RenewalOpportunitiesPage'),
  }),
];

/** Renewal opportunities: the organisation's list, and a form to add one to an account. */
export const renewalOpportunitiesFeature = defineFeature({
  name: 'renewal-opportunities',
  routes,
  navigation: [
    {
      group: 'customers',
      to: '/renewal-opportunities',
      label: 'nav.renewalOpportunities',
      icon: IconNotes,
      permission: 'renewal_opportunity:read',
    },
  ],
  queryKeys: renewalOpportunityKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { renewalOpportunityKeys } from './queryKeys.ts';
// What other features may use.
export { RenewalOpportunityFormModal } from './RenewalOpportunityFormModal.tsx';
