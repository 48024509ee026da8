import { IconNotes } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { notificationKeys } from './queryKeys.ts';
import { parseNotificationsSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/notifications',
    validateSearch: parseNotificationsSearch,
    beforeLoad: requirePermission('notification:read'),
    component: lazyRouteComponent(() => import('./NotificationsPage.tsx'), 'NotificationsPage'),
  }),
];

/** Notifications: the organisation's list, and a form to add one to an account. */
export const notificationsFeature = defineFeature({
  name: 'notifications',
  routes,
  navigation: [{ group: 'customers', to: '/notifications', label: 'nav.notifications', icon: IconNotes, permission: 'notification:read' }],
  queryKeys: notificationKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

// What other features may use.
export { NotificationFormModal } from './NotificationFormModal.tsx';
export { notificationKeys } from './queryKeys.ts';
