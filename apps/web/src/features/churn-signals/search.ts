import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnum, optEnumList, optString, parseListSearch } from '../../lib/search.ts';
import type { ChurnSignalSort, SignalKind } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const CHURN_SIGNAL_SORTS = valuesOf<ChurnSignalSort>({ occurredAt: true, account: true, kind: true });
export const SIGNAL_KINDS = valuesOf<SignalKind>({
  downgrade: true,
  cancel_request: true,
  champion_left: true,
  usage_drop: true,
  no_login: true,
  health_red: true,
  detractor: true,
  manual: true,
});
export const SIGNAL_STATUSES = ['open', 'acknowledged'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** The list's state in the URL, so a filtered view can be bookmarked. */
export interface ChurnSignalsSearch extends ListSearch<ChurnSignalSort> {
  q?: string;
  accountId?: string;
  kind?: SignalKind[];
  status?: SignalStatus;
  ownerUserId?: string;
  from?: string;
  to?: string;
}

const optDay = (v: unknown) => {
  const s = optString(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
};

export function parseChurnSignalsSearch(search: Record<string, unknown>): ChurnSignalsSearch {
  return {
    ...parseListSearch(search, CHURN_SIGNAL_SORTS),
    q: optString(search.q),
    accountId: optString(search.accountId),
    kind: optEnumList(search.kind, SIGNAL_KINDS),
    status: optEnum(search.status, SIGNAL_STATUSES),
    ownerUserId: optString(search.ownerUserId),
    from: optDay(search.from),
    to: optDay(search.to),
  };
}
