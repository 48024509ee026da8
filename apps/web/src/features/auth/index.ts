import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { defineFeature } from '../../app/feature.ts';
import type { RootRoute } from '../../app/router.tsx';
import { optString } from '../../lib/search.ts';

/** The feature's pages: URL, search-param parser, permission. */
const publicRoutes = (root: RootRoute) => [
  createRoute({
    getParentRoute: () => root,
    path: '/login',
    validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({ redirect: optString(search.redirect) }),
    component: lazyRouteComponent(() => import('./LoginPage.tsx'), 'LoginPage'),
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/forgot-password',
    component: lazyRouteComponent(() => import('./ForgotPasswordPage.tsx'), 'ForgotPasswordPage'),
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/reset-password',
    validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: optString(search.token) }),
    component: lazyRouteComponent(() => import('./ResetPasswordPage.tsx'), 'ResetPasswordPage'),
  }),
];

/** Signing in and resetting a forgotten password: the pages reachable without a session. */
export const authFeature = defineFeature({
  name: 'auth',
  publicRoutes,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});
