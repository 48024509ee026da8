import { SimpleGrid, Text } from '@mantine/core';
import { IconCalendarStats, IconCash, IconTrendingUp, IconUserMinus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatMoney, formatPercent } from '../../lib/money.ts';
import { FigureCard } from './FigureCard.tsx';

/** The home page's revenue row: MRR, ARR, net new MRR this month and last month's customer churn, each opening the revenue dashboard. */
export function RevenueFigures() {
  const { t } = useTranslation();
  const thisMonth = dayjs().format('YYYY-MM');
  const lastMonth = dayjs().subtract(1, 'month').format('YYYY-MM');
  const series = useQuery({
    queryKey: ['metrics', 'series', 'home', thisMonth],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/metrics/mrr', { params: { query: { from: lastMonth, to: thisMonth, by: 'month' } } })),
  });
  const now = series.data?.periods.at(-1);
  const before = series.data?.periods.at(-2);
  const currency = series.data?.currency ?? 'EUR';
  const netNew = now ? now.new + now.expansion + now.reactivation - now.contraction - now.churn : undefined;
  const loaded = !!series.data;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" data-testid="revenue-figures">
      <FigureCard
        label={t('dashboard.revenue.mrr')}
        value={loaded ? formatMoney(now?.mrr ?? 0, currency) : undefined}
        icon={IconCash}
        color="indigo"
        link={{ to: '/revenue', search: {} }}
        testId="home-mrr"
      />
      <FigureCard
        label={t('dashboard.revenue.arr')}
        value={loaded ? formatMoney(now?.arr ?? 0, currency) : undefined}
        icon={IconCalendarStats}
        color="blue"
        link={{ to: '/revenue', search: {} }}
        testId="home-arr"
      />
      <FigureCard
        label={t('dashboard.revenue.netNew')}
        value={loaded ? formatMoney(netNew ?? 0, currency) : undefined}
        icon={IconTrendingUp}
        color={netNew !== undefined && netNew < 0 ? 'red' : 'teal'}
        link={{ to: '/revenue', search: { from: thisMonth, to: thisMonth } }}
        testId="home-net-new"
      >
        {now ? (
          <Text size="xs" c="dimmed">
            {t('dashboard.revenue.netNewHint', {
              new: formatMoney(now.new + now.expansion + now.reactivation, currency),
              lost: formatMoney(now.contraction + now.churn, currency),
            })}
          </Text>
        ) : null}
      </FigureCard>
      <FigureCard
        label={t('dashboard.revenue.churnLastMonth')}
        value={loaded ? formatPercent(before?.customerChurnRate ?? null) : undefined}
        icon={IconUserMinus}
        color="orange"
        link={{ to: '/revenue', search: { from: lastMonth, to: lastMonth } }}
        testId="home-churn"
      >
        {before ? (
          <Text size="xs" c="dimmed">
            {t('dashboard.revenue.churnedCustomers', { count: before.churnedCustomers })}
          </Text>
        ) : null}
      </FigureCard>
    </SimpleGrid>
  );
}
