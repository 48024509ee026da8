import { BarChart } from '@mantine/charts';
import { Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatMoney } from '../../lib/money.ts';
import { revenueKeys } from './queryKeys.ts';

/**
 * Why customers left in the selected range: cancellations by reason (and, for "lost to a competitor", by
 * competitor), with the MRR they gave up — the churn reasons of the revenue reports.
 */
export function ChurnReasons({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const reasons = useQuery({
    queryKey: [...revenueKeys.all, 'churn-reasons', { from, to }],
    queryFn: async () => unwrap(await api.GET('/api/v1/metrics/churn-reasons', { params: { query: { from, to } } })),
  });
  const data = reasons.data;
  const rows = (data?.reasons ?? []).map((r) => ({
    reason: [r.reasonLabel ?? t('revenue.churnReasons.noReason'), r.competitorName].filter(Boolean).join(' · '),
    mrr: r.mrr,
    accounts: r.accounts,
  }));
  return (
    <Paper withBorder p="md" data-testid="chart-churn-reasons">
      <Text fw={600} size="sm" mb="sm">
        {t('revenue.churnReasons.title')}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {reasons.isLoading ? '…' : t('revenue.churnReasons.none')}
        </Text>
      ) : (
        <BarChart
          h={Math.max(120, rows.length * 36)}
          data={rows}
          dataKey="reason"
          orientation="vertical"
          yAxisProps={{ width: 200 }}
          series={[{ name: 'mrr', label: t('revenue.churnReasons.mrr'), color: 'red.6' }]}
          valueFormatter={(v) => formatMoney(v, data?.currency ?? 'EUR', { whole: true })}
        />
      )}
    </Paper>
  );
}
