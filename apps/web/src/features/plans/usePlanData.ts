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
