import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  type RouteComponent,
  redirect,
} from '@tanstack/react-router';
import { NotFoundPage, RouteError } from '../components/RouteError.tsx';
import { AccountPage } from '../features/accounts/AccountPage.tsx';
import { AccountsPage } from '../features/accounts/AccountsPage.tsx';
import { parseAccountPageSearch, parseAccountsSearch } from '../features/accounts/search.ts';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage.tsx';
import { ContactsPage } from '../features/contacts/ContactsPage.tsx';
import { parseContactsSearch } from '../features/contacts/search.ts';
import { optString, parseSearchParams, stringifySearchParams } from '../lib/search.ts';
import type { Me, Permission } from '../lib/types.ts';
import { ForbiddenError, meQuery } from './auth.tsx';
import { AppLayout } from './layout.tsx';

// Pages loaded on first visit, so the sign-in page and the lists do not wait for charts and admin screens.
const ApiTokensPage = lazyRouteComponent(() => import('../features/admin/ApiTokensPage.tsx'), 'ApiTokensPage');
const AuditLogPage = lazyRouteComponent(() => import('../features/admin/AuditLogPage.tsx'), 'AuditLogPage');
const CustomFieldsPage = lazyRouteComponent(() => import('../features/admin/CustomFieldsPage.tsx'), 'CustomFieldsPage');
const JobsPage = lazyRouteComponent(() => import('../features/admin/JobsPage.tsx'), 'JobsPage');
const MarketsPage = lazyRouteComponent(() => import('../features/admin/MarketsPage.tsx'), 'MarketsPage');
const OrganisationPage = lazyRouteComponent(() => import('../features/admin/OrganisationPage.tsx'), 'OrganisationPage');
const OutboxPage = lazyRouteComponent(() => import('../features/admin/OutboxPage.tsx'), 'OutboxPage');
const UsersPage = lazyRouteComponent(() => import('../features/admin/UsersPage.tsx'), 'UsersPage');
const DashboardPage = lazyRouteComponent(() => import('../features/dashboard/DashboardPage.tsx'), 'DashboardPage');
const ImportsPage = lazyRouteComponent(() => import('../features/imports/ImportsPage.tsx'), 'ImportsPage');
const ImportWizardPage = lazyRouteComponent(() => import('../features/imports/ImportWizardPage.tsx'), 'ImportWizardPage');
const NewImportPage = lazyRouteComponent(() => import('../features/imports/NewImportPage.tsx'), 'NewImportPage');

export interface RouterContext {
  queryClient: QueryClient;
}

/** beforeLoad for a page that needs a permission; the nav already hides it, this covers typed URLs. */
function requirePermission(permission: Permission) {
  return ({ context }: { context: { me: Me } }) => {
    if (!context.me.permissions.includes(permission)) throw new ForbiddenError(permission);
  };
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

// Pages reachable without a session.
const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({ redirect: optString(search.redirect) }),
  component: LoginPage,
});
const forgotPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: '/forgot-password', component: ForgotPasswordPage });
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: optString(search.token) }),
  component: ResetPasswordPage,
});

// Everything else sits in the signed-in layout, which loads the current user first.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/login', search: { redirect: location.pathname === '/' ? undefined : location.href } });
    return { me };
  },
  component: AppLayout,
  errorComponent: RouteError,
  notFoundComponent: NotFoundPage,
});

const dashboardRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: DashboardPage });

// Customers
const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts',
  validateSearch: parseAccountsSearch,
  beforeLoad: requirePermission('account:read'),
  component: AccountsPage,
});
const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/$accountId',
  validateSearch: parseAccountPageSearch,
  beforeLoad: requirePermission('account:read'),
  component: AccountPage,
});
const contactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts',
  validateSearch: parseContactsSearch,
  beforeLoad: requirePermission('contact:read'),
  component: ContactsPage,
});
const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports',
  beforeLoad: requirePermission('import:run'),
  component: ImportsPage,
});
const newImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports/new',
  beforeLoad: requirePermission('import:run'),
  component: NewImportPage,
});
const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports/$importId',
  beforeLoad: requirePermission('import:run'),
  component: ImportWizardPage,
});

// Administration
const adminRoute = (path: string, permission: Permission, component: RouteComponent) =>
  createRoute({ getParentRoute: () => appRoute, path, beforeLoad: requirePermission(permission), component });

const usersRoute = adminRoute('/admin/users', 'user:manage', UsersPage);
const marketsRoute = adminRoute('/admin/markets', 'market:manage', MarketsPage);
const customFieldsRoute = adminRoute('/admin/custom-fields', 'custom_field:manage', CustomFieldsPage);
const apiTokensRoute = adminRoute('/admin/api-tokens', 'api_token:manage', ApiTokensPage);
const auditLogRoute = adminRoute('/admin/audit-log', 'audit:read', AuditLogPage);
const outboxRoute = adminRoute('/admin/outbox', 'outbox:read', OutboxPage);
const jobsRoute = adminRoute('/admin/jobs', 'job:read', JobsPage);
const organisationRoute = adminRoute('/admin/organisation', 'organisation:manage', OrganisationPage);

const routeTree = rootRoute.addChildren([
  loginRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  appRoute.addChildren([
    dashboardRoute,
    accountsRoute,
    accountRoute,
    contactsRoute,
    importsRoute,
    newImportRoute,
    importRoute,
    usersRoute,
    marketsRoute,
    customFieldsRoute,
    apiTokensRoute,
    auditLogRoute,
    outboxRoute,
    jobsRoute,
    organisationRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Readable filters in the address bar (?segment=smb&segment=enterprise) instead of JSON.
    parseSearch: parseSearchParams,
    stringifySearch: stringifySearchParams,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}

export { accountRoute, accountsRoute, contactsRoute, loginRoute, resetPasswordRoute };
