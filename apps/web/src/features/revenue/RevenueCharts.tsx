import { AreaChart, BarChart, LineChart } from '@mantine/charts';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AfterPaint } from '../../components/AfterPaint.tsx';
import { formatMoney, formatPercent, formatPeriod } from '../../lib/money.ts';
import { MOVEMENT_COLORS, MOVEMENTS, type Movement, type PeriodMetrics, type Series } from './types.ts';

/**
 * Every how many periods the time axis labels one: about seven labels across a half-width chart (also beside a
 * second axis). A fixed interval also spares the chart measuring each of 60 labels in the page before it draws.
 */
const xAxisProps = (periods: number) => ({ interval: periods <= 7 ? 0 : Math.ceil(periods / 7) - 1 });

const GROUP_COLORS = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'red.6', 'lime.7', 'pink.6', 'yellow.7', 'gray.6'];

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

/** MRR per period: one area for the whole selection, or one line per group (market, edition …). */
export function MrrTrendChart({ series }: { series: Series }) {
  const { t } = useTranslation();
  const money = (v: number) => formatMoney(v, series.currency, { compact: true });
  const groups = useMemo(() => series.groups?.slice(0, GROUP_COLORS.length) ?? [], [series]);
  const data = useMemo(
    () =>
      series.periods.map((p, i) => ({
        period: formatPeriod(p.period),
        mrr: p.mrr,
        ...Object.fromEntries(groups.map((g, j) => [`g${j}`, g.periods[i]?.mrr ?? 0])),
      })),
    [series, groups],
  );
  if (groups.length) {
    return (
      <ChartFrame title={t('revenue.charts.mrrByGroup')} testId="chart-mrr">
        <LineChart
          h={260}
          data={data}
          dataKey="period"
          withDots={data.length <= 24}
          withLegend
          series={groups.map((g, j) => ({
            name: `g${j}`,
            label: g.key === null ? t('revenue.noValue') : g.label,
            color: GROUP_COLORS[j] ?? 'gray.6',
          }))}
          valueFormatter={money}
          curveType="linear"
          xAxisProps={xAxisProps(data.length)}
        />
      </ChartFrame>
    );
  }
  return (
    <ChartFrame title={t('revenue.charts.mrr')} testId="chart-mrr">
      <AreaChart
        h={260}
        data={data}
        dataKey="period"
        series={[{ name: 'mrr', label: t('revenue.figures.mrr'), color: 'indigo.6' }]}
        areaProps={{ isAnimationActive: false }}
        // A dot per period helps up to two years; over five they are a bead curtain (and 60 more elements to draw).
        withDots={data.length <= 24}
        valueFormatter={money}
        curveType="linear"
        xAxisProps={xAxisProps(data.length)}
      />
    </ChartFrame>
  );
}

/** A bar as a plain rectangle: recharts' own measures each path's length and animates it, 300 times over 60 periods. */
function BarShape(p: { x?: number; y?: number; width?: number; height?: number; fill?: string; fillOpacity?: number | string }) {
  const { x = 0, y = 0, width = 0, height = 0 } = p;
  if (!width || !height) return null;
  return (
    <rect
      className="recharts-rectangle"
      x={x}
      y={height < 0 ? y + height : y}
      width={width}
      height={Math.abs(height)}
      fill={p.fill}
      fillOpacity={p.fillOpacity}
      cursor="pointer"
    />
  );
}

