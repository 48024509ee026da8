import { Anchor, Group, Select } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { SubscriptionStatusBadge } from './badges.tsx';
import { CURRENCIES } from './StartSubscriptionModal.tsx';
import { SUBSCRIPTION_STATUSES, type Subscription, type SubscriptionSort, type SubscriptionStatus } from './types.ts';

type Filters = { status?: SubscriptionStatus[]; currency?: string };

/** Every subscription of the organisation: filter by status and currency, sort, page, CSV. */
export function SubscriptionsPage() {
  const { t } = useTranslation();
  const canExport = useCan('export:run');
  const controls = useListState<Filters, SubscriptionSort>({ sort: 'mrr', order: 'desc', filters: {} });
  const list = useServerList(controls, {
    queryKey: ['subscriptions', 'list'],
    toQuery: ({ q, filters, sort, order }) => ({ q, status: filters.status, currency: filters.currency, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/subscriptions', { params: { query } })),
  });

  const columns = useMemo<DataColumn<Subscription>[]>(
    () => [
      {
        id: 'reference',
        header: t('subscription.fields.reference'),
        accessorKey: 'reference',
        enableSorting: true,
        meta: { noWrap: true },
      },
      {
        id: 'account',
        header: t('subscription.fields.account'),
        enableSorting: true,
        cell: ({ row }) => (
          <Anchor
            size="sm"
            renderRoot={(props) => (
              <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} search={{ tab: 'subscriptions' }} />
            )}
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      {
        id: 'status',
        header: t('subscription.fields.status'),
        enableSorting: true,
        cell: ({ row }) => <SubscriptionStatusBadge status={row.original.status} />,
      },
      {
        id: 'interval',
        header: t('subscription.fields.interval'),
        cell: ({ row }) => t(`subscription.intervals.${row.original.intervalMonths}`),
      },
      { id: 'currency', header: t('subscription.fields.currency'), accessorKey: 'currency' },
      {
        id: 'mrr',
        header: t('subscription.fields.mrr'),
        enableSorting: true,
        cell: ({ row }) => formatMoney(row.original.mrr, row.original.currency),
        meta: { align: 'right', noWrap: true },
      },
      {
        id: 'arr',
        header: t('subscription.fields.arr'),
        cell: ({ row }) => formatMoney(row.original.arr, row.original.currency),
        meta: { align: 'right', noWrap: true },
      },
      {
        id: 'termStart',
        header: t('subscription.fields.termStart'),
        cell: ({ row }) => formatDate(row.original.termStart),
        meta: { noWrap: true },
      },
      {
        id: 'termEnd',
        header: t('subscription.fields.termEnd'),
        enableSorting: true,
        cell: ({ row }) => formatDate(row.original.endsOn ?? row.original.termEnd),
        meta: { noWrap: true },
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader title={t('nav.subscriptions')} subtitle={t('subscription.listSubtitle')} />
      <DataTable
        testId="subscriptions-table"
        columns={columns}
        list={list}
        getRowId={(s) => s.id}
        exportUrl={canExport ? buildUrl('/api/v1/subscriptions/export.csv', list.query) : undefined}
        emptyMessage={t('subscription.emptyList')}
        search={{ placeholder: t('subscription.searchPlaceholder'), width: 260 }}
        filters={
          <Group gap="xs">
            <FilterMultiSelect
              label={t('subscription.fields.status')}
              data={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: t(`subscription.statuses.${s}`) }))}
              value={list.filters.status}
              onChange={(v) => list.setFilters({ status: v?.length ? v : undefined })}
              testId="filter-status"
            />
            <Select
              placeholder={t('subscription.fields.currency')}
              aria-label={t('subscription.fields.currency')}
              data={CURRENCIES}
              value={list.filters.currency ?? null}
              onChange={(v) => list.setFilters({ currency: v ?? undefined })}
              clearable
              w={130}
            />
          </Group>
        }
      />
    </>
  );
}
