import { IconLayoutColumns, IconTags } from '@tabler/icons-react';
import { createRoute } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { CataloguePage } from './CataloguePage.tsx';
import { ComparisonPage } from './ComparisonPage.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { planKeys } from './queryKeys.ts';
import { parseCatalogueSearch, parseComparisonSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/plans',
    validateSearch: parseCatalogueSearch,
    beforeLoad: requirePermission('plan:read'),
    component: CataloguePage,
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/plan-comparison',
    validateSearch: parseComparisonSearch,
    beforeLoad: requirePermission('plan:read'),
    component: ComparisonPage,
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
  strings: { en, nl, da },
});

// What other features may use.
export { formatMoney } from './format.ts';
export { PriceBadges } from './PlansTab.tsx';
export { type PriceRow, PriceRows, toPrices } from './PriceRows.tsx';
export { planKeys } from './queryKeys.ts';
export type { Plan } from './types.ts';
export { usePlanOptions } from './usePlanData.ts';
