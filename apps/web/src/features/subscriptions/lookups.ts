import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.ts';
import { subscriptionKeys } from './queryKeys.ts';
import type { CancelReason } from './types.ts';

/** A catalogue entry as the pickers need it: a plan (with its code, for the metric filters) or a competitor. */
export interface CatalogueOption {
  id: string;
  name: string;
  code?: string;
}

const STALE_MS = 5 * 60_000;

/** The catalogue's active plans for the plan pickers and filters, lowest tier first. */
export function usePlanOptions() {
  return useQuery({
    queryKey: subscriptionKeys.plans,
    staleTime: STALE_MS,
    queryFn: async (): Promise<CatalogueOption[]> =>
      unwrap(
        await api.GET('/api/v1/plans', { params: { query: { pageSize: 200, status: 'active', sort: 'tier', order: 'asc' } } }),
      ).items.map((p) => ({
        id: p.id,
        name: p.productName && p.productName !== p.name ? `${p.name} (${p.productName})` : p.name,
        code: p.code,
      })),
  });
}

/** Active competitors, for "lost to competitor X" when a cancellation reason asks for one. */
export function useCompetitorOptions() {
  return useQuery({
    queryKey: subscriptionKeys.competitors,
    staleTime: STALE_MS,
    queryFn: async (): Promise<CatalogueOption[]> =>
      unwrap(await api.GET('/api/v1/competitors', { params: { query: { status: 'active' } } })).items.map((c) => ({
        id: c.id,
        name: c.name,
      })),
  });
}

export function useCancelReasons() {
  return useQuery({
    queryKey: subscriptionKeys.cancelReasons,
    staleTime: 60_000,
    queryFn: async (): Promise<CancelReason[]> => unwrap(await api.GET('/api/v1/cancel-reasons')),
  });
}
