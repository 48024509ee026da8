import { IconArrowsExchange, IconReceipt2 } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { AccountSubscriptions } from './AccountSubscriptions.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { subscriptionKeys } from './queryKeys.ts';

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
  strings: { en, nl, da },
});

export { ChangeKindBadge } from './badges.tsx';
export { describeChange, mrrText } from './changeText.ts';
// What other features may use.
export { usePlanOptions } from './lookups.ts';
export { subscriptionKeys } from './queryKeys.ts';
export type { SubscriptionChange } from './types.ts';
