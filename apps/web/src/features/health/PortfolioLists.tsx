import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { type ListControls, useListState, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useActiveUsers, useMarkets } from '../../lib/lookups.ts';
import { formatDecimal } from '../../lib/money.ts';
import { SEGMENTS, type Segment } from '../../lib/types.ts';
import { healthKeys } from './queryKeys.ts';
import { BAND_COLORS, type Band, type LowActivityAccount, type LowActivityReason, type PoorHealthAccount } from './types.ts';

interface Filters {
  ownerUserId?: string;
  segment?: Segment[];
  marketId?: string;
  reason?: LowActivityReason;
}

/** The filters both lists share: owner, segment, market (names, never ids). */
function AccountFilters({ list, extra }: { list: ListControls<Filters, string>; extra?: ReactElement }): ReactElement {
  const { t } = useTranslation();
  const users = useActiveUsers();
  const markets = useMarkets();
  const f = list.filters;
  return (
    <Group gap="xs" wrap="wrap">
      <FilterMultiSelect
        label={t('health.portfolio.fields.owner')}
        data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={f.ownerUserId ? [f.ownerUserId] : undefined}
        onChange={(v) => list.setFilters({ ownerUserId: v?.at(-1) })}
        width={160}
        searchable
        testId="filter-owner"
      />
      <FilterMultiSelect
        label={t('health.portfolio.fields.segment')}
        data={SEGMENTS.map((s) => ({ value: s, label: t(`account.segment.${s}`) }))}
        value={f.segment}
        onChange={(segment) => list.setFilters({ segment })}
        width={150}
        testId="filter-segment"
      />
      <FilterMultiSelect
        label={t('health.portfolio.fields.market')}
        data={(markets.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={f.marketId ? [f.marketId] : undefined}
        onChange={(v) => list.setFilters({ marketId: v?.at(-1) })}
        width={150}
        testId="filter-market"
      />
      {extra}
    </Group>
  );
}

const accountCell = (accountId: string, name: string, tab: string) => (
  <Anchor renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId }} search={{ tab }} />} size="sm">
    {name}
  </Anchor>
);

const commonColumns = (t: (k: string) => string) => [
  {
    id: 'owner',
    header: t('health.portfolio.fields.owner'),
    enableSorting: true,
    meta: { noWrap: true },
    cell: ({ row }: { row: { original: { ownerName: string | null } } }) => row.original.ownerName ?? '—',
  },
  {
    id: 'segment',
    header: t('health.portfolio.fields.segment'),
    cell: ({ row }: { row: { original: { segment: Segment | null } } }) =>
      row.original.segment ? t(`account.segment.${row.original.segment}`) : '—',
  },
  {
    id: 'market',
    header: t('health.portfolio.fields.market'),
    cell: ({ row }: { row: { original: { marketName: string | null } } }) => row.original.marketName ?? '—',
  },
];

