import { IconPlugConnected, IconQuestionMark } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { usageKeys } from './queryKeys.ts';

// Loaded on first visit: administration pages only admins open.
const UsageSourcesPage = lazyRouteComponent(() => import('./UsageSourcesPage.tsx'), 'UsageSourcesPage');
const UnmappedUsagePage = lazyRouteComponent(() => import('./UnmappedUsagePage.tsx'), 'UnmappedUsagePage');

/** The feature's pages: URL, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/usage/sources',
    beforeLoad: requirePermission('usage:manage'),
    component: UsageSourcesPage,
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/usage/unmapped',
    beforeLoad: requirePermission('usage:manage'),
    component: UnmappedUsagePage,
  }),
];

/** Product usage: the sources that send events (Segment-compatible write keys) and the account keys no account matched. */
export const usageFeature = defineFeature({
  name: 'usage',
  routes,
  navigation: [
    { group: 'administration', to: '/usage/sources', label: 'nav.usageSources', icon: IconPlugConnected, permission: 'usage:manage' },
    { group: 'administration', to: '/usage/unmapped', label: 'nav.usageUnmapped', icon: IconQuestionMark, permission: 'usage:manage' },
  ],
  queryKeys: usageKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { usageKeys } from './queryKeys.ts';
