import { IconBolt } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { playbookKeys } from './queryKeys.ts';
import { parsePlaybooksSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/playbooks',
    validateSearch: parsePlaybooksSearch,
    beforeLoad: requirePermission('playbook:read'),
    component: lazyRouteComponent(() => import('./PlaybooksPage.tsx'), 'PlaybooksPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/playbooks/$playbookId',
    beforeLoad: requirePermission('playbook:read'),
    component: lazyRouteComponent(() => import('./PlaybookPage.tsx'), 'PlaybookPage'),
  }),
];

/** Playbooks: the list, the rule editor (when / if / then) with its dry run, and each playbook's run log. */
export const playbooksFeature = defineFeature({
  name: 'playbooks',
  routes,
  navigation: [{ group: 'success', order: 60, to: '/playbooks', label: 'nav.playbooks', icon: IconBolt, permission: 'playbook:read' }],
  queryKeys: playbookKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { playbookKeys } from './queryKeys.ts';
