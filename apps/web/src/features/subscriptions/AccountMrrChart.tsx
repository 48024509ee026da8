import { AreaChart } from '@mantine/charts';
import { Paper, Skeleton, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { subscriptionKeys } from './queryKeys.ts';

/** The account's MRR in the reporting currency as a step chart: each change point holds until the next, today closes it. */
export function AccountMrrChart({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const mrr = useQuery({
    queryKey: subscriptionKeys.accountMrr(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/mrr', { params: { path: { id: accountId } } })),
  });
  if (mrr.isLoading) return <Skeleton h={220} />;
  const points = mrr.data?.points ?? [];
  if (!points.length) return null;
  const today = dayjs().format('YYYY-MM-DD');
  const data = points.map((p) => ({ date: p.date, mrr: p.mrr }));
  // Start from where the first change came from (0 for a first subscription), a month earlier, so a single change is a step.
  const first = points[0];
  if (first) data.unshift({ date: dayjs(first.date).subtract(1, 'month').format('YYYY-MM-DD'), mrr: first.before });
  const last = data.at(-1);
  if (last && last.date < today) data.push({ date: today, mrr: last.mrr });
  const currency = mrr.data?.currency ?? 'EUR';
  return (
    <Paper withBorder p="md" data-testid="account-mrr-chart">
      <Text fw={600} size="sm" mb="sm">
        {t('subscription.mrrChart', { currency })}
      </Text>
      <AreaChart
        h={200}
        data={data}
        dataKey="date"
        series={[{ name: 'mrr', label: t('subscription.fields.mrr'), color: 'indigo.6' }]}
        curveType="stepAfter"
        withDots={false}
        xAxisProps={{ tickFormatter: (v: string) => formatDate(v) }}
        valueFormatter={(v) => formatMoney(v, currency, { compact: true })}
        tooltipProps={{ labelFormatter: (v) => formatDate(String(v)) }}
      />
    </Paper>
  );
}
