import { IconHeadset } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { supportRequestKeys } from './queryKeys.ts';
import { parseSupportSearch } from './search.ts';

const AccountSupportTab = lazy(() => import('./AccountSupportTab.tsx').then((m) => ({ default: m.AccountSupportTab })));

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/support',
    validateSearch: parseSupportSearch,
    beforeLoad: requirePermission('support_request:read'),
    component: lazyRouteComponent(() => import('./SupportPage.tsx'), 'SupportPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/support/$requestId',
    beforeLoad: requirePermission('support_request:read'),
    component: lazyRouteComponent(() => import('./SupportRequestPage.tsx'), 'SupportRequestPage'),
  }),
];

/** Support: the inbox of support requests, a request with its conversation, and the account page's Support tab. */
export const supportFeature = defineFeature({
  name: 'support',
  routes,
  navigation: [
    { group: 'success', order: 30, to: '/support', label: 'nav.support', icon: IconHeadset, permission: 'support_request:read' },
  ],
  accountTabs: [
    { key: 'support', label: 'support.tab', icon: IconHeadset, component: AccountSupportTab, permission: 'support_request:read' },
  ],
  queryKeys: supportRequestKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { supportRequestKeys } from './queryKeys.ts';
// What other features may use.
export { SupportRequestFormModal } from './SupportRequestFormModal.tsx';
