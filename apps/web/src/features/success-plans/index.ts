import { IconTargetArrow } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { successPlanKeys } from './queryKeys.ts';
import { parseObjectivesSearch } from './search.ts';

// The account page's Success plan tab, loaded when an account page opens.
const AccountSuccessPlanTab = lazy(() => import('./AccountSuccessPlanTab.tsx').then((m) => ({ default: m.AccountSuccessPlanTab })));

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/success-plans',
    validateSearch: parseObjectivesSearch,
    beforeLoad: requirePermission('success_plan:read'),
    component: lazyRouteComponent(() => import('./SuccessPlansPage.tsx'), 'SuccessPlansPage'),
  }),
];

/** Success plans: the account page's Success plan tab (objectives, progress, value delivered, the ROI PDF) and the objectives across accounts. */
export const successPlansFeature = defineFeature({
  name: 'success-plans',
  routes,
  navigation: [
    {
      group: 'success',
      order: 25,
      to: '/success-plans',
      label: 'nav.successPlans',
      icon: IconTargetArrow,
      permission: 'success_plan:read',
    },
  ],
  accountTabs: [
    {
      key: 'success-plan',
      label: 'successPlan.tab',
      icon: IconTargetArrow,
      component: AccountSuccessPlanTab,
      permission: 'success_plan:read',
    },
  ],
  queryKeys: successPlanKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { successPlanKeys } from './queryKeys.ts';
