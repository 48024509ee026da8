import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { notificationKeys } from './queryKeys.ts';

const NotificationBell = lazy(() => import('./NotificationBell.tsx').then((m) => ({ default: m.NotificationBell })));

/** The feature's page: all of the person's notifications. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/notifications',
    beforeLoad: requirePermission('notification:read'),
    component: lazyRouteComponent(() => import('./NotificationsPage.tsx'), 'NotificationsPage'),
  }),
];

/** In-app notifications: the bell in the header with the unread count and the latest ones, and the page with all. */
export const notificationsFeature = defineFeature({
  name: 'notifications',
  routes,
  headerItems: [{ key: 'notifications', component: NotificationBell, permission: 'notification:read' }],
  queryKeys: notificationKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { notificationKeys } from './queryKeys.ts';
