import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optString, parseListSearch } from '../../lib/search.ts';
import type { PlaybookSort, Trigger } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const PLAYBOOK_SORTS = valuesOf<PlaybookSort>({ name: true, trigger: true, runs: true, lastFiredAt: true, createdAt: true });

/** The trigger catalogue, in the order the editor offers it. */
export const TRIGGERS = valuesOf<Trigger>({
  account_created: true,
  milestone_late: true,
  health_red: true,
  usage_dropped: true,
  detractor: true,
  renewal_days_out: true,
  low_activity: true,
  downgrade_or_cancel: true,
  champion_left: true,
  support_requests_above: true,
});

/** The list's state in the URL, so a filtered view can be bookmarked. */
export interface PlaybooksSearch extends ListSearch<PlaybookSort> {
  q?: string;
  trigger?: Trigger;
  enabled?: 'true' | 'false';
}

export function parsePlaybooksSearch(search: Record<string, unknown>): PlaybooksSearch {
  const trigger = optString(search.trigger);
  const enabled = optString(search.enabled);
  return {
    ...parseListSearch(search, PLAYBOOK_SORTS),
    q: optString(search.q),
    trigger: TRIGGERS.includes(trigger as Trigger) ? (trigger as Trigger) : undefined,
    enabled: enabled === 'true' || enabled === 'false' ? enabled : undefined,
  };
}
