import { createRoute } from '@tanstack/react-router';
import { defineFeature } from '../../app/feature.ts';
import type { RootRoute } from '../../app/router.tsx';
import { optString } from '../../lib/search.ts';
import { ForgotPasswordPage } from './ForgotPasswordPage.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { LoginPage } from './LoginPage.tsx';
import { ResetPasswordPage } from './ResetPasswordPage.tsx';

/** The feature's pages: URL, search-param parser, permission. */
const publicRoutes = (root: RootRoute) => [
  createRoute({
    getParentRoute: () => root,
    path: '/login',
    validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({ redirect: optString(search.redirect) }),
    component: LoginPage,
  }),
  createRoute({ getParentRoute: () => root, path: '/forgot-password', component: ForgotPasswordPage }),
  createRoute({
    getParentRoute: () => root,
    path: '/reset-password',
    validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: optString(search.token) }),
    component: ResetPasswordPage,
  }),
];

/** Signing in and resetting a forgotten password: the pages reachable without a session. */
export const authFeature = defineFeature({
  name: 'auth',
  publicRoutes,
  strings: { en, nl, da },
});
