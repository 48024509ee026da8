import { Group, Paper, SimpleGrid, Skeleton, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconCalendarStats, IconCash, IconTrendingUp, IconUserMinus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatMoney, formatPercent } from '../../lib/money.ts';
import type { RevenueSearch } from '../revenue/index.ts';

function FigureCard(props: {
  label: string;
  value: string | undefined;
  hint?: string;
  icon: ComponentType<{ size?: number | string }>;
  color: string;
  search: RevenueSearch;
  testId: string;
}) {
  return (
    <UnstyledButton
      renderRoot={(p) => <Link {...p} to="/revenue" search={props.search} />}
      style={{ display: 'block' }}
      data-testid={props.testId}
    >
      <Paper withBorder p="md" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {props.label}
            </Text>
            {props.value === undefined ? (
              <Skeleton h={30} w={90} mt={6} />
            ) : (
              <Text fz={26} fw={700} lh={1.3} data-testid="stat-value">
                {props.value}
              </Text>
            )}
            {props.hint ? (
              <Text size="xs" c="dimmed">
                {props.hint}
              </Text>
            ) : null}
          </div>
          <ThemeIcon variant="light" color={props.color} size={38} radius="md">
            <props.icon size={20} />
          </ThemeIcon>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

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
        search={{}}
        testId="home-mrr"
      />
      <FigureCard
        label={t('dashboard.revenue.arr')}
        value={loaded ? formatMoney(now?.arr ?? 0, currency) : undefined}
        icon={IconCalendarStats}
        color="blue"
        search={{}}
        testId="home-arr"
      />
      <FigureCard
        label={t('dashboard.revenue.netNew')}
        value={loaded ? formatMoney(netNew ?? 0, currency) : undefined}
        hint={
          now
            ? t('dashboard.revenue.netNewHint', {
                new: formatMoney(now.new + now.expansion + now.reactivation, currency),
                lost: formatMoney(now.contraction + now.churn, currency),
              })
            : undefined
        }
        icon={IconTrendingUp}
        color={netNew !== undefined && netNew < 0 ? 'red' : 'teal'}
        search={{ from: thisMonth, to: thisMonth }}
        testId="home-net-new"
      />
      <FigureCard
        label={t('dashboard.revenue.churnLastMonth')}
        value={loaded ? formatPercent(before?.customerChurnRate ?? null) : undefined}
        hint={before ? t('dashboard.revenue.churnedCustomers', { count: before.churnedCustomers }) : undefined}
        icon={IconUserMinus}
        color="orange"
        search={{ from: lastMonth, to: lastMonth }}
        testId="home-churn"
      />
    </SimpleGrid>
  );
}
