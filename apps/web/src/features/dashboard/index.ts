import { IconLayoutDashboard } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/',
    component: lazyRouteComponent(() => import('./DashboardPage.tsx'), 'DashboardPage'),
  }),
];

/** The start page: counts and charts of the customer base. Loaded on first visit (charts are large). */
export const dashboardFeature = defineFeature({
  name: 'dashboard',
  routes,
  navigation: [{ group: 'overview', to: '/', label: 'nav.dashboard', icon: IconLayoutDashboard }],
  queryKeys: { all: ['dashboard'] as const },
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});
