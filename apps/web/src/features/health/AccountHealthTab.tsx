import { LineChart } from '@mantine/charts';
import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { PulsePanel } from './PulsePanel.tsx';
import { healthKeys } from './queryKeys.ts';
import { type AccountHealth, BAND_COLORS, type Band, measureLabel, type ScoredMeasure } from './types.ts';

/** A measure's value as read: numbers in the UI language, yes/no translated, missing as a dash. */
function valueText(t: (k: string) => string, m: ScoredMeasure): string {
  if (m.value === null) return t('health.missing');
  if (typeof m.value === 'boolean') return m.value ? t('health.yes') : t('health.no');
  if (typeof m.value === 'number') return formatNumber(m.value);
  return m.value;
}

export function BandBadge({ band, score }: { band: Band | null; score: number | null }): ReactElement {
  const { t } = useTranslation();
  if (!band || score === null) return <Badge color="gray">{t('health.noScore')}</Badge>;
  return (
    <Badge color={BAND_COLORS[band]} size="lg" data-testid="health-band">
      {formatNumber(Math.round(score))} · {t(`health.band.${band}`)}
    </Badge>
  );
}

/** The account page's Health tab: the score explained measure by measure, what moved it this week, its history and the CSM pulse. */
export function AccountHealthTab({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const health = useQuery({
    queryKey: healthKeys.ofAccount(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/health', { params: { path: { id: accountId } } })),
  });
  const h = health.data;
  if (!h) return <Skeleton h={300} />;
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={4}>{t('health.score')}</Title>
              <BandBadge band={h.band as Band | null} score={h.score} />
              <WeekChange h={h} />
            </Group>
            <Text size="sm" c="dimmed">
              {h.scorecard ? t('health.scoredWith', { name: h.scorecard.name, version: h.scorecard.version }) : null}
              {h.computedAt ? ` · ${t('health.computedAt', { when: formatDateTime(h.computedAt) })}` : null}
            </Text>
          </Stack>
        </Group>
        <Table mt="md" striped data-testid="health-measures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('health.measure')}</Table.Th>
              <Table.Th ta="right">{t('health.value')}</Table.Th>
              <Table.Th ta="right">{t('health.points')}</Table.Th>
              <Table.Th ta="right">{t('health.weight')}</Table.Th>
              <Table.Th ta="right">{t('health.sinceLastWeek')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {h.measures.map((m) => (
              <Table.Tr key={m.source}>
                <Table.Td>
                  <Group gap={6}>
                    {measureLabel(m.label, m.source)}
                    {m.stale ? (
                      <Tooltip label={t('health.staleHelp', { date: formatDate(m.observedOn) })}>
                        <Badge color="orange" variant="light" size="xs" leftSection={<IconAlertTriangle size={10} />}>
                          {t('health.stale')}
                        </Badge>
                      </Tooltip>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td ta="right" c={m.value === null ? 'dimmed' : undefined}>
                  {valueText(t, m)}
                </Table.Td>
                <Table.Td ta="right">{m.points === null ? '—' : formatNumber(Math.round(m.points))}</Table.Td>
                <Table.Td ta="right">{formatNumber(m.weight)}</Table.Td>
                <Table.Td ta="right">{pointsDelta(m)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <HistoryChart h={h} />
        <PulsePanel accountId={accountId} current={h.pulse} />
      </SimpleGrid>
    </Stack>
  );
}

function pointsDelta(m: ScoredMeasure): string {
  if (m.points === null || m.pointsWeekAgo === null) return '—';
  const d = Math.round(m.points - m.pointsWeekAgo);
  return d === 0 ? '0' : `${d > 0 ? '+' : '−'}${formatNumber(Math.abs(d))}`;
}

function WeekChange({ h }: { h: AccountHealth }): ReactElement | null {
  const { t } = useTranslation();
  if (h.score === null || !h.weekAgo || h.weekAgo.score === null) return null;
  const d = Math.round(h.score - h.weekAgo.score);
  if (d === 0) return <Text size="sm">{t('health.unchangedWeek')}</Text>;
  const Icon = d > 0 ? IconArrowUpRight : IconArrowDownRight;
  return (
    <Group gap={2} c={d > 0 ? 'teal' : 'red'}>
      <Icon size={16} />
      <Text size="sm">{t('health.changeWeek', { points: formatNumber(Math.abs(d)) })}</Text>
    </Group>
  );
}

/** The score's history (a year), with a vertical marker where the scorecard got a new version. */
function HistoryChart({ h }: { h: AccountHealth }): ReactElement {
  const { t } = useTranslation();
  const data = h.history.map((p) => ({ day: formatDate(p.day), score: p.score }));
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="sm">
        {t('health.history')}
      </Title>
      {data.length < 2 ? (
        <Text size="sm" c="dimmed">
          {t('health.historyEmpty')}
        </Text>
      ) : (
        <LineChart
          h={220}
          data={data}
          dataKey="day"
          yAxisProps={{ domain: [0, 100] }}
          series={[{ name: 'score', label: t('health.score'), color: 'blue.6' }]}
          referenceLines={h.versionMarkers.map((v) => ({
            x: formatDate(v.day),
            label: t('health.versionMarker', { version: v.version }),
            // Inside the plot, left of the line: a marker on the last days would run past the right edge.
            labelPosition: 'insideTopRight',
            color: 'gray.6',
          }))}
          // A year of daily points: dots would draw a thick band; the tooltip still shows each day.
          withDots={data.length <= 60}
          valueFormatter={(v) => formatNumber(Math.round(v))}
          curveType="linear"
        />
      )}
    </Paper>
  );
}
