import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnum, optEnumList, optString, optStringList, parseListSearch } from '../../lib/search.ts';
import type { RenewalCategory, RenewalSort, RenewalStage } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const RENEWAL_SORTS = valuesOf<RenewalSort>({
  dueOn: true,
  account: true,
  owner: true,
  stage: true,
  targetCents: true,
  forecastCents: true,
  likelihood: true,
});
export const RENEWAL_STAGES = valuesOf<RenewalStage>({
  upcoming: true,
  contacted: true,
  negotiating: true,
  quote_sent: true,
  quote_accepted: true,
  renewed: true,
  downgraded: true,
  churned: true,
});
export const CLOSED_STAGES: readonly RenewalStage[] = ['renewed', 'downgraded', 'churned'];
export const RENEWAL_CATEGORIES = valuesOf<RenewalCategory>({ renew: true, upsell: true, downgrade: true, churn_risk: true });
export const RENEWAL_VIEWS = ['board', 'list', 'calendar'] as const;
export const RENEWAL_STATUSES = ['open', 'closed', 'all'] as const;
export const RENEWAL_TIMINGS = ['overdue', 'due_soon', 'on_track'] as const;

/** The pipeline's state in the URL: the view, the list's filters, the calendar's month, and `renewal` opens one. */
export interface RenewalsSearch extends ListSearch<RenewalSort> {
  view?: (typeof RENEWAL_VIEWS)[number];
  q?: string;
  accountId?: string;
  status?: (typeof RENEWAL_STATUSES)[number];
  timing?: (typeof RENEWAL_TIMINGS)[number];
  stage?: RenewalStage[];
  category?: RenewalCategory[];
  ownerUserId?: string[];
  /** The calendar's month, YYYY-MM. */
  month?: string;
  renewal?: string;
}

export function parseRenewalsSearch(search: Record<string, unknown>): RenewalsSearch {
  const month = optString(search.month);
  return {
    ...parseListSearch(search, RENEWAL_SORTS),
    view: optEnum(search.view, RENEWAL_VIEWS),
    q: optString(search.q),
    accountId: optString(search.accountId),
    status: optEnum(search.status, RENEWAL_STATUSES),
    timing: optEnum(search.timing, RENEWAL_TIMINGS),
    stage: optEnumList(search.stage, RENEWAL_STAGES),
    category: optEnumList(search.category, RENEWAL_CATEGORIES),
    ownerUserId: optStringList(search.ownerUserId),
    month: month && /^\d{4}-\d{2}$/.test(month) ? month : undefined,
    renewal: optString(search.renewal),
  };
}
