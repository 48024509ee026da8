import { IconHeartbeat } from '@tabler/icons-react';
import { createRoute } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { AccountHealthTab } from './AccountHealthTab.tsx';
import { HealthEvaluationPage } from './HealthEvaluationPage.tsx';
import { HealthScorecardsPage } from './HealthScorecardsPage.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { healthKeys } from './queryKeys.ts';

/** The feature's pages: URL and permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/health/scorecards',
    beforeLoad: requirePermission('health:configure'),
    component: HealthScorecardsPage,
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/health/evaluate',
    beforeLoad: requirePermission('health:configure'),
    component: HealthEvaluationPage,
  }),
];

/** Health: the account page's Health tab, the scorecard editor and the evaluation against past churn. */
export const healthFeature = defineFeature({
  name: 'health',
  routes,
  navigation: [
    {
      group: 'administration',
      to: '/health/scorecards',
      label: 'nav.healthScorecards',
      icon: IconHeartbeat,
      permission: 'health:configure',
    },
  ],
  accountTabs: [{ key: 'health', label: 'health.tab', icon: IconHeartbeat, component: AccountHealthTab, permission: 'health:read' }],
  queryKeys: healthKeys,
  strings: { en, nl, da },
});

export { healthKeys } from './queryKeys.ts';
