import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { accountRenewalsQuery } from './queryKeys.ts';
import { DueCell, StageBadge } from './RenewalBadges.tsx';

/** The day after a term's last day, the renewal date. */
function dayAfter(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The account header's next renewal: the open renewal due first, its date (late ones stand out) and stage; with
 * none open yet, the renewal date of the subscription term that ends first.
 */
export function AccountRenewalFact({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const data = useQuery(accountRenewalsQuery(accountId));
  const next = data.data?.items.filter((r) => !r.closedAt).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
  const subs = useQuery({
    queryKey: ['subscriptions', 'account', accountId],
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/subscriptions', { params: { path: { id: accountId } } })),
    enabled: Boolean(data.data) && !next,
  });
  if (!data.data) return '…';
  if (!next) {
    if (!subs.data) return subs.isLoading ? '…' : '—';
    const ends = subs.data.flatMap((s) => (s.status !== 'ended' && s.termEnd ? [s.termEnd] : [])).sort();
    if (!ends[0]) return '—';
    return (
      <Text size="sm" component="span" title={t('renewalPipeline.factNotOpen')}>
        {formatDate(dayAfter(ends[0]))}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <DueCell renewal={next} />
      <StageBadge stage={next.stage} />
    </Group>
  );
}
