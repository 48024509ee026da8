import { IconGauge } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { capacityKeys } from './queryKeys.ts';

/** The feature's pages: URL, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/tasks/capacity',
    beforeLoad: requirePermission('capacity:read'),
    component: lazyRouteComponent(() => import('./CapacityPage.tsx'), 'CapacityPage'),
  }),
];

/** Capacity, for managers: the effort coming per team and week against the team's hours, and CS spend against ACV. */
export const capacityPlansFeature = defineFeature({
  name: 'capacity-plans',
  routes,
  navigation: [{ group: 'success', order: 80, to: '/tasks/capacity', label: 'nav.capacity', icon: IconGauge, permission: 'capacity:read' }],
  queryKeys: capacityKeys,
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { capacityKeys } from './queryKeys.ts';
