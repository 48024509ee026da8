import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnum, optString, optStringList, parseListSearch } from '../../lib/search.ts';
import type { Effort, JourneySort, JourneyStatus, JourneyTemplateSort, JourneyTrigger, Lateness, MilestoneStatus } from './types.ts';

/** The sort keys, statuses and other values the API takes; one the server adds or drops fails the type check until this follows. */
export const JOURNEY_SORTS = valuesOf<JourneySort>({
  account: true,
  milestone: true,
  dueOn: true,
  daysLate: true,
  startedOn: true,
  progress: true,
});
export const TEMPLATE_SORTS = valuesOf<JourneyTemplateSort>({
  name: true,
  version: true,
  milestones: true,
  weeks: true,
  activeJourneys: true,
  updatedAt: true,
});
export const TEMPLATE_STATUSES = ['active', 'archived'] as const;
export const LATENESS = valuesOf<Lateness>({ late: true, on_track: true, done: true });
export const JOURNEY_STATUSES = valuesOf<JourneyStatus>({ active: true, completed: true, replaced: true, stopped: true });
export const LIST_STATUSES = ['active', 'completed', 'all'] as const;
export const TRIGGERS = valuesOf<JourneyTrigger>({ subscription_start: true, renewal: true, account_created: true });
export const EFFORTS = valuesOf<Effort>({ low: true, medium: true, high: true });
export const MILESTONE_COLORS: Record<MilestoneStatus, string> = { done: 'teal', late: 'red', on_track: 'blue', upcoming: 'gray' };
export const LATENESS_COLORS: Record<Lateness, string> = { done: 'teal', late: 'red', on_track: 'blue' };

/** The portfolio's state in the URL, so a filtered view can be bookmarked. */
export interface JourneysSearch extends ListSearch<JourneySort> {
  q?: string;
  lateness?: Lateness;
  status?: (typeof LIST_STATUSES)[number];
  milestone?: string[];
  ownerUserId?: string[];
}

export function parseJourneysSearch(search: Record<string, unknown>): JourneysSearch {
  return {
    ...parseListSearch(search, JOURNEY_SORTS),
    q: optString(search.q),
    lateness: optEnum(search.lateness, LATENESS),
    status: optEnum(search.status, LIST_STATUSES),
    milestone: optStringList(search.milestone),
    ownerUserId: optStringList(search.ownerUserId),
  };
}

/** The templates list's state in the URL: words, in use or archived, a trigger, sort and page. */
export interface JourneyTemplatesSearch extends ListSearch<JourneyTemplateSort> {
  q?: string;
  status?: (typeof TEMPLATE_STATUSES)[number];
  trigger?: JourneyTrigger;
}

export function parseJourneyTemplatesSearch(search: Record<string, unknown>): JourneyTemplatesSearch {
  return {
    ...parseListSearch(search, TEMPLATE_SORTS),
    q: optString(search.q),
    status: optEnum(search.status, TEMPLATE_STATUSES),
    trigger: optEnum(search.trigger, TRIGGERS),
  };
}
