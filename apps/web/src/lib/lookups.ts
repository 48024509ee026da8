import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api.ts';
import type { CustomField, Market, User } from './types.ts';

// Small reference lists many pages need (pickers, filters, extra columns). They change rarely, so
// they are cached for a few minutes and shared between pages.
const LOOKUP_STALE_MS = 5 * 60_000;

export function useMarkets() {
  return useQuery({
    queryKey: ['markets'],
    staleTime: LOOKUP_STALE_MS,
    queryFn: async (): Promise<Market[]> => unwrap(await api.GET('/api/v1/markets')).items,
  });
}

/** Active users, for owner pickers and filters. */
export function useActiveUsers() {
  return useQuery({
    queryKey: ['users', 'active'],
    staleTime: LOOKUP_STALE_MS,
    queryFn: async (): Promise<User[]> =>
      unwrap(await api.GET('/api/v1/users', { params: { query: { pageSize: 200, order: 'asc' } } })).items,
  });
}

export function useCustomFields(entity: 'account' | 'contact') {
  return useQuery({
    queryKey: ['custom-fields', entity],
    staleTime: LOOKUP_STALE_MS,
    queryFn: async (): Promise<CustomField[]> =>
      unwrap(await api.GET('/api/v1/custom-fields', { params: { query: { entity } } })).items.sort((a, b) => a.position - b.position),
  });
}
