import { Anchor, Badge, CloseButton, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatMoney, formatPercent } from '../../lib/money.ts';
import { StatusBadge } from './QuoteBadges.tsx';
import { quoteKeys } from './queryKeys.ts';
import { QUOTE_KINDS, QUOTE_STATUSES, type QuotesSearch } from './search.ts';
import type { QuoteSummary } from './types.ts';

const route = getRouteApi('/app/quotes');
type Filters = Omit<QuotesSearch, 'q' | 'page' | 'pageSize' | 'sort' | 'order'>;

/** Every quote (search, status, kind, account, sort, paging, CSV); "Awaiting approval" is the directors' list. */
export function QuotesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/quotes' });
  const canExport = useCan('export:run');
  const canApprove = useCan('quote:approve');
  const me = useMe();
  const setSearch = useCallback((changes: Partial<QuotesSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }), [navigate]);
  const controls = urlListControls(search, setSearch, { sort: 'createdAt', order: 'desc', filters: {} as Filters });
  const f = controls.filters;
  const list = useServerList(controls, {
    queryKey: quoteKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      status: filters.status,
      kind: filters.kind,
      accountId: filters.accountId,
      renewalId: filters.renewalId,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/quotes', { params: { query } })),
  });
  const approvals = f.status?.length === 1 && f.status[0] === 'pending_approval';
  const columns = useMemo<DataColumn<QuoteSummary>[]>(
    () => [
      {
        id: 'number',
        header: t('quote.fields.reference'),
        enableSorting: true,
        meta: { sticky: true, noWrap: true },
        cell: ({ row }) => (
          <Anchor renderRoot={(p) => <Link {...p} to="/quotes/$quoteId" params={{ quoteId: row.original.id }} />} size="sm" fw={500}>
            {row.original.reference}
          </Anchor>
        ),
      },
      {
        id: 'account',
        header: t('quote.fields.account'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Anchor renderRoot={(p) => <Link {...p} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} />} size="sm">
            {row.original.accountName}
          </Anchor>
        ),
      },
      { id: 'kind', header: t('quote.fields.kind'), meta: { noWrap: true }, cell: ({ row }) => t(`quote.kinds.${row.original.kind}`) },
      {
        id: 'status',
        header: t('quote.fields.status'),
        enableSorting: true,
        cell: ({ row }) => <StatusBadge status={row.original.status} />,
      },
      {
        id: 'totalCents',
        header: t('quote.fields.total'),
        enableSorting: true,
        meta: { noWrap: true, align: 'right' },
        cell: ({ row }) => formatMoney(row.original.totalCents / 100, row.original.currency),
      },
      {
        id: 'discount',
        header: t('quote.fields.discount'),
        meta: { noWrap: true, align: 'right' },
        cell: ({ row }) => formatPercent(row.original.discountPercent / 100, 2),
      },
      {
        id: 'approval',
        header: t('quote.fields.approval'),
        cell: ({ row }) =>
          row.original.approvalReasons.length ? (
            <Text size="xs">{row.original.approvalReasons.map((r) => t(`quote.reasons.${r}`)).join(', ')}</Text>
          ) : (
            t('common.empty')
          ),
      },
      {
        id: 'contact',
        header: t('quote.fields.contact'),
        meta: { noWrap: true },
        cell: ({ row }) => row.original.contactName ?? t('common.empty'),
      },
      {
        id: 'validUntil',
        header: t('quote.fields.validUntil'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDate(row.original.validUntil),
      },
      {
        id: 'createdBy',
        header: t('quote.fields.createdBy'),
        meta: { noWrap: true },
        cell: ({ row }) => row.original.createdByName ?? t('common.empty'),
      },
      {
        id: 'createdAt',
        header: t('quote.fields.createdAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDate(row.original.createdAt),
      },
    ],
    [t],
  );
  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.quotes')}
        subtitle={t('quote.subtitle')}
        actions={
          <SegmentedControl
            value={approvals ? 'approvals' : 'all'}
            onChange={(v) => controls.setFilters({ status: v === 'approvals' ? ['pending_approval'] : undefined })}
            data={[
              { value: 'all', label: t('quote.views.all') },
              { value: 'approvals', label: canApprove ? t('quote.views.approvals') : t('quote.views.waiting') },
            ]}
            data-testid="quotes-view"
          />
        }
      />
      <DataTable
        testId="quotes-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('quote.searchPlaceholder') }}
        filters={
          <Group gap="xs" wrap="wrap">
            <FilterMultiSelect
              label={t('quote.fields.status')}
              data={QUOTE_STATUSES.map((s) => ({ value: s, label: t(`quote.statuses.${s}`) }))}
              value={f.status}
              width={170}
              onChange={(status) => controls.setFilters({ status })}
              testId="filter-quote-status"
            />
            <SegmentedControl
              size="sm"
              value={f.kind ?? 'any'}
              onChange={(v) => controls.setFilters({ kind: v === 'any' ? undefined : (v as Filters['kind']) })}
              data={[
                { value: 'any', label: t('quote.kinds.any') },
                ...QUOTE_KINDS.map((k) => ({ value: k, label: t(`quote.kinds.${k}`) })),
              ]}
              aria-label={t('quote.fields.kind')}
            />
            <AccountSelect
              w={200}
              placeholder={t('quote.fields.account')}
              aria-label={t('quote.fields.account')}
              clearable
              value={f.accountId ?? null}
              onChange={(accountId) => controls.setFilters({ accountId: accountId ?? undefined })}
            />
            {f.renewalId ? (
              <Badge
                size="lg"
                variant="light"
                tt="none"
                data-testid="filter-quote-renewal"
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={t('quote.allRenewals')}
                    onClick={() => controls.setFilters({ renewalId: undefined })}
                  />
                }
              >
                {t('quote.oneRenewal')}
              </Badge>
            ) : null}
          </Group>
        }
        exportUrl={canExport ? buildUrl('/api/v1/quotes/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `quotes.${me.user.id}` }}
        emptyMessage={approvals ? t('quote.emptyApprovals') : t('quote.empty')}
      />
    </Stack>
  );
}
