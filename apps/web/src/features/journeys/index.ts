import { IconRoute, IconTimeline } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { journeyKeys } from './queryKeys.ts';
import { parseJourneysSearch, parseJourneyTemplatesSearch } from './search.ts';

// The account page's Journey tab, loaded when an account page opens.
const AccountJourneyTab = lazy(() => import('./AccountJourneyTab.tsx').then((m) => ({ default: m.AccountJourneyTab })));

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/journeys',
    validateSearch: parseJourneysSearch,
    beforeLoad: requirePermission('journey:read'),
    component: lazyRouteComponent(() => import('./JourneysPage.tsx'), 'JourneysPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/journeys/templates',
    validateSearch: parseJourneyTemplatesSearch,
    beforeLoad: requirePermission('journey:read'),
    component: lazyRouteComponent(() => import('./JourneyTemplatesPage.tsx'), 'JourneyTemplatesPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/journeys/templates/$templateId',
    beforeLoad: requirePermission('journey:read'),
    component: lazyRouteComponent(() => import('./JourneyTemplatePage.tsx'), 'JourneyTemplatePage'),
  }),
];

/** Journeys: the portfolio of every account's journey, the account page's Journey tab, and the templates with their editor. */
export const journeysFeature = defineFeature({
  name: 'journeys',
  routes,
  navigation: [
    { group: 'success', order: 20, to: '/journeys', label: 'nav.journeys', icon: IconRoute, permission: 'journey:read' },
    {
      group: 'administration',
      to: '/journeys/templates',
      label: 'nav.journeyTemplates',
      icon: IconTimeline,
      permission: 'journey_template:manage',
    },
  ],
  accountTabs: [{ key: 'journey', label: 'journey.tab', icon: IconRoute, component: AccountJourneyTab, permission: 'journey:read' }],
  queryKeys: journeyKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { journeyKeys } from './queryKeys.ts';