/** Movements per period, stacked: new, expansion and reactivation up; contraction and churn down. A bar opens its accounts. */
export function MovementsChart({ series, onPick }: { series: Series; onPick: (period: PeriodMetrics, type: Movement) => void }) {
  const { t } = useTranslation();
  const data = useMemo(() => {
    const down = new Set<Movement>(['contraction', 'churn']);
    return series.periods.map((p) => ({
      period: formatPeriod(p.period),
      ...Object.fromEntries(MOVEMENTS.map((m) => [m, down.has(m) ? -p[m] : p[m]])),
    }));
  }, [series]);
  return (
    <ChartFrame title={t('revenue.charts.movements')} testId="chart-movements">
      <BarChart
        h={260}
        data={data}
        dataKey="period"
        type="stacked"
        // Losses are negative: "sign" stacks them below zero instead of on top of the gains.
        barChartProps={{ stackOffset: 'sign' }}
        referenceLines={[{ y: 0, color: 'gray.5' }]}
        xAxisProps={xAxisProps(data.length)}
        withLegend
        series={MOVEMENTS.map((m) => ({ name: m, label: t(`revenue.movements.${m}`), color: MOVEMENT_COLORS[m] }))}
        valueFormatter={(v) => formatMoney(v, series.currency, { compact: true })}
        barProps={(s) => ({
          // 5 movements × 60 periods: an entry animation per bar makes the first draw one long task.
          isAnimationActive: false,
          cursor: 'pointer',
          shape: BarShape,
          onClick: (_: unknown, index: number) => {
            const p = series.periods[index];
            if (p) onPick(p, s.name as Movement);
          },
        })}
      />
      <Text size="xs" c="dimmed" mt={4}>
        {t('revenue.clickToDrill')}
      </Text>
    </ChartFrame>
  );
}

/** Churn and retention rates per period, as percentages. */
export function RatesChart({ series }: { series: Series }) {
  const { t } = useTranslation();
  const keys = ['customerChurnRate', 'grossMrrChurnRate', 'netMrrChurnRate', 'nrr', 'grr'] as const;
  const colors = ['red.6', 'orange.6', 'grape.6', 'teal.6', 'blue.6'];
  const data = series.periods.map((p) => ({ period: formatPeriod(p.period), ...Object.fromEntries(keys.map((k) => [k, p[k]])) }));
  return (
    <ChartFrame title={t('revenue.charts.rates')} testId="chart-rates">
      <LineChart
        h={260}
        data={data}
        dataKey="period"
        withDots={data.length <= 24}
        withLegend
        connectNulls
        series={keys.map((k, i) => ({ name: k, label: t(`revenue.figures.${k}`), color: colors[i] ?? 'gray.6' }))}
        valueFormatter={(v) => formatPercent(v)}
        yAxisProps={{ tickFormatter: (v: number) => formatPercent(v, 0) }}
        xAxisProps={xAxisProps(data.length)}
      />
    </ChartFrame>
  );
}

/** ARPA, LTV and CLV per period, and gross margin. */
export function ValueChart({ series }: { series: Series }) {
  const { t } = useTranslation();
  const data = series.periods.map((p) => ({ period: formatPeriod(p.period), arpa: p.arpa, ltv: p.ltv, clv: p.clv }));
  return (
    <ChartFrame title={t('revenue.charts.value')} testId="chart-value">
      <LineChart
        h={260}
        data={data}
        dataKey="period"
        withDots={data.length <= 24}
        withLegend
        connectNulls
        // ARPA is a monthly amount, LTV and CLV lifetimes of it: ARPA on the left axis, the lifetimes on the right.
        withRightYAxis
        series={[
          { name: 'arpa', label: t('revenue.figures.arpa'), color: 'indigo.6' },
          { name: 'ltv', label: t('revenue.figures.ltv'), color: 'teal.6', yAxisId: 'right' },
          { name: 'clv', label: t('revenue.figures.clv'), color: 'grape.6', yAxisId: 'right' },
        ]}
        yAxisProps={{ tickFormatter: (v: number) => formatMoney(v, series.currency, { compact: true }) }}
        rightYAxisProps={{ tickFormatter: (v: number) => formatMoney(v, series.currency, { compact: true }) }}
        xAxisProps={xAxisProps(data.length)}
        valueFormatter={(v) => formatMoney(v, series.currency, { whole: true })}
      />
    </ChartFrame>
  );
}

/** The dashboard's charts; memoised, so they draw again only when the series (or the drill-down handler) changes. */
export const ChartsGrid = memo(function ChartsGrid({
  series,
  onPick,
}: {
  series: Series;
  onPick: (period: PeriodMetrics, type: Movement) => void;
}) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <MrrTrendChart series={series} />
      <MovementsChart series={series} onPick={onPick} />
      {/* The first row is what a 1440×900 screen shows first; the second renders right after it is painted. */}
      <AfterPaint height={330}>
        <RatesChart series={series} />
      </AfterPaint>
      <AfterPaint height={330}>
        <ValueChart series={series} />
      </AfterPaint>
    </SimpleGrid>
  );
});
