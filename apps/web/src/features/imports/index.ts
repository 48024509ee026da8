import { IconFileImport } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';

// Loaded on first visit, so the sign-in page and the lists do not wait for the wizard.
const ImportsPage = lazyRouteComponent(() => import('./ImportsPage.tsx'), 'ImportsPage');
const NewImportPage = lazyRouteComponent(() => import('./NewImportPage.tsx'), 'NewImportPage');
const ImportWizardPage = lazyRouteComponent(() => import('./ImportWizardPage.tsx'), 'ImportWizardPage');

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({ getParentRoute: () => app, path: '/imports', beforeLoad: requirePermission('import:run'), component: ImportsPage }),
  createRoute({
    getParentRoute: () => app,
    path: '/imports/new',
    beforeLoad: requirePermission('import:run'),
    component: NewImportPage,
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/imports/$importId',
    beforeLoad: requirePermission('import:run'),
    component: ImportWizardPage,
  }),
];

/** Imports of accounts and contacts from CSV or Excel: the list, a new upload and the wizard of one import. */
export const importsFeature = defineFeature({
  name: 'imports',
  routes,
  navigation: [{ group: 'customers', to: '/imports', label: 'nav.imports', icon: IconFileImport, permission: 'import:run' }],
  queryKeys: { all: ['imports'] as const, list: ['imports', 'list'] as const, detail: (id: string) => ['imports', 'detail', id] as const },
  // The feature's strings sit under its name: the key imports.list.subtitle is "subtitle" of "list" in i18n/en.json.
  strings: {
    en: () => import('./i18n/en.json').then((m) => ({ imports: m.default })),
    nl: () => import('./i18n/nl.json').then((m) => ({ imports: m.default })),
    da: () => import('./i18n/da.json').then((m) => ({ imports: m.default })),
  },
});

// What other features may use: the notice above a list narrowed to one import's rows.
export { ImportFilterNotice } from './ImportFilterNotice.tsx';
