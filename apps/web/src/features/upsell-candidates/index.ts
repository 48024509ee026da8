import { IconTrendingUp } from '@tabler/icons-react';
import { createRoute } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { AccountUpsellBadge } from './AccountUpsellBadge.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { upsellCandidateKeys } from './queryKeys.ts';
import { parseUpsellCandidatesSearch } from './search.ts';
import { UpsellCandidatesPage } from './UpsellCandidatesPage.tsx';

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/upsell-candidates',
    validateSearch: parseUpsellCandidatesSearch,
    beforeLoad: requirePermission('upsell_candidate:read'),
    component: UpsellCandidatesPage,
  }),
];

/** Upsell candidates: the list beside the subscriptions, and a badge on the account page saying why. */
export const upsellCandidatesFeature = defineFeature({
  name: 'upsell-candidates',
  routes,
  navigation: [
    {
      group: 'customers',
      to: '/upsell-candidates',
      label: 'nav.upsellCandidates',
      icon: IconTrendingUp,
      permission: 'upsell_candidate:read',
    },
  ],
  accountBadges: [{ key: 'upsell', component: AccountUpsellBadge, permission: 'upsell_candidate:read' }],
  queryKeys: upsellCandidateKeys,
  strings: { en, nl, da },
});

export { upsellCandidateKeys } from './queryKeys.ts';
