import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnum, optEnumList, optString, parseListSearch } from '../../lib/search.ts';
import type { SupportPriority, SupportSort, SupportStatus } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const SUPPORT_SORTS = valuesOf<SupportSort>({
  due: true,
  number: true,
  priority: true,
  subject: true,
  account: true,
  assignee: true,
  status: true,
  lastMessageAt: true,
  createdAt: true,
});
export const SUPPORT_STATUSES = valuesOf<SupportStatus>({ new: true, open: true, waiting: true, solved: true, closed: true });
export const SUPPORT_PRIORITIES = valuesOf<SupportPriority>({ urgent: true, high: true, normal: true, low: true });
/** The inbox's views: what still needs work (new, open, waiting on the customer), one status, or everything. */
export const SUPPORT_VIEWS = ['active', ...SUPPORT_STATUSES, 'all'] as const;
export const YES_NO = ['true', 'false'] as const;

/** The inbox's state in the URL, so a filtered view can be bookmarked. */
export interface SupportSearch extends ListSearch<SupportSort> {
  q?: string;
  accountId?: string;
  view?: (typeof SUPPORT_VIEWS)[number];
  priority?: SupportPriority[];
  assignee?: string;
  unmatched?: (typeof YES_NO)[number];
  breached?: (typeof YES_NO)[number];
}

export function parseSupportSearch(search: Record<string, unknown>): SupportSearch {
  return {
    ...parseListSearch(search, SUPPORT_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
    view: optEnum(search.view, SUPPORT_VIEWS),
    priority: optEnumList(search.priority, SUPPORT_PRIORITIES),
    assignee: optString(search.assignee),
    unmatched: optEnum(search.unmatched, YES_NO),
    breached: optEnum(search.breached, YES_NO),
  };
}
