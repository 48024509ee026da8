import type { QueryClient } from '@tanstack/react-query';
import { type AnyRoute, createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { NotFoundPage, RouteError } from '../components/RouteError.tsx';
import { FEATURES } from '../features/index.ts';
import { parseSearchParams, stringifySearchParams } from '../lib/search.ts';
import type { Me } from '../lib/types.ts';
import { meQuery } from './auth.tsx';
import { AppLayout } from './layout.tsx';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

/**
 * The signed-in user, or off to the login page. Its declared return type keeps the layout route's type
 * independent of the route tree that the features hang below it.
 */
async function loadSignedInUser(queryClient: QueryClient, location: { pathname: string; href: string }): Promise<{ me: Me }> {
  const me = await queryClient.ensureQueryData(meQuery);
  if (!me) throw redirect({ to: '/login', search: { redirect: location.pathname === '/' ? undefined : location.href } });
  return { me };
}

// The signed-in layout, which loads the current user first; every feature's pages sit inside it.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: ({ context, location }) => loadSignedInUser(context.queryClient, location),
  component: AppLayout,
  errorComponent: RouteError,
  notFoundComponent: NotFoundPage,
});

export type RootRoute = typeof rootRoute;
export type AppRoute = typeof appRoute;

// Any address no feature claims: "page not found" inside the layout, with the navigation to go on from.
const notFoundRoute = createRoute({ getParentRoute: () => appRoute, path: '$', component: NotFoundPage });

// Each feature's pages, with their exact types (flatMap alone would widen them), so links and search params stay typed.
type Feature = (typeof FEATURES)[number];
type PagesOf<F> = F extends { routes: (app: AppRoute) => infer R extends readonly AnyRoute[] } ? R[number] : never;
type PublicPagesOf<F> = F extends { publicRoutes: (root: RootRoute) => infer R extends readonly AnyRoute[] } ? R[number] : never;
const pages = FEATURES.flatMap((feature): readonly AnyRoute[] =>
  'routes' in feature ? feature.routes(appRoute) : [],
) as PagesOf<Feature>[];
const publicPages = FEATURES.flatMap((feature): readonly AnyRoute[] =>
  'publicRoutes' in feature ? feature.publicRoutes(rootRoute) : [],
) as PublicPagesOf<Feature>[];

const routeTree = rootRoute.addChildren([...publicPages, appRoute.addChildren([...pages, notFoundRoute])]);

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
