import { IconLayoutColumns, IconTags } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { planKeys } from './queryKeys.ts';
import { parseCatalogueSearch, parseComparisonSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/plans',
    validateSearch: parseCatalogueSearch,
    beforeLoad: requirePermission('plan:read'),
    component: lazyRouteComponent(() => import('./CataloguePage.tsx'), 'CataloguePage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/plan-comparison',
    validateSearch: parseComparisonSearch,
    beforeLoad: requirePermission('plan:read'),
    component: lazyRouteComponent(() => import('./ComparisonPage.tsx'), 'ComparisonPage'),
  }),
];

/** Plans: the catalogue (plans with prices, products, features) and the side-by-side plan comparison. */
export const plansFeature = defineFeature({
  name: 'plans',
  routes,
  navigation: [
    { group: 'catalogue', to: '/plans', label: 'nav.plans', icon: IconTags, permission: 'plan:read' },
    { group: 'catalogue', to: '/plan-comparison', label: 'nav.planComparison', icon: IconLayoutColumns, permission: 'plan:read' },
  ],
  queryKeys: planKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

// What other features may use.
export { formatMoney } from './format.ts';
export { PriceBadges } from './PlansTab.tsx';
export { type PriceRow, PriceRows, toPrices } from './PriceRows.tsx';
export { planKeys } from './queryKeys.ts';
export type { Plan } from './types.ts';
export { usePlanOptions } from './usePlanData.ts';
