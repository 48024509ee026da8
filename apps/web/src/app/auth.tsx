import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import { api, unwrap } from '../lib/api.ts';
import type { Me, Permission } from '../lib/types.ts';

async function fetchMe(): Promise<Me | null> {
  const result = await api.GET('/api/v1/auth/me');
  if (result.response.status === 401) return null;
  return unwrap(result);
}

/** The signed-in user, their organisation and permissions; `null` when nobody is signed in. */
export const meQuery = queryOptions({
  queryKey: ['me'] as const,
  queryFn: fetchMe,
  staleTime: 5 * 60_000,
  retry: false,
});

declare global {
  interface Window {
    /** GET /api/v1/auth/me as asked by public/session.js before the app's code loaded (null when it failed). */
    __c365Me?: Promise<Response | null>;
  }
}

/**
 * The answer to the request public/session.js made at the page's start, taken once (main.tsx, for the first
 * `meQuery`): the user, null when nobody is signed in, or any other answer asked again the ordinary way.
 */
export function meFromEarlyRequest(): (() => Promise<Me | null>) | null {
  let early = window.__c365Me;
  if (!early) return null;
  window.__c365Me = undefined;
  // Its answer is read once; should the query run this function again, it asks again.
  return async () => {
    const pending = early;
    early = undefined;
    const response = pending ? await pending : null;
    if (response?.status === 401) return null;
    if (response?.ok) return (await response.json()) as Me;
    return fetchMe();
  };
}

/** The current user. Only for components inside the signed-in layout, which guarantees one. */
export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useMe() used outside the signed-in area');
  return data;
}

export function useOptionalMe(): Me | null | undefined {
  return useQuery(meQuery).data;
}

export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

/** Whether the current user may do something; hides buttons the server would refuse anyway. */
export function useCan(permission: Permission): boolean {
  return hasPermission(useOptionalMe(), permission);
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    await api.POST('/api/v1/auth/logout');
    // Leave the signed-in area first, so the layout does not offer this page as the one to return to.
    await navigate({ to: '/login', search: {} });
    // Then "nobody" on the existing query (clear() would orphan its observers, which would keep
    // showing the old user), and drop everything else that was loaded for them.
    queryClient.setQueryData(meQuery.queryKey, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQuery.queryKey[0] });
  }, [queryClient, navigate]);
}

/** Thrown by a route's beforeLoad when the user lacks the permission the page needs. */
export class ForbiddenError extends Error {
  constructor(readonly permission: Permission) {
    super(`Missing permission ${permission}`);
    this.name = 'ForbiddenError';
  }
}
