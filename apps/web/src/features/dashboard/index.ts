import { IconLayoutDashboard } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';

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
  strings: { en, nl, da },
});
