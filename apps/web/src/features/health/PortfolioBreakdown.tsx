import { BarChart } from '@mantine/charts';
import { Grid, Group, Paper, SegmentedControl, Text } from '@mantine/core';
import i18n from 'i18next';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';
import { formatNumber } from '../../lib/format.ts';
import { pct } from './portfolioFormat.ts';
import type { Portfolio } from './types.ts';

type Dimension = 'owner' | 'segment' | 'market';
interface Row {
  key: string;
  name: string;
  scored: number;
  unhealthy: number;
  unhealthyPct: number | null;
}
type Sort = 'name' | 'scored' | 'unhealthy' | 'unhealthyPct';

const CSV: CsvColumn<Row>[] = [
  ['group', (r) => r.name],
  ['scored', (r) => r.scored],
  ['unhealthy', (r) => r.unhealthy],
  ['unhealthy_pct', (r) => r.unhealthyPct],
];

/** The unhealthy share by CSM, segment or market: a bar per group against the target, and the counts as a table. */
export function PortfolioBreakdown({ p }: { p: Portfolio }): ReactElement {
  const { t } = useTranslation();
  const [dim, setDim] = useState<Dimension>('owner');
  const rows = useMemo<Row[]>(() => {
    const counts = (r: { scored: number; unhealthy: number; unhealthyPct: number | null }) => ({
      scored: r.scored,
      unhealthy: r.unhealthy,
      unhealthyPct: r.unhealthyPct,
    });
    if (dim === 'owner')
      return p.byOwner.map((r) => ({ key: r.ownerUserId ?? '-', name: r.name ?? t('health.portfolio.noOwner'), ...counts(r) }));
    if (dim === 'market')
      return p.byMarket.map((r) => ({ key: r.marketId ?? '-', name: r.name ?? t('health.portfolio.noMarket'), ...counts(r) }));
    return p.bySegment.map((r) => ({
      key: r.segment ?? '-',
      name: r.segment ? t(`account.segment.${r.segment}`) : t('health.portfolio.noSegment'),
      ...counts(r),
    }));
  }, [p, dim, t]);
  const controls = useListState<Record<string, never>, Sort>({ sort: 'unhealthyPct', order: 'desc', filters: {} });
  const list = useLocalList(rows, controls, {
    sortValues: {
      name: (r) => r.name.toLowerCase(),
      scored: (r) => r.scored,
      unhealthy: (r) => r.unhealthy,
      unhealthyPct: (r) => r.unhealthyPct ?? -1,
    },
    searchText: (r) => r.name,
    language: i18n.language,
    isLoading: false,
    isFetching: false,
  });
  const columns = useMemo<DataColumn<Row>[]>(
    () => [
      { id: 'name', header: t(`health.portfolio.by.${dim}`), enableSorting: true, cell: ({ row }) => row.original.name },
      { id: 'scored', header: t('health.portfolio.scored'), enableSorting: true, cell: ({ row }) => formatNumber(row.original.scored) },
      {
        id: 'unhealthy',
        header: t('health.portfolio.unhealthy'),
        enableSorting: true,
        cell: ({ row }) => formatNumber(row.original.unhealthy),
      },
      { id: 'unhealthyPct', header: t('health.portfolio.share'), enableSorting: true, cell: ({ row }) => pct(row.original.unhealthyPct) },
    ],
    [t, dim],
  );
  const chart = useMemo(() => rows.map((r) => ({ group: r.name, share: r.unhealthyPct ?? 0 })), [rows]);
  return (
    <Paper withBorder p="md" data-testid="portfolio-breakdown">
      <Group mb="sm">
        <Text fw={600} size="sm">
          {t('health.portfolio.breakdown')}
        </Text>
        <SegmentedControl
          size="xs"
          value={dim}
          onChange={(v) => setDim(v as Dimension)}
          data={(['owner', 'segment', 'market'] as const).map((d) => ({ value: d, label: t(`health.portfolio.by.${d}`) }))}
          data-testid="breakdown-dimension"
        />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <BarChart
            h={Math.max(180, 40 * chart.length + 40)}
            data={chart}
            dataKey="group"
            orientation="vertical"
            series={[{ name: 'share', label: t('health.portfolio.share'), color: 'red.5' }]}
            referenceLines={[{ x: p.targetPct, label: t('health.portfolio.targetLine'), color: 'teal.7' }]}
            xAxisProps={{ domain: [0, 100] }}
            yAxisProps={{ width: 140 }}
            valueFormatter={(v) => pct(v)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <DataTable
            testId="portfolio-breakdown-table"
            columns={columns}
            list={list}
            getRowId={(r) => r.key}
            search={{ placeholder: t(`health.portfolio.by.${dim}`) }}
            onExport={() => downloadCsv(`unhealthy-by-${dim}.csv`, CSV, list.all ?? [])}
          />
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
