import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnum, optString, parseListSearch } from '../../lib/search.ts';
import type { ObjectiveMetric, ObjectiveSort, ObjectiveStatus } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const OBJECTIVE_SORTS = valuesOf<ObjectiveSort>({
  title: true,
  account: true,
  dueOn: true,
  percentAchieved: true,
  status: true,
  updatedAt: true,
});
export const OBJECTIVE_STATUSES = valuesOf<ObjectiveStatus>({ on_track: true, at_risk: true, achieved: true, missed: true, dropped: true });
export const OBJECTIVE_METRICS = valuesOf<ObjectiveMetric>({ leads: true, new_sales: true, custom: true });
export const STATUS_COLORS: Record<ObjectiveStatus, string> = {
  on_track: 'blue',
  at_risk: 'orange',
  achieved: 'teal',
  missed: 'red',
  dropped: 'gray',
};

/** A badge keeps its whole label: a table cell grows instead of cutting it off. */
export const NO_SHRINK = { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible', textOverflow: 'clip' } } as const;

/** The portfolio's state in the URL, so a filtered view can be bookmarked. */
export interface ObjectivesSearch extends ListSearch<ObjectiveSort> {
  q?: string;
  accountId?: string;
  status?: ObjectiveStatus;
  metric?: ObjectiveMetric;
}

export function parseObjectivesSearch(search: Record<string, unknown>): ObjectivesSearch {
  return {
    ...parseListSearch(search, OBJECTIVE_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
    status: optEnum(search.status, OBJECTIVE_STATUSES),
    metric: optEnum(search.metric, OBJECTIVE_METRICS),
  };
}
