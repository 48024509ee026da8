import { IconApi, IconBuilding, IconClipboardList, IconForms, IconMailForward, IconRun, IconUsers, IconWorld } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent, type RouteComponent } from '@tanstack/react-router';
import { defineFeature, type NavItem, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import type { Permission } from '../../lib/types.ts';

// Loaded on first visit, so the sign-in page and the lists do not wait for admin screens.
const ApiTokensPage = lazyRouteComponent(() => import('./ApiTokensPage.tsx'), 'ApiTokensPage');
const AuditLogPage = lazyRouteComponent(() => import('./AuditLogPage.tsx'), 'AuditLogPage');
const CustomFieldsPage = lazyRouteComponent(() => import('./CustomFieldsPage.tsx'), 'CustomFieldsPage');
const JobsPage = lazyRouteComponent(() => import('./JobsPage.tsx'), 'JobsPage');
const MarketsPage = lazyRouteComponent(() => import('./MarketsPage.tsx'), 'MarketsPage');
const OrganisationPage = lazyRouteComponent(() => import('./OrganisationPage.tsx'), 'OrganisationPage');
const OutboxPage = lazyRouteComponent(() => import('./OutboxPage.tsx'), 'OutboxPage');
const UsersPage = lazyRouteComponent(() => import('./UsersPage.tsx'), 'UsersPage');

/** One administration page: its URL, the permission it needs, its navigation entry. */
const PAGES: readonly { path: string; permission: Permission; component: RouteComponent; label: string; icon: NavItem['icon'] }[] = [
  { path: '/admin/users', permission: 'user:manage', component: UsersPage, label: 'users', icon: IconUsers },
  { path: '/admin/markets', permission: 'market:manage', component: MarketsPage, label: 'markets', icon: IconWorld },
  { path: '/admin/custom-fields', permission: 'custom_field:manage', component: CustomFieldsPage, label: 'customFields', icon: IconForms },
  { path: '/admin/api-tokens', permission: 'api_token:manage', component: ApiTokensPage, label: 'apiTokens', icon: IconApi },
  { path: '/admin/audit-log', permission: 'audit:read', component: AuditLogPage, label: 'auditLog', icon: IconClipboardList },
  { path: '/admin/outbox', permission: 'outbox:read', component: OutboxPage, label: 'outbox', icon: IconMailForward },
  { path: '/admin/jobs', permission: 'job:read', component: JobsPage, label: 'jobs', icon: IconRun },
  {
    path: '/admin/organisation',
    permission: 'organisation:manage',
    component: OrganisationPage,
    label: 'organisation',
    icon: IconBuilding,
  },
];

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) =>
  PAGES.map(({ path, permission, component }) =>
    createRoute({ getParentRoute: () => app, path, beforeLoad: requirePermission(permission), component }),
  );

/** Administration: users, markets, custom fields, API tokens, audit log, outbox, jobs, the organisation. */
export const adminFeature = defineFeature({
  name: 'admin',
  routes,
  navigation: PAGES.map(({ path, permission, label, icon }) => ({
    group: 'administration' as const,
    to: path,
    label: `admin.nav.${label}`,
    icon,
    permission,
  })),
  queryKeys: {
    users: ['users'] as const,
    markets: ['markets'] as const,
    customFields: ['custom-fields'] as const,
    apiTokens: ['api-tokens'] as const,
    auditLog: ['audit-log'] as const,
    outbox: ['outbox'] as const,
    jobs: ['jobs'] as const,
  },
  // The feature's strings sit under its name: the key admin.users.subtitle is "subtitle" of "users" in i18n/en.json.
  strings: {
    en: () => import('./i18n/en.json').then((m) => ({ admin: m.default })),
    nl: () => import('./i18n/nl.json').then((m) => ({ admin: m.default })),
    da: () => import('./i18n/da.json').then((m) => ({ admin: m.default })),
  },
});

// What other features may use: the before → after table of an audit entry and the user picker's options.
export { AuditDiff } from './AuditDiff.tsx';
export { useUserOptions } from './shared.tsx';
