import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optEnum, optEnumList, optString, parseListSearch } from '../../lib/search.ts';
import type { QuoteKind, QuoteSort, QuoteStatus } from './types.ts';

export const QUOTE_SORTS = valuesOf<QuoteSort>({
  createdAt: true,
  number: true,
  account: true,
  status: true,
  totalCents: true,
  validUntil: true,
});
export const QUOTE_STATUSES = valuesOf<QuoteStatus>({
  draft: true,
  pending_approval: true,
  approved: true,
  rejected: true,
  sent: true,
  accepted: true,
  declined: true,
});
export const QUOTE_KINDS = valuesOf<QuoteKind>({ renewal: true, winback: true });

/** The quotes list in the URL: search, statuses, kind, account; `status=pending_approval` is the directors' approvals list. */
export interface QuotesSearch extends ListSearch<QuoteSort> {
  q?: string;
  status?: QuoteStatus[];
  kind?: QuoteKind;
  accountId?: string;
  /** The quotes of one renewal (from a renewal's "All quotes"). */
  renewalId?: string;
}

export function parseQuotesSearch(search: Record<string, unknown>): QuotesSearch {
  return {
    ...parseListSearch(search, QUOTE_SORTS),
    q: optString(search.q),
    status: optEnumList(search.status, QUOTE_STATUSES),
    kind: optEnum(search.kind, QUOTE_KINDS),
    accountId: optString(search.accountId),
    renewalId: optString(search.renewalId),
  };
}
