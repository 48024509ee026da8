import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { RouteError } from '../../components/RouteError.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatMoney } from '../../lib/money.ts';
import { AccountMrrChart } from './AccountMrrChart.tsx';
import { subscriptionKeys } from './queryKeys.ts';
import { StartSubscriptionModal } from './StartSubscriptionModal.tsx';
import { SubscriptionCard } from './SubscriptionCard.tsx';

/** The account page's "Subscriptions" tab: the account's MRR chart, then each subscription with its lines and history. */
export function AccountSubscriptions({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('subscription:write');
  const [startOpened, startModal] = useDisclosure();
  const subs = useQuery({
    queryKey: subscriptionKeys.account(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/subscriptions', { params: { path: { id: accountId } } })),
  });
  if (subs.error) return <RouteError error={subs.error} reset={() => void subs.refetch()} />;
  const list = subs.data ?? [];
  const totals = new Map<string, number>();
  for (const s of list) if (s.status !== 'ended') totals.set(s.currency, (totals.get(s.currency) ?? 0) + s.mrr);
  return (
    <Stack gap="md" data-testid="account-subscriptions">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {totals.size
            ? t('subscription.accountTotal', { mrr: [...totals].map(([c, v]) => formatMoney(v, c)).join(' + ') })
            : t('subscription.noneForAccount')}
        </Text>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={startModal.open} data-testid="start-subscription">
            {t('subscription.start')}
          </Button>
        ) : null}
      </Group>
      {subs.isLoading ? <Skeleton h={200} /> : null}
      {list.length ? <AccountMrrChart accountId={accountId} /> : null}
      {list.map((s) => (
        <SubscriptionCard key={s.id} subscription={s} canWrite={canWrite} />
      ))}
      <StartSubscriptionModal opened={startOpened} onClose={startModal.close} accountId={accountId} />
    </Stack>
  );
}
