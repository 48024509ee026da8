import { IconTrendingUp } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { upsellCandidateKeys } from './queryKeys.ts';
import { parseUpsellCandidatesSearch } from './search.ts';

// The account page's badge, loaded when an account page opens.
const AccountUpsellBadge = lazy(() => import('./AccountUpsellBadge.tsx').then((m) => ({ default: m.AccountUpsellBadge })));

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/upsell-candidates',
    validateSearch: parseUpsellCandidatesSearch,
    beforeLoad: requirePermission('upsell_candidate:read'),
    component: lazyRouteComponent(() => import('./UpsellCandidatesPage.tsx'), 'UpsellCandidatesPage'),
  }),
];

/** Upsell candidates: the list beside the subscriptions, and a badge on the account page saying why. */
export const upsellCandidatesFeature = defineFeature({
  name: 'upsell-candidates',
  routes,
  navigation: [
    {
      group: 'renewals',
      order: 30,
      to: '/upsell-candidates',
      label: 'nav.upsellCandidates',
      icon: IconTrendingUp,
      permission: 'upsell_candidate:read',
    },
  ],
  accountBadges: [{ key: 'upsell', component: AccountUpsellBadge, permission: 'upsell_candidate:read' }],
  queryKeys: upsellCandidateKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { upsellCandidateKeys } from './queryKeys.ts';