/** The customers in poor health today, lowest score first, with their score a week ago. */
export function PoorHealthList(): ReactElement {
  const { t } = useTranslation();
  const me = useMe();
  const canExport = useCan('export:run');
  const controls = useListState<Filters, 'score' | 'account' | 'owner' | 'computedAt'>({ sort: 'score', order: 'asc', filters: {} });
  const list = useServerList(controls, {
    queryKey: healthKeys.poorHealth,
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      ownerUserId: filters.ownerUserId,
      segment: filters.segment,
      marketId: filters.marketId,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/health/portfolio/poor-health', { params: { query } })),
  });
  const columns = useMemo<DataColumn<PoorHealthAccount>[]>(
    () => [
      {
        id: 'account',
        header: t('health.portfolio.fields.account'),
        enableSorting: true,
        meta: { sticky: true, noWrap: true },
        cell: ({ row }) => accountCell(row.original.accountId, row.original.accountName, 'health'),
      },
      {
        id: 'score',
        header: t('health.portfolio.fields.score'),
        enableSorting: true,
        cell: ({ row }) => (
          <Badge color={BAND_COLORS.red} variant="light">
            {formatDecimal(row.original.score, 0)}
          </Badge>
        ),
      },
      {
        id: 'weekAgo',
        header: t('health.portfolio.fields.weekAgo'),
        cell: ({ row }) => formatDecimal(row.original.scoreWeekAgo, 0),
      },
      ...(commonColumns(t) as DataColumn<PoorHealthAccount>[]),
      {
        id: 'computedAt',
        header: t('health.portfolio.fields.computedAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDateTime(row.original.computedAt),
      },
    ],
    [t],
  );
  return (
    <DataTable
      testId="poor-health-table"
      columns={columns}
      list={list}
      getRowId={(r) => r.accountId}
      search={{ placeholder: t('health.portfolio.searchPlaceholder') }}
      filters={<AccountFilters list={list as unknown as ListControls<Filters, string>} />}
      exportUrl={canExport ? buildUrl('/api/v1/health/portfolio/poor-health/export.csv', list.query) : undefined}
      columnSettings={{ storageKey: `portfolio-poor.${me.user.id}` }}
      emptyMessage={t('health.portfolio.poorEmpty')}
    />
  );
}

/** The accounts whose usage stopped or dropped (the churn signals' thresholds), longest silent first. */
export function LowActivityList(): ReactElement {
  const { t } = useTranslation();
  const me = useMe();
  const canExport = useCan('export:run');
  const rule = useQuery({
    queryKey: ['churn-signals', 'settings'],
    queryFn: async () => unwrap(await api.GET('/api/v1/churn-signals/settings')),
  });
  const controls = useListState<Filters, 'lastSeen' | 'account' | 'owner' | 'drop' | 'score'>({
    sort: 'lastSeen',
    order: 'asc',
    filters: {},
  });
  const list = useServerList(controls, {
    queryKey: healthKeys.lowActivity,
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      ownerUserId: filters.ownerUserId,
      segment: filters.segment,
      marketId: filters.marketId,
      reason: filters.reason,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/health/portfolio/low-activity', { params: { query } })),
  });
  const columns = useMemo<DataColumn<LowActivityAccount>[]>(
    () => [
      {
        id: 'account',
        header: t('health.portfolio.fields.account'),
        enableSorting: true,
        meta: { sticky: true, noWrap: true },
        cell: ({ row }) => accountCell(row.original.accountId, row.original.accountName, 'timeline'),
      },
      {
        id: 'reason',
        header: t('health.portfolio.fields.reason'),
        cell: ({ row }) => (
          <Text size="sm">
            {row.original.reason === 'no_login'
              ? t('health.portfolio.reasons.no_login', { days: row.original.idleDays })
              : t('health.portfolio.reasons.usage_drop', { pct: row.original.dropPct ?? 0 })}
          </Text>
        ),
      },
      {
        id: 'lastSeen',
        header: t('health.portfolio.fields.lastSeen'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDate(row.original.lastSeenAt),
      },
      {
        id: 'drop',
        header: t('health.portfolio.fields.events'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => `${formatNumber(row.original.recentEvents)} / ${formatNumber(row.original.previousEvents)}`,
      },
      {
        id: 'score',
        header: t('health.portfolio.fields.health'),
        enableSorting: true,
        cell: ({ row }) =>
          row.original.band ? (
            <Badge color={BAND_COLORS[row.original.band as Band]} variant="light">
              {formatDecimal(row.original.score, 0)}
            </Badge>
          ) : (
            '—'
          ),
      },
      ...(commonColumns(t) as DataColumn<LowActivityAccount>[]),
    ],
    [t],
  );
  const r = rule.data;
  return (
    <Stack gap="xs">
      {r ? (
        <Text size="xs" c="dimmed">
          {t('health.portfolio.lowHelp', { days: r.noLoginDays, pct: r.usageDropPct, window: r.usageWindowDays })}
        </Text>
      ) : null}
      <DataTable
        testId="low-activity-table"
        columns={columns}
        list={list}
        getRowId={(row) => row.accountId}
        search={{ placeholder: t('health.portfolio.searchPlaceholder') }}
        filters={
          <AccountFilters
            list={list as unknown as ListControls<Filters, string>}
            extra={
              <FilterMultiSelect
                label={t('health.portfolio.fields.reason')}
                data={(['no_login', 'usage_drop'] as const).map((k) => ({ value: k, label: t(`health.portfolio.reasonFilter.${k}`) }))}
                value={list.filters.reason ? [list.filters.reason] : undefined}
                onChange={(v) => list.setFilters({ reason: v?.at(-1) })}
                width={150}
                testId="filter-reason"
              />
            }
          />
        }
        exportUrl={canExport ? buildUrl('/api/v1/health/portfolio/low-activity/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `portfolio-low.${me.user.id}` }}
        emptyMessage={t('health.portfolio.lowEmpty')}
      />
    </Stack>
  );
}
