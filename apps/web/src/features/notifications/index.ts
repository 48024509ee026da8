import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { notificationKeys } from './queryKeys.ts';

const NotificationBell = lazy(() => import('./NotificationBell.tsx').then((m) => ({ default: m.NotificationBell })));

/** In-app notifications: the bell in the header with the unread count and the latest ones. */
export const notificationsFeature = defineFeature({
  name: 'notifications',
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
