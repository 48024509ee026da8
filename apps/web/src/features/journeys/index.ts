import { IconNotes } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { journeyKeys } from './queryKeys.ts';
import { parseJourneysSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/journeys',
    validateSearch: parseJourneysSearch,
    beforeLoad: requirePermission('journey:read'),
    component: lazyRouteComponent(() => import('./JourneysPage.tsx'), 'JourneysPage'),
  }),
];

/** Journeys: the organisation's list, and a form to add one to an account. */
export const journeysFeature = defineFeature({
  name: 'journeys',
  routes,
  navigation: [{ group: 'customers', to: '/journeys', label: 'nav.journeys', icon: IconNotes, permission: 'journey:read' }],
  queryKeys: journeyKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

// What other features may use.
export { JourneyFormModal } from './JourneyFormModal.tsx';
export { journeyKeys } from './queryKeys.ts';
