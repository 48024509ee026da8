import { IconArrowsExchange, IconReceipt2 } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { subscriptionKeys } from './queryKeys.ts';

// The account page's tab (with the account's MRR chart), loaded when an account page opens.
const AccountSubscriptions = lazy(() => import('./AccountSubscriptions.tsx').then((m) => ({ default: m.AccountSubscriptions })));
const AccountArrFact = lazy(() => import('./AccountArrFact.tsx').then((m) => ({ default: m.AccountArrFact })));

const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/subscriptions',
    beforeLoad: requirePermission('subscription:read'),
    component: lazyRouteComponent(() => import('./SubscriptionsPage.tsx'), 'SubscriptionsPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/subscription-changes',
    beforeLoad: requirePermission('subscription:read'),
    component: lazyRouteComponent(() => import('./ChangesPage.tsx'), 'ChangesPage'),
  }),
];

/**
 * Subscriptions: each account's subscriptions with their lines, history and MRR chart (a tab of the
 * account page), the organisation's list, and recent upgrades, downgrades and cancellations.
 */
export const subscriptionsFeature = defineFeature({
  name: 'subscriptions',
  routes,
  navigation: [
    { group: 'customers', to: '/subscriptions', label: 'nav.subscriptions', icon: IconReceipt2, permission: 'subscription:read' },
    {
      group: 'customers',
      to: '/subscription-changes',
      label: 'nav.subscriptionChanges',
      icon: IconArrowsExchange,
      permission: 'subscription:read',
    },
  ],
  accountFacts: [{ key: 'arr', label: 'subscription.factArr', component: AccountArrFact, permission: 'subscription:read' }],
  accountTabs: [
    {
      key: 'subscriptions',
      label: 'subscription.tab',
      icon: IconReceipt2,
      permission: 'subscription:read',
      component: AccountSubscriptions,
    },
  ],
  queryKeys: subscriptionKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { ChangeKindBadge } from './badges.tsx';
export { describeChange, mrrText } from './changeText.ts';
// What other features may use.
export { usePlanOptions } from './lookups.ts';
export { subscriptionKeys } from './queryKeys.ts';
export type { SubscriptionChange } from './types.ts';
