import dayjs from 'dayjs';
import { optEnum, optString } from '../../lib/search.ts';
import { GRANULARITIES, GROUP_BYS, type Granularity, type GroupBy, type MetricFilters } from './types.ts';

/** The revenue dashboard's state in the URL, so a view can be bookmarked and shared. */
export interface RevenueSearch extends MetricFilters {
  from?: string;
  to?: string;
  by?: Granularity;
  groupBy?: GroupBy;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const optMonth = (v: unknown) => {
  const s = optString(v);
  return s && MONTH.test(s) ? s : undefined;
};

export function parseRevenueSearch(search: Record<string, unknown>): RevenueSearch {
  return {
    from: optMonth(search.from),
    to: optMonth(search.to),
    by: optEnum(search.by, GRANULARITIES),
    groupBy: optEnum(search.groupBy, GROUP_BYS),
    market: optString(search.market),
    edition: optString(search.edition),
    plan: optString(search.plan),
    owner: optString(search.owner),
    segment: optString(search.segment),
    tag: optString(search.tag),
  };
}

/** The last twelve months up to this one, by month, unless the URL says otherwise. */
export function withDefaults(s: RevenueSearch): Required<Pick<RevenueSearch, 'from' | 'to' | 'by'>> & RevenueSearch {
  return {
    ...s,
    from: s.from ?? dayjs().subtract(11, 'month').format('YYYY-MM'),
    to: s.to ?? dayjs().format('YYYY-MM'),
    by: s.by ?? 'month',
  };
}

export const filtersOf = (s: RevenueSearch): MetricFilters => ({
  market: s.market,
  edition: s.edition,
  plan: s.plan,
  owner: s.owner,
  segment: s.segment,
  tag: s.tag,
});
