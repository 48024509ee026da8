import { BarChart, LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatPercent, formatPeriod } from '../../lib/money.ts';
import type { RenewalReport } from './types.ts';

const xAxisProps = (periods: number) => ({ interval: periods <= 7 ? 0 : Math.ceil(periods / 7) - 1 });

function ChartFrame({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text fw={600} size="sm" mb="sm">
        {title}
      </Text>
      {children}
    </Paper>
  );
}

/** The renewal rates (by count, by value gross and net) and the ARR due against the ARR renewed, per period. */
export function RenewalCharts({ report }: { report: RenewalReport }) {
  const { t } = useTranslation();
  const data = useMemo(
    () =>
      report.periods.map((p) => ({
        period: formatPeriod(p.period),
        count: p.renewalRateCount,
        gross: p.renewalRateValueGross,
        net: p.renewalRateValueNet,
        dueArr: p.dueArr,
        renewedArr: p.renewedArr,
      })),
    [report],
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <ChartFrame title={t('renewal.charts.rates')} testId="chart-renewal-rates">
        <LineChart
          h={240}
          data={data}
          dataKey="period"
          withLegend
          connectNulls={false}
          withDots={data.length <= 24}
          curveType="linear"
          series={[
            { name: 'count', label: t('renewal.figures.renewalRateCount'), color: 'indigo.6' },
            { name: 'gross', label: t('renewal.figures.renewalRateValueGross'), color: 'teal.6' },
            { name: 'net', label: t('renewal.figures.renewalRateValueNet'), color: 'orange.6' },
          ]}
          valueFormatter={(v) => formatPercent(v, 0)}
          yAxisProps={{ domain: [0, 'auto'] }}
          xAxisProps={xAxisProps(data.length)}
          lineProps={{ isAnimationActive: false }}
        />
      </ChartFrame>
      <ChartFrame title={t('renewal.charts.arr')} testId="chart-renewal-arr">
        <BarChart
          h={240}
          data={data}
          dataKey="period"
          withLegend
          series={[
            { name: 'dueArr', label: t('renewal.figures.dueArr'), color: 'gray.5' },
            { name: 'renewedArr', label: t('renewal.figures.renewedArr'), color: 'teal.6' },
          ]}
          valueFormatter={(v) => formatMoney(v, report.currency, { compact: true })}
          xAxisProps={xAxisProps(data.length)}
          barProps={{ isAnimationActive: false }}
        />
      </ChartFrame>
    </SimpleGrid>
  );
}
