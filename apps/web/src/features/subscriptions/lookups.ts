import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.ts';
import { subscriptionKeys } from './queryKeys.ts';
import type { CancelReason } from './types.ts';

/** A plan the catalogue offers, as far as the subscription forms need it. */
export interface PlanOption {
  id: string;
  name: string;
}

/**
 * The catalogue's plans for the plan pickers. The catalogue (GET /api/v1/plans) is another feature's
 * module: until the server has it, this answers [] and the forms take free-text lines.
 */
export function usePlanOptions() {
  return useCatalogueOptions(subscriptionKeys.plans, '/api/v1/plans');
}

/** Competitors, for "lost to competitor X" when a cancel reason asks for one (another feature's module; [] until it exists). */
export function useCompetitorOptions() {
  return useCatalogueOptions(subscriptionKeys.competitors, '/api/v1/competitors');
}

function useCatalogueOptions(queryKey: readonly string[], path: string) {
  return useQuery({
    queryKey,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async (): Promise<PlanOption[]> => {
      const res = await fetch(`${path}?pageSize=200`, { credentials: 'same-origin' });
      if (!res.ok) return [];
      const body = (await res.json()) as unknown;
      const items = Array.isArray(body) ? body : ((body as { items?: unknown[] }).items ?? []);
      return items
        .map((p) => p as { id?: unknown; name?: unknown; archived?: unknown })
        .filter((p) => typeof p.id === 'string' && typeof p.name === 'string' && !p.archived)
        .map((p) => ({ id: p.id as string, name: p.name as string }));
    },
  });
}

export function useCancelReasons() {
  return useQuery({
    queryKey: subscriptionKeys.cancelReasons,
    staleTime: 60_000,
    queryFn: async (): Promise<CancelReason[]> => unwrap(await api.GET('/api/v1/cancel-reasons')),
  });
}
