import { IconAlertTriangle } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { churnSignalKeys } from './queryKeys.ts';
import { parseChurnSignalsSearch } from './search.ts';

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/churn-signals',
    validateSearch: parseChurnSignalsSearch,
    beforeLoad: requirePermission('churn_signal:read'),
    component: lazyRouteComponent(() => import('./ChurnSignalsPage.tsx'), 'ChurnSignalsPage'),
  }),
];

/** Churn signals: the organisation's list (acknowledge, raise by hand), and their entries on the account timeline. */
export const churnSignalsFeature = defineFeature({
  name: 'churn-signals',
  routes,
  navigation: [
    {
      group: 'success',
      order: 50,
      to: '/churn-signals',
      label: 'nav.churnSignals',
      icon: IconAlertTriangle,
      permission: 'churn_signal:read',
    },
  ],
  queryKeys: churnSignalKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

// What other features may use.
export { ChurnSignalFormModal } from './ChurnSignalFormModal.tsx';
export { churnSignalKeys } from './queryKeys.ts';
export { SignalEntryTitle } from './SignalEntryTitle.tsx';
