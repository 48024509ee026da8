import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optString, parseListSearch } from '../../lib/search.ts';
import type { JourneySort } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const JOURNEY_SORTS = valuesOf<JourneySort>({ title: true, account: true, createdAt: true });

/** The list's state in the URL, so a filtered view can be bookmarked. */
export interface JourneysSearch extends ListSearch<JourneySort> {
  q?: string;
  accountId?: string;
}

export function parseJourneysSearch(search: Record<string, unknown>): JourneysSearch {
  return {
    ...parseListSearch(search, JOURNEY_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
  };
}
