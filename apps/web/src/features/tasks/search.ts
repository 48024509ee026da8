import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnum, optEnumList, optString, optStringList, parseListSearch } from '../../lib/search.ts';
import type { TaskDue, TaskPriority, TaskSort } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const TASK_SORTS = valuesOf<TaskSort>({
  dueOn: true,
  priority: true,
  title: true,
  account: true,
  owner: true,
  createdAt: true,
  completedAt: true,
});
export const TASK_DUE = valuesOf<TaskDue>({ overdue: true, today: true, this_week: true, later: true, none: true });
export const TASK_PRIORITIES = valuesOf<TaskPriority>({ high: true, normal: true, low: true });
export const TASK_VIEWS = ['mine', 'team'] as const;
export const TASK_STATUSES = ['open', 'done', 'all'] as const;
export const TASK_SNOOZED = ['hide', 'only', 'include'] as const;

/** The list's state in the URL, so a filtered view can be bookmarked; `task` opens one. */
export interface TasksSearch extends ListSearch<TaskSort> {
  q?: string;
  accountId?: string;
  view?: (typeof TASK_VIEWS)[number];
  due?: TaskDue;
  status?: (typeof TASK_STATUSES)[number];
  snoozed?: (typeof TASK_SNOOZED)[number];
  priority?: TaskPriority[];
  ownerUserId?: string[];
  task?: string;
}

export function parseTasksSearch(search: Record<string, unknown>): TasksSearch {
  return {
    ...parseListSearch(search, TASK_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
    view: optEnum(search.view, TASK_VIEWS),
    due: optEnum(search.due, TASK_DUE),
    status: optEnum(search.status, TASK_STATUSES),
    snoozed: optEnum(search.snoozed, TASK_SNOOZED),
    priority: optEnumList(search.priority, TASK_PRIORITIES),
    ownerUserId: optStringList(search.ownerUserId),
    task: optString(search.task),
  };
}
