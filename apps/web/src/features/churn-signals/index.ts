import { IconAlertTriangle } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
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
    { group: 'customers', to: '/churn-signals', label: 'nav.churnSignals', icon: IconAlertTriangle, permission: 'churn_signal:read' },
  ],
  queryKeys: churnSignalKeys,
  strings: { en, nl, da },
});

// What other features may use.
export { ChurnSignalFormModal } from './ChurnSignalFormModal.tsx';
export { churnSignalKeys } from './queryKeys.ts';
export { SignalEntryTitle } from './SignalEntryTitle.tsx';
