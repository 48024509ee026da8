import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optString, parseListSearch } from '../../lib/search.ts';
import type { NotificationSort } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const NOTIFICATION_SORTS = valuesOf<NotificationSort>({ title: true, account: true, createdAt: true });

/** The list's state in the URL, so a filtered view can be bookmarked. */
export interface NotificationsSearch extends ListSearch<NotificationSort> {
  q?: string;
  accountId?: string;
}

export function parseNotificationsSearch(search: Record<string, unknown>): NotificationsSearch {
  return {
    ...parseListSearch(search, NOTIFICATION_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
  };
}
