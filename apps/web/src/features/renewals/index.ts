import { IconRepeat } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { renewalKeys } from './queryKeys.ts';
import { parseRenewalsSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/renewals',
    validateSearch: parseRenewalsSearch,
    beforeLoad: requirePermission('renewal:read'),
    component: lazyRouteComponent(() => import('./RenewalsPage.tsx'), 'RenewalsPage'),
  }),
];

/** Renewals: the renewal report (terms due per period and what followed them), its charts and drill-down. */
export const renewalsFeature = defineFeature({
  name: 'renewals',
  routes,
  navigation: [{ group: 'renewals', order: 20, to: '/renewals', label: 'nav.renewalReport', icon: IconRepeat, permission: 'renewal:read' }],
  queryKeys: renewalKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { renewalKeys } from './queryKeys.ts';
