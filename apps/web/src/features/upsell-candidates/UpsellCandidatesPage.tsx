import { Anchor, Group, Text } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useActiveUsers, useMarkets } from '../../lib/lookups.ts';
import { formatMoney, formatPercent } from '../../lib/money.ts';
import { usePlanOptions } from '../subscriptions/index.ts';
import { upsellCandidateKeys } from './queryKeys.ts';
import { ReasonBadges } from './reasons.tsx';
import { UPSELL_REASONS, type UpsellCandidatesSearch } from './search.ts';
import type { UpsellCandidate } from './types.ts';
import { UpsellSettingsButton } from './UpsellSettings.tsx';

const route = getRouteApi('/app/upsell-candidates');

/**
 * Accounts whose plan limits, tier, growth or missing add-ons suggest an upsell: filter by reason, market,
 * owner and plan, sort by header, page, export as CSV. The list is what the nightly recompute found.
 */
export function UpsellCandidatesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/upsell-candidates' });
  const canExport = useCan('export:run');
  const me = useMe();
  const markets = useMarkets();
  const users = useActiveUsers();
  const plans = usePlanOptions();
  const controls = urlListControls(
    search,
    (changes: Partial<UpsellCandidatesSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    { sort: 'mrrDifference', order: 'desc', filters: {} },
  );
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: upsellCandidateKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      reason: filters.reason,
      marketId: filters.marketId,
      ownerUserId: filters.ownerUserId,
      planId: filters.planId,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/upsell-candidates', { params: { query } })),
  });

  const columns = useMemo<DataColumn<UpsellCandidate>[]>(
    () => [
      {
        id: 'account',
        header: t('upsellCandidate.fields.account'),
        enableSorting: true,
        meta: { sticky: true, noWrap: true },
        cell: ({ row }) => (
          <Anchor
            renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} />}
            size="sm"
            data-testid="candidate-account"
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      {
        id: 'reasons',
        header: t('upsellCandidate.fields.reasons'),
        meta: { width: 220 },
        cell: ({ row }) => <ReasonBadges candidate={row.original} />,
      },
      {
        id: 'plan',
        header: t('upsellCandidate.fields.plan'),
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm">
            {row.original.planName ?? '—'}
            {row.original.nextPlanName ? ` → ${row.original.nextPlanName}` : ''}
          </Text>
        ),
      },
      {
        id: 'mrrDifference',
        header: t('upsellCandidate.fields.mrrDifference'),
        enableSorting: true,
        meta: { noWrap: true, align: 'right' },
        cell: ({ row }) =>
          row.original.mrrDifference !== null && row.original.currency
            ? `+${formatMoney(row.original.mrrDifference, row.original.currency)}`
            : '—',
      },
      {
        id: 'limitPercent',
        header: t('upsellCandidate.fields.limitPercent'),
        enableSorting: true,
        meta: { noWrap: true, align: 'right' },
        cell: ({ row }) => formatPercent(row.original.limitPercent === null ? null : row.original.limitPercent / 100, 0),
      },
      {
        id: 'owner',
        header: t('upsellCandidate.fields.owner'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => row.original.ownerName ?? t('account.noOwner'),
      },
      {
        id: 'market',
        header: t('upsellCandidate.fields.market'),
        meta: { noWrap: true },
        cell: ({ row }) => row.original.marketName ?? '—',
      },
      {
        id: 'since',
        header: t('upsellCandidate.fields.since'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.since)}
          </Text>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader title={t('nav.upsellCandidates')} subtitle={t('upsellCandidate.subtitle')} actions={<UpsellSettingsButton />} />
      <DataTable
        testId="upsell-candidates-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.accountId}
        search={{ placeholder: t('upsellCandidate.searchPlaceholder') }}
        filters={
          <Group gap="xs" wrap="nowrap">
            <FilterMultiSelect
              label={t('upsellCandidate.fields.reasons')}
              data={UPSELL_REASONS.map((r) => ({ value: r, label: t(`upsellCandidate.reason.${r}`) }))}
              value={list.filters.reason}
              onChange={(reason) => list.setFilters({ reason })}
              testId="filter-reason"
            />
            <FilterMultiSelect
              label={t('upsellCandidate.fields.market')}
              data={(markets.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={list.filters.marketId}
              onChange={(marketId) => list.setFilters({ marketId })}
              testId="filter-marketId"
            />
            <FilterMultiSelect
              label={t('upsellCandidate.fields.owner')}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={list.filters.ownerUserId}
              onChange={(ownerUserId) => list.setFilters({ ownerUserId })}
              searchable
              testId="filter-ownerUserId"
            />
            <FilterMultiSelect
              label={t('upsellCandidate.fields.planFilter')}
              data={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={list.filters.planId}
              onChange={(planId) => list.setFilters({ planId })}
              searchable
              testId="filter-planId"
            />
          </Group>
        }
        exportUrl={canExport ? buildUrl('/api/v1/upsell-candidates/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `upsell-candidates.${me.user.id}` }}
        emptyMessage={t('upsellCandidate.empty')}
      />
    </>
  );
}
