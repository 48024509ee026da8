import { IconSwords } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { optEnum } from '../../lib/search.ts';
import { competitorKeys } from './queryKeys.ts';

// The account page's tab, loaded when an account page opens.
const AccountCompetitors = lazy(() => import('./AccountCompetitors.tsx').then((m) => ({ default: m.AccountCompetitors })));

const parseCompetitorsSearch = (search: Record<string, unknown>): { tab?: 'prices' } => ({ tab: optEnum(search.tab, ['prices'] as const) });

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/competitors',
    validateSearch: parseCompetitorsSearch,
    beforeLoad: requirePermission('competitor:read'),
    component: lazyRouteComponent(() => import('./CompetitorsPage.tsx'), 'CompetitorsPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/competitors/$competitorId',
    beforeLoad: requirePermission('competitor:read'),
    component: lazyRouteComponent(() => import('./CompetitorPage.tsx'), 'CompetitorPage'),
  }),
];

/** Competitors: who else sells what we sell, their prices against ours, and which accounts use or evaluate them. */
export const competitorsFeature = defineFeature({
  name: 'competitors',
  routes,
  navigation: [{ group: 'catalogue', to: '/competitors', label: 'nav.competitors', icon: IconSwords, permission: 'competitor:read' }],
  queryKeys: competitorKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
  accountTabs: [
    { key: 'competitors', label: 'competitor.tab', icon: IconSwords, component: AccountCompetitors, permission: 'competitor:read' },
  ],
});

export { competitorKeys } from './queryKeys.ts';
