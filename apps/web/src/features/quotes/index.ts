import { IconFileInvoice } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute, RootRoute } from '../../app/router.tsx';
import { quoteKeys } from './queryKeys.ts';
import { parseQuotesSearch } from './search.ts';

/** The feature's pages: the quotes list (and approvals), a quote, the templates; each loads on its first visit. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/quotes',
    validateSearch: parseQuotesSearch,
    beforeLoad: requirePermission('quote:read'),
    component: lazyRouteComponent(() => import('./QuotesPage.tsx'), 'QuotesPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/quotes/$quoteId',
    beforeLoad: requirePermission('quote:read'),
    component: lazyRouteComponent(() => import('./QuotePage.tsx'), 'QuotePage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/quote-templates',
    beforeLoad: requirePermission('quote_settings:manage'),
    component: lazyRouteComponent(() => import('./QuoteTemplatesPage.tsx'), 'QuoteTemplatesPage'),
  }),
];

/** The customer's page behind the e-mailed link: no account needed. */
const publicRoutes = (root: RootRoute) => [
  createRoute({
    getParentRoute: () => root,
    path: '/q/$token',
    component: lazyRouteComponent(() => import('./PublicQuotePage.tsx'), 'PublicQuotePage'),
  }),
];

/** Quotes made from renewals: the list, approvals, the editor, templates and the customer's page. */
export const quotesFeature = defineFeature({
  name: 'quotes',
  routes,
  publicRoutes,
  navigation: [
    { group: 'renewals', order: 15, to: '/quotes', label: 'nav.quotes', icon: IconFileInvoice, permission: 'quote:read' },
    {
      group: 'administration',
      to: '/quote-templates',
      label: 'nav.quoteTemplates',
      icon: IconFileInvoice,
      permission: 'quote_settings:manage',
    },
  ],
  queryKeys: quoteKeys,
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { quoteKeys } from './queryKeys.ts';
// What other features may use: the renewal's "Create quote" action and its quotes.
export { RenewalQuotes } from './RenewalQuotes.tsx';
export { winbackAllowed } from './winback.ts';
