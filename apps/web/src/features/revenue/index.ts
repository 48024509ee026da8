import { IconChartAreaLine } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { optEnum } from '../../lib/search.ts';
import { seriesQuery } from './queries.ts';
import { revenueKeys } from './queryKeys.ts';
import { parseRevenueSearch } from './search.ts';

export const SETTINGS_TABS = ['conventions', 'rates', 'costs', 'reasons'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/revenue',
    validateSearch: parseRevenueSearch,
    beforeLoad: requirePermission('metrics:read'),
    // The series is asked for at once, while the page's code loads (not awaited: the page shows its skeleton).
    loaderDeps: ({ search }) => search,
    loader: ({ context, deps }) => void context.queryClient.prefetchQuery(seriesQuery(deps)),
    component: lazyRouteComponent(() => import('./RevenuePage.tsx'), 'RevenuePage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/revenue-settings',
    validateSearch: (s: Record<string, unknown>): { tab?: SettingsTab } => ({ tab: optEnum(s.tab, SETTINGS_TABS) }),
    beforeLoad: requirePermission('metrics:configure'),
    component: lazyRouteComponent(() => import('./SettingsPage.tsx'), 'SettingsPage'),
  }),
];

/** Revenue: the MRR dashboard with drill-down to accounts and changes, and the metric settings (conventions, rates, costs, reasons). */
export const revenueFeature = defineFeature({
  name: 'revenue',
  routes,
  navigation: [
    { group: 'overview', to: '/revenue', label: 'nav.revenue', icon: IconChartAreaLine, permission: 'metrics:read' },
    {
      group: 'administration',
      to: '/revenue-settings',
      label: 'nav.revenueSettings',
      icon: IconChartAreaLine,
      permission: 'metrics:configure',
    },
  ],
  queryKeys: revenueKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

// What other features may use.
export { revenueKeys } from './queryKeys.ts';
export type { RevenueSearch } from './search.ts';
export type { PeriodMetrics, Series } from './types.ts';
