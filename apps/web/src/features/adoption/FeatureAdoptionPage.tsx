import { BarChart } from '@mantine/charts';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useActiveUsers, useMarkets } from '../../lib/lookups.ts';
import { SEGMENTS, type Segment } from '../../lib/types.ts';
import { usePlanOptions } from '../subscriptions/index.ts';
import { pct, Trend } from './figures.tsx';
import { adoptionKeys } from './queryKeys.ts';
import type { FeatureAdoption } from './types.ts';

interface Filters {
  planId?: string[];
  segment?: Segment[];
  marketId?: string[];
  ownerUserId?: string[];
}
type Sort = 'event' | 'accounts' | 'share' | 'events' | 'users' | 'trend';

/**
 * Feature adoption across accounts, for product and customer success together: per feature (event name) how many of
 * the accounts the filters keep used it in the last 30 days, how much, and the trend; a chart of the shares.
 */
export function FeatureAdoptionPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const canExport = useCan('export:run');
  const markets = useMarkets();
  const users = useActiveUsers();
  const plans = usePlanOptions();
  const controls = useListState<Filters, Sort>({ sort: 'accounts', order: 'desc', filters: {} });
  const query = controls.filters;
  const features = useQuery({
    queryKey: adoptionKeys.features(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/usage/adoption/features', { params: { query } })),
  });
  const list = useLocalList(features.data?.items, controls, {
    sortValues: {
      event: (f) => f.event,
      accounts: (f) => f.accounts,
      share: (f) => f.sharePercent,
      events: (f) => f.events30d,
      users: (f) => f.usersPerDay30d,
      trend: (f) => f.trendPercent,
    },
    searchText: (f) => f.event,
    language: i18n.language,
    isLoading: features.isLoading,
    isFetching: features.isFetching,
  });
  const chart = useMemo(
    () =>
      [...(features.data?.items ?? [])]
        .sort((a, b) => b.sharePercent - a.sharePercent)
        .slice(0, 12)
        .map((f) => ({ feature: f.event, share: f.sharePercent })),
    [features.data],
  );

  const columns = useMemo<DataColumn<FeatureAdoption>[]>(
    () => [
      {
        id: 'event',
        header: t('adoption.feature'),
        enableSorting: true,
        meta: { sticky: true, noWrap: true },
        cell: ({ row }) => (
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{row.original.event}</Text>
            {row.original.isKey ? (
              <Badge size="xs" variant="light" style={{ flexShrink: 0 }}>
                {t('adoption.keyBadge')}
              </Badge>
            ) : null}
          </Group>
        ),
      },
      {
        id: 'accounts',
        header: t('adoption.accountsUsing'),
        enableSorting: true,
        meta: { align: 'right', noWrap: true },
        cell: ({ row }) => formatNumber(row.original.accounts),
      },
      {
        id: 'share',
        header: t('adoption.shareOfAccounts'),
        enableSorting: true,
        meta: { align: 'right', noWrap: true },
        cell: ({ row }) => pct(row.original.sharePercent, 1),
      },
      {
        id: 'events',
        header: t('adoption.events30d'),
        enableSorting: true,
        meta: { align: 'right', noWrap: true },
        cell: ({ row }) => formatNumber(row.original.events30d),
      },
      {
        id: 'users',
        header: t('adoption.usersPerDay30d'),
        enableSorting: true,
        meta: { align: 'right', noWrap: true },
        cell: ({ row }) => formatNumber(row.original.usersPerDay30d),
      },
      {
        id: 'trend',
        header: t('adoption.trend'),
        enableSorting: true,
        meta: { align: 'right', noWrap: true },
        cell: ({ row }) => <Trend value={row.original.trendPercent} />,
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader title={t('nav.adoption')} subtitle={t('adoption.subtitle')} />
      <Stack gap="md">
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={5}>{t('adoption.shareChart')}</Title>
            {features.data ? (
              <Text size="sm" c="dimmed">
                {t('adoption.ofAccounts', { count: features.data.accounts, date: formatDate(features.data.asOf) })}
              </Text>
            ) : null}
          </Group>
          {chart.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('adoption.noFeatures')}
            </Text>
          ) : (
            <BarChart
              h={Math.max(140, chart.length * 30)}
              data={chart}
              dataKey="feature"
              orientation="vertical"
              yAxisProps={{ width: 180 }}
              xAxisProps={{ domain: [0, 100] }}
              series={[{ name: 'share', label: t('adoption.shareOfAccounts'), color: 'blue.6' }]}
              valueFormatter={(v) => pct(v, 1)}
              data-testid="feature-share-chart"
            />
          )}
        </Paper>
        <DataTable
          testId="feature-adoption-table"
          columns={columns}
          list={list}
          getRowId={(f) => f.event}
          search={{ placeholder: t('adoption.searchPlaceholder') }}
          filters={
            <Group gap="xs" wrap="nowrap">
              <FilterMultiSelect
                label={t('adoption.plan')}
                data={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={list.filters.planId}
                onChange={(planId) => list.setFilters({ planId })}
                searchable
                testId="filter-planId"
              />
              <FilterMultiSelect
                label={t('adoption.segment')}
                data={SEGMENTS.map((s) => ({ value: s, label: t(`account.segment.${s}`) }))}
                value={list.filters.segment}
                onChange={(segment) => list.setFilters({ segment: segment as Segment[] | undefined })}
                testId="filter-segment"
              />
              <FilterMultiSelect
                label={t('adoption.market')}
                data={(markets.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
                value={list.filters.marketId}
                onChange={(marketId) => list.setFilters({ marketId })}
                testId="filter-marketId"
              />
              <FilterMultiSelect
                label={t('adoption.owner')}
                data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                value={list.filters.ownerUserId}
                onChange={(ownerUserId) => list.setFilters({ ownerUserId })}
                searchable
                testId="filter-ownerUserId"
              />
            </Group>
          }
          exportUrl={canExport ? buildUrl('/api/v1/usage/adoption/features/export.csv', { ...query }) : undefined}
          columnSettings={{ storageKey: `feature-adoption.${me.user.id}` }}
          emptyMessage={t('adoption.noFeatures')}
        />
      </Stack>
    </>
  );
}
