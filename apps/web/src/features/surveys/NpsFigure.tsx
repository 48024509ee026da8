import { BarChart, LineChart } from '@mantine/charts';
import { Group, Paper, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { formatDecimal, formatPercent, formatPeriod } from '../../lib/money.ts';
import type { ScoreReport } from './types.ts';

type Tally = ScoreReport['overall'];

/** The figure as it reads: NPS with its sign (+25, −36), CSAT as a percentage. */
export function formatScore(kind: ScoreReport['kind'], score: number | null): string {
  if (score === null) return '—';
  return kind === 'nps' ? `${score > 0 ? '+' : score < 0 ? '−' : ''}${formatDecimal(Math.abs(score), 1)}` : formatPercent(score / 100, 1);
}

/** Promoters, passives and detractors as one bar, with their counts. */
function Split({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  const share = (n: number) => (tally.respondents ? (n / tally.respondents) * 100 : 0);
  return (
    <Stack gap={4}>
      <Progress.Root size="lg">
        <Progress.Section value={share(tally.promoters)} color="teal" />
        <Progress.Section value={share(tally.passives)} color="yellow" />
        <Progress.Section value={share(tally.detractors)} color="red" />
      </Progress.Root>
      <Group gap="md">
        {(['promoters', 'passives', 'detractors'] as const).map((k) => (
          <Text key={k} size="xs" c="dimmed">
            {t(`survey.report.${k}`)}: {tally[k]}
          </Text>
        ))}
      </Group>
    </Stack>
  );
}

/** The survey's figure over the range, its monthly trend as a line, and the figure per account segment. */
export function NpsFigure({ report }: { report: ScoreReport }) {
  const { t } = useTranslation();
  const data = useMemo(
    () => report.trend.map((m) => ({ month: formatPeriod(m.month), trailing: m.trailing.score, score: m.score })),
    [report],
  );
  const label = t(`survey.report.score.${report.kind}`);
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} data-testid="nps-figure">
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Title order={2} data-testid="nps-score">
          {formatScore(report.kind, report.overall.score)}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('survey.report.respondents', { count: report.overall.respondents })}
        </Text>
        <Split tally={report.overall} />
      </Paper>
      <Paper withBorder p="md">
        <Text fw={600} size="sm" mb="sm">
          {t('survey.report.trend')}
        </Text>
        <LineChart
          h={200}
          data={data}
          dataKey="month"
          series={[
            { name: 'trailing', label: t('survey.report.trailing'), color: 'indigo.6' },
            { name: 'score', label: t('survey.report.monthAlone'), color: 'gray.5', strokeDasharray: '4 4' },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          valueFormatter={(v) => formatScore(report.kind, v)}
          yAxisProps={{ domain: report.kind === 'nps' ? [-100, 100] : [0, 100] }}
          referenceLines={report.kind === 'nps' ? [{ y: 0, color: 'gray.5' }] : []}
          curveType="linear"
          connectNulls={false}
          lineProps={{ isAnimationActive: false }}
          data-testid="nps-trend"
        />
      </Paper>
      <BySegment report={report} label={label} />
    </SimpleGrid>
  );
}

/** The figure per account segment as bars to compare, with the table of figures behind a toggle. */
function BySegment({ report, label }: { report: ScoreReport; label: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const segmentName = useCallback(
    (segment: string | null) => (segment ? t(`account.segment.${segment}`, { defaultValue: segment }) : t('survey.report.noSegment')),
    [t],
  );
  const data = useMemo(
    () => report.bySegment.map((s) => ({ segment: segmentName(s.segment), score: s.score, respondents: s.respondents })),
    [report.bySegment, segmentName],
  );
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Text fw={600} size="sm">
          {t('survey.report.bySegment')}
        </Text>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          data={[
            { value: 'chart', label: t('survey.report.asChart') },
            { value: 'table', label: t('survey.report.asTable') },
          ]}
          data-testid="nps-segment-view"
        />
      </Group>
      {view === 'chart' ? (
        <BarChart
          h={Math.max(120, data.length * 44)}
          data={data}
          dataKey="segment"
          orientation="vertical"
          series={[{ name: 'score', label, color: 'indigo.6' }]}
          valueFormatter={(v) => formatScore(report.kind, v)}
          xAxisProps={{ domain: report.kind === 'nps' ? [-100, 100] : [0, 100] }}
          yAxisProps={{ width: 110 }}
          referenceLines={report.kind === 'nps' ? [{ x: 0, color: 'gray.5' }] : []}
          withBarValueLabel
          valueLabelProps={{ formatter: (v: unknown) => (typeof v === 'number' ? formatScore(report.kind, v) : '') }}
          barProps={{ isAnimationActive: false }}
          // Room for the value at the end of a full bar.
          barChartProps={{ margin: { right: 48 } }}
          data-testid="nps-by-segment-chart"
        />
      ) : (
        <Table fz="sm" verticalSpacing={4} data-testid="nps-by-segment-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('survey.report.segment')}</Table.Th>
              <Table.Th ta="right">{t('survey.report.n')}</Table.Th>
              <Table.Th ta="right">{label}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.bySegment.map((s) => (
              <Table.Tr key={s.segment ?? ''}>
                <Table.Td>{segmentName(s.segment)}</Table.Td>
                <Table.Td ta="right">{formatNumber(s.respondents)}</Table.Td>
                <Table.Td ta="right">{formatScore(report.kind, s.score)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
