import { Anchor, Badge, Group, Progress, Select, Text } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { formatPercent } from '../../lib/money.ts';
import { successPlanKeys } from './queryKeys.ts';
import { NO_SHRINK, OBJECTIVE_METRICS, OBJECTIVE_STATUSES, type ObjectivesSearch, STATUS_COLORS } from './search.ts';
import type { ObjectiveListItem, ObjectiveMetric, ObjectiveStatus } from './types.ts';

const route = getRouteApi('/app/success-plans');

/** The success-plan objectives across accounts: search, account, status and metric, sort by header, paging, CSV export. */
export function SuccessPlansPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/success-plans' });
  const canExport = useCan('export:run');
  const me = useMe();
  const controls = urlListControls(
    search,
    (changes: Partial<ObjectivesSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    { sort: 'dueOn', order: 'asc', filters: {} },
  );
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: successPlanKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      accountId: filters.accountId,
      status: filters.status,
      metric: filters.metric,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/success-objectives', { params: { query } })),
  });

  const columns = useMemo<DataColumn<ObjectiveListItem>[]>(
    () => [
      {
        id: 'title',
        header: t('successPlan.fields.title'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => row.original.title,
      },
      {
        id: 'account',
        header: t('successPlan.fields.account'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} search={{ tab: 'success-plan' }} />
            )}
            size="sm"
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      {
        id: 'metric',
        header: t('successPlan.fields.metric'),
        meta: { noWrap: true },
        cell: ({ row }) => t(`successPlan.metric.${row.original.metric}`),
      },
      {
        id: 'percentAchieved',
        header: t('successPlan.fields.percentAchieved'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Group gap="xs" wrap="nowrap" miw={150}>
            <Progress
              value={Math.max(0, Math.min(100, row.original.percentAchieved))}
              color={row.original.percentAchieved >= 100 ? 'teal' : 'blue'}
              style={{ flex: 1 }}
            />
            <Text size="sm" w={48} ta="right">
              {formatPercent(row.original.percentAchieved / 100, 0)}
            </Text>
          </Group>
        ),
      },
      {
        id: 'progress',
        header: t('successPlan.fields.progress'),
        meta: { noWrap: true },
        cell: ({ row }) => `${formatNumber(row.original.current)} / ${formatNumber(row.original.target)} ${row.original.unit}`,
      },
      {
        id: 'status',
        header: t('successPlan.fields.status'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Badge color={STATUS_COLORS[row.original.status]} variant="light" styles={NO_SHRINK}>
            {t(`successPlan.status.${row.original.status}`)}
          </Badge>
        ),
      },
      {
        id: 'dueOn',
        header: t('successPlan.fields.dueOn'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (row.original.dueOn ? formatDate(row.original.dueOn) : t('common.empty')),
      },
      { id: 'owner', header: t('successPlan.fields.owner'), cell: ({ row }) => row.original.ownerName ?? t('common.empty') },
      {
        id: 'updatedAt',
        header: t('successPlan.fields.updatedAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.updatedAt)}
          </Text>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader title={t('nav.successPlans')} />
      <DataTable
        testId="success-objectives-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('successPlan.searchPlaceholder') }}
        filters={
          <>
            <AccountSelect
              w={240}
              placeholder={t('successPlan.fields.account')}
              aria-label={t('successPlan.fields.account')}
              clearable
              value={list.filters.accountId ?? null}
              onChange={(accountId) => list.setFilters({ accountId: accountId ?? undefined })}
            />
            <Select
              w={160}
              placeholder={t('successPlan.fields.status')}
              aria-label={t('successPlan.fields.status')}
              clearable
              data={OBJECTIVE_STATUSES.map((s) => ({ value: s, label: t(`successPlan.status.${s}`) }))}
              value={list.filters.status ?? null}
              onChange={(v) => list.setFilters({ status: (v as ObjectiveStatus | null) ?? undefined })}
            />
            <Select
              w={160}
              placeholder={t('successPlan.fields.metric')}
              aria-label={t('successPlan.fields.metric')}
              clearable
              data={OBJECTIVE_METRICS.map((m) => ({ value: m, label: t(`successPlan.metric.${m}`) }))}
              value={list.filters.metric ?? null}
              onChange={(v) => list.setFilters({ metric: (v as ObjectiveMetric | null) ?? undefined })}
            />
          </>
        }
        exportUrl={canExport ? buildUrl('/api/v1/success-objectives/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `success-objectives.${me.user.id}` }}
        emptyMessage={t('successPlan.empty')}
      />
    </>
  );
}
