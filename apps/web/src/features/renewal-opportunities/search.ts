import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optString, parseListSearch } from '../../lib/search.ts';
import type { RenewalOpportunitySort } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const RENEWAL_OPPORTUNITY_SORTS = valuesOf<RenewalOpportunitySort>({ title: true, account: true, createdAt: true });

/** The list's state in the URL, so a filtered view can be bookmarked. */
export interface RenewalOpportunitiesSearch extends ListSearch<RenewalOpportunitySort> {
  q?: string;
  accountId?: string;
}

export function parseRenewalOpportunitiesSearch(search: Record<string, unknown>): RenewalOpportunitiesSearch {
  return {
    ...parseListSearch(search, RENEWAL_OPPORTUNITY_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
  };
}
