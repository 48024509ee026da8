import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.ts';
import { takeEarly } from '../../lib/early.ts';
import { revenueKeys } from './queryKeys.ts';
import { filtersOf, type RevenueSearch, withDefaults } from './search.ts';
import type { Series } from './types.ts';

/** The series the dashboard shows for its URL: asked by the route's loader, so it loads with the page's code. */
export function seriesQuery(raw: RevenueSearch) {
  const search = withDefaults(raw);
  const query = { ...filtersOf(search), from: search.from, to: search.to, by: search.by, groupBy: search.groupBy };
  return queryOptions({
    queryKey: revenueKeys.series(query),
    queryFn: async () =>
      // The first visit's request was started by public/session.js, while this code loaded.
      (await takeEarly<Series>('/api/v1/metrics/mrr', query)) ?? unwrap(await api.GET('/api/v1/metrics/mrr', { params: { query } })),
  });
}
