import { IconHeartbeat, IconStethoscope } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { healthKeys } from './queryKeys.ts';

// The account page's Health tab, loaded when an account page opens.
const AccountHealthTab = lazy(() => import('./AccountHealthTab.tsx').then((m) => ({ default: m.AccountHealthTab })));
const AccountHealthFact = lazy(() => import('./AccountHealthFact.tsx').then((m) => ({ default: m.AccountHealthFact })));

/** The feature's pages: URL and permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/health/portfolio',
    beforeLoad: requirePermission('health:read'),
    component: lazyRouteComponent(() => import('./PortfolioPage.tsx'), 'PortfolioPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/health/scorecards',
    beforeLoad: requirePermission('health:configure'),
    component: lazyRouteComponent(() => import('./HealthScorecardsPage.tsx'), 'HealthScorecardsPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/health/evaluate',
    beforeLoad: requirePermission('health:configure'),
    component: lazyRouteComponent(() => import('./HealthEvaluationPage.tsx'), 'HealthEvaluationPage'),
  }),
];

/** Health: the portfolio, the account page's Health tab, the scorecard editor and the evaluation against past churn. */
export const healthFeature = defineFeature({
  name: 'health',
  routes,
  navigation: [
    { group: 'overview', to: '/health/portfolio', label: 'nav.portfolio', icon: IconStethoscope, permission: 'health:read' },
    {
      group: 'administration',
      to: '/health/scorecards',
      label: 'nav.healthScorecards',
      icon: IconHeartbeat,
      permission: 'health:configure',
    },
  ],
  accountFacts: [{ key: 'health', label: 'health.factHealth', component: AccountHealthFact, permission: 'health:read' }],
  accountTabs: [{ key: 'health', label: 'health.tab', icon: IconHeartbeat, component: AccountHealthTab, permission: 'health:read' }],
  queryKeys: healthKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { healthKeys } from './queryKeys.ts';
