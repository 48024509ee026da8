import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnum, optEnumList, optString, optStringList, parseListSearch } from '../../lib/search.ts';
import type { Edition, LifecycleStage, Segment } from '../../lib/types.ts';
import { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../../lib/types.ts';
import { type AccountQuery, type AccountSort, TIMELINE_KINDS, type TimelineKind } from './types.ts';

export const ACCOUNT_SORTS = valuesOf<AccountSort>({
  name: true,
  createdAt: true,
  updatedAt: true,
  segment: true,
  edition: true,
  lifecycleStage: true,
  employees: true,
  market: true,
  owner: true,
});
export type AccountStatus = NonNullable<AccountQuery['status']>;
export const ACCOUNT_STATUSES = valuesOf<AccountStatus>({ active: true, archived: true, all: true });

/** The accounts list's state in the URL: search, filters, sort and page. */
export interface AccountsSearch extends ListSearch<AccountSort> {
  q?: string;
  marketId?: string[];
  segment?: Segment[];
  edition?: Edition[];
  ownerUserId?: string[];
  lifecycleStage?: LifecycleStage[];
  tag?: string[];
  status?: AccountStatus;
  /** Only what this import created or updated (the import's "Open accounts"). */
  importId?: string;
}

export function parseAccountsSearch(search: Record<string, unknown>): AccountsSearch {
  return {
    ...parseListSearch(search, ACCOUNT_SORTS),
    q: optString(search.q),
    marketId: optStringList(search.marketId),
    segment: optEnumList(search.segment, SEGMENTS),
    edition: optEnumList(search.edition, EDITIONS),
    ownerUserId: optStringList(search.ownerUserId),
    lifecycleStage: optEnumList(search.lifecycleStage, LIFECYCLE_STAGES),
    tag: optStringList(search.tag),
    status: optEnum(search.status, ACCOUNT_STATUSES),
    importId: optString(search.importId),
  };
}

export const ACCOUNT_TABS = ['contacts', 'timeline', 'details', 'history'] as const;
/** One of the page's own tabs, or the key of a tab another feature adds (app/feature.ts, `accountTabs`). */
export type AccountTab = (typeof ACCOUNT_TABS)[number] | (string & {});
const TAB_KEY = /^[a-z][a-z0-9_-]{0,39}$/;

/** The account page's tab, and the timeline's filters (kinds, words) and order. */
export interface AccountPageSearch {
  tab?: AccountTab;
  kind?: TimelineKind[];
  q?: string;
  order?: 'asc' | 'desc';
}

export type TimelineSearch = Pick<AccountPageSearch, 'kind' | 'q' | 'order'>;

export function parseAccountPageSearch(search: Record<string, unknown>): AccountPageSearch {
  return {
    tab: typeof search.tab === 'string' && TAB_KEY.test(search.tab) ? search.tab : undefined,
    kind: optEnumList(search.kind, TIMELINE_KINDS),
    q: optString(search.q),
    order: optEnum(search.order, ['asc', 'desc'] as const),
  };
}
