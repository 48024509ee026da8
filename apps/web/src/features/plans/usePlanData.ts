import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.ts';
import { planKeys } from './queryKeys.ts';

/** Every product (archived ones too: a plan of an archived product still needs its name). */
export const useProducts = () =>
  useQuery({
    queryKey: planKeys.products,
    queryFn: async () => unwrap(await api.GET('/api/v1/products', { params: { query: { status: 'all' } } })).items,
  });

export const useFeatures = () =>
  useQuery({ queryKey: planKeys.features, queryFn: async () => unwrap(await api.GET('/api/v1/features')).items });

/** Active plans as select options ("Professional (PRO)"), for other features' forms. */
export function usePlanOptions() {
  const plans = useQuery({
    queryKey: [...planKeys.list, 'options'],
    queryFn: async () => unwrap(await api.GET('/api/v1/plans', { params: { query: { pageSize: 200, sort: 'tier' } } })).items,
  });
  return (plans.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }));
}
