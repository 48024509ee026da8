import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optString, parseListSearch } from '../../lib/search.ts';
import type { PlaybookSort } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const PLAYBOOK_SORTS = valuesOf<PlaybookSort>({ title: true, account: true, createdAt: true });

/** The list's state in the URL, so a filtered view can be bookmarked. */
export interface PlaybooksSearch extends ListSearch<PlaybookSort> {
  q?: string;
  accountId?: string;
}

export function parsePlaybooksSearch(search: Record<string, unknown>): PlaybooksSearch {
  return {
    ...parseListSearch(search, PLAYBOOK_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
  };
}
