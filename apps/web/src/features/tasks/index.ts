import { IconNotes } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { taskKeys } from './queryKeys.ts';
import { parseTasksSearch } from './search.ts';

const AccountTasksTab = lazy(() => import('./AccountTasksTab.tsx').then((m) => ({ default: m.AccountTasksTab })));

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/tasks',
    validateSearch: parseTasksSearch,
    beforeLoad: requirePermission('task:read'),
    component: lazyRouteComponent(() => import('./TasksPage.tsx'), 'TasksPage'),
  }),
];

/** Tasks: the organisation's list, and a form to add one to an account. */
export const tasksFeature = defineFeature({
  name: 'tasks',
  routes,
  navigation: [{ group: 'success', order: 10, to: '/tasks', label: 'nav.tasks', icon: IconNotes, permission: 'task:read' }],
  accountTabs: [{ key: 'tasks', label: 'task.tab', icon: IconNotes, component: AccountTasksTab, permission: 'task:read' }],
  queryKeys: taskKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { taskKeys } from './queryKeys.ts';
// What other features may use.
export { TaskFormModal } from './TaskFormModal.tsx';
