import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnumList, optString, optStringList, parseListSearch } from '../../lib/search.ts';
import type { UpsellCandidateSort, UpsellReasonCode } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const UPSELL_CANDIDATE_SORTS = valuesOf<UpsellCandidateSort>({
  account: true,
  owner: true,
  mrrDifference: true,
  limitPercent: true,
  since: true,
});
/** The reasons, in the order the filter offers them. */
export const UPSELL_REASONS = valuesOf<UpsellReasonCode>({
  near_limit: true,
  at_limit: true,
  over_limit: true,
  below_segment_tier: true,
  growing_quantity: true,
  cross_sell: true,
});

/** The list's state in the URL, so a filtered view can be bookmarked and linked to. */
export interface UpsellCandidatesSearch extends ListSearch<UpsellCandidateSort> {
  q?: string;
  reason?: UpsellReasonCode[];
  marketId?: string[];
  ownerUserId?: string[];
  planId?: string[];
}

export function parseUpsellCandidatesSearch(search: Record<string, unknown>): UpsellCandidatesSearch {
  return {
    ...parseListSearch(search, UPSELL_CANDIDATE_SORTS),
    q: optString(search.q),
    reason: optEnumList(search.reason, UPSELL_REASONS),
    marketId: optStringList(search.marketId),
    ownerUserId: optStringList(search.ownerUserId),
    planId: optStringList(search.planId),
  };
}
