import { LineChart } from '@mantine/charts';
import { Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
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
  const data = useMemo(() => report.trend.map((m) => ({ month: formatPeriod(m.month), score: m.score, n: m.respondents })), [report]);
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
          h={180}
          data={data}
          dataKey="month"
          series={[{ name: 'score', label, color: 'indigo.6' }]}
          valueFormatter={(v) => formatScore(report.kind, v)}
          yAxisProps={{ domain: report.kind === 'nps' ? [-100, 100] : [0, 100] }}
          referenceLines={report.kind === 'nps' ? [{ y: 0, color: 'gray.5' }] : []}
          curveType="linear"
          connectNulls={false}
          lineProps={{ isAnimationActive: false }}
          data-testid="nps-trend"
        />
      </Paper>
      <Paper withBorder p="md">
        <Text fw={600} size="sm" mb="sm">
          {t('survey.report.bySegment')}
        </Text>
        <Table fz="sm" verticalSpacing={4}>
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
                <Table.Td>
                  {s.segment ? t(`account.segment.${s.segment}`, { defaultValue: s.segment }) : t('survey.report.noSegment')}
                </Table.Td>
                <Table.Td ta="right">{s.respondents}</Table.Td>
                <Table.Td ta="right">{formatScore(report.kind, s.score)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </SimpleGrid>
  );
}
