import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.ts';
import { formatMoney } from '../../lib/money.ts';
import { subscriptionKeys } from './queryKeys.ts';

/** The account header's ARR: twelve times the MRR of its subscriptions that have not ended, per currency. */
export function AccountArrFact({ accountId }: { accountId: string }) {
  const subs = useQuery({
    queryKey: subscriptionKeys.account(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/subscriptions', { params: { path: { id: accountId } } })),
  });
  if (!subs.data) return '…';
  const totals = new Map<string, number>();
  for (const s of subs.data) if (s.status !== 'ended') totals.set(s.currency, (totals.get(s.currency) ?? 0) + s.mrr * 12);
  if (!totals.size) return '—';
  return [...totals].map(([currency, arr]) => formatMoney(arr, currency, { whole: true })).join(' + ');
}
