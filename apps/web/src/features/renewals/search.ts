import dayjs from 'dayjs';
import { valuesOf } from '../../lib/enums.ts';
import { optEnum, optString } from '../../lib/search.ts';
import type { RenewalGranularity, RenewalTermOutcome } from './types.ts';

/** The granularities and drill-down outcomes the API takes; one the server adds or drops fails the type check. */
export const RENEWAL_GRANULARITIES = valuesOf<RenewalGranularity>({ month: true, quarter: true, year: true });
export const RENEWAL_OUTCOMES = valuesOf<RenewalTermOutcome>({
  renewed: true,
  churned: true,
  pending: true,
  downgraded: true,
  upgraded: true,
});

/** The report's state in the URL, so a view can be bookmarked and shared. */
export interface RenewalsSearch {
  from?: string;
  to?: string;
  by?: RenewalGranularity;
  owner?: string;
  segment?: string;
  market?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const optMonth = (v: unknown) => {
  const s = optString(v);
  return s && MONTH.test(s) ? s : undefined;
};

export function parseRenewalsSearch(search: Record<string, unknown>): RenewalsSearch {
  return {
    from: optMonth(search.from),
    to: optMonth(search.to),
    by: optEnum(search.by, RENEWAL_GRANULARITIES),
    owner: optString(search.owner),
    segment: optString(search.segment),
    market: optString(search.market),
  };
}

/** The last twelve months up to this one, by month, unless the URL says otherwise. */
export function withDefaults(s: RenewalsSearch): Required<Pick<RenewalsSearch, 'from' | 'to' | 'by'>> & RenewalsSearch {
  return {
    ...s,
    from: s.from ?? dayjs().subtract(11, 'month').format('YYYY-MM'),
    to: s.to ?? dayjs().format('YYYY-MM'),
    by: s.by ?? 'month',
  };
}
