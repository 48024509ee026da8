import { Badge, Group, SegmentedControl, Text } from '@mantine/core';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { Trend } from './figures.tsx';
import type { AccountAdoption, AccountFeature } from './types.ts';

type Show = 'all' | 'key' | 'unused';
type Sort = 'feature' | 'events' | 'trend' | 'activeDays' | 'users' | 'lastUsed';

const CSV: CsvColumn<AccountFeature>[] = [
  ['feature', (f) => f.event],
  ['key_feature', (f) => (f.isKey ? 'yes' : 'no')],
  ['events_30d', (f) => f.events30d],
  ['trend_percent', (f) => f.trendPercent],
  ['active_days_30d', (f) => f.activeDays30d],
  ['users_per_day_30d', (f) => f.usersPerDay30d],
  ['last_used_on', (f) => f.lastUsedOn],
];

/** An account's features over the last 30 days: search, key or unused ones, sorting, paging and CSV; a click draws one per day. */
export function AccountFeaturesTable({ a, onChoose }: { a: AccountAdoption; onChoose: (event: string) => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const controls = useListState<{ show?: Show }, Sort>({ sort: 'events', order: 'desc', filters: {}, pageSize: 25 });
  const show = controls.filters.show ?? 'all';
  const list = useLocalList(a.features, controls, {
    sortValues: {
      feature: (f) => f.event,
      events: (f) => f.events30d,
      trend: (f) => f.trendPercent,
      activeDays: (f) => f.activeDays30d,
      users: (f) => f.usersPerDay30d,
      lastUsed: (f) => f.lastUsedOn,
    },
    searchText: (f) => f.event,
    filter: (f, filters) => {
      const s = filters.show ?? 'all';
      return s === 'all' || (s === 'key' ? f.isKey : f.events30d === 0);
    },
    language: i18n.language,
    isLoading: false,
    isFetching: false,
  });
  const columns = useMemo<DataColumn<AccountFeature>[]>(
    () => [
      {
        id: 'feature',
        header: t('adoption.feature'),
        enableSorting: true,
        cell: ({ row: { original: f } }) => (
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{f.event}</Text>
            {f.isKey ? (
              <Badge size="xs" variant="light" style={{ flexShrink: 0 }}>
                {t('adoption.keyBadge')}
              </Badge>
            ) : null}
          </Group>
        ),
      },
      {
        id: 'events',
        header: t('adoption.events30d'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatNumber(row.original.events30d),
      },
      {
        id: 'trend',
        header: t('adoption.trend'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => <Trend value={row.original.trendPercent} />,
      },
      {
        id: 'activeDays',
        header: t('adoption.activeDays'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatNumber(row.original.activeDays30d),
      },
      {
        id: 'users',
        header: t('adoption.usersPerDay30d'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatNumber(row.original.usersPerDay30d),
      },
      {
        id: 'lastUsed',
        header: t('adoption.lastUsed'),
        enableSorting: true,
        cell: ({ row: { original: f } }) =>
          f.lastUsedOn ? (
            formatDate(f.lastUsedOn)
          ) : (
            <Text span size="sm" c="dimmed">
              {t('adoption.notUsed')}
            </Text>
          ),
      },
    ],
    [t],
  );
  return (
    <DataTable
      testId="adoption-features"
      columns={columns}
      list={list}
      getRowId={(f) => f.event}
      onRowClick={(f) => onChoose(f.event)}
      onExport={() => downloadCsv('account-features.csv', CSV, list.all ?? [])}
      emptyMessage={t('adoption.noFeatures')}
      search={{ placeholder: t('adoption.searchPlaceholder') }}
      filters={
        <SegmentedControl
          size="xs"
          value={show}
          onChange={(v) => controls.setFilters({ show: v === 'all' ? undefined : (v as Show) })}
          data={(['all', 'key', 'unused'] as const).map((s) => ({ value: s, label: t(`adoption.show.${s}`) }))}
        />
      }
    />
  );
}
