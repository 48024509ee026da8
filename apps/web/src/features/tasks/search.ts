import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optString, parseListSearch } from '../../lib/search.ts';
import type { TaskSort } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const TASK_SORTS = valuesOf<TaskSort>({ title: true, account: true, createdAt: true });

/** The list's state in the URL, so a filtered view can be bookmarked. */
export interface TasksSearch extends ListSearch<TaskSort> {
  q?: string;
  accountId?: string;
}

export function parseTasksSearch(search: Record<string, unknown>): TasksSearch {
  return {
    ...parseListSearch(search, TASK_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
  };
}
