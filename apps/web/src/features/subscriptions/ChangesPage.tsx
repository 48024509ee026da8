import { Anchor, Chip, Group, Select, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { ChangeKindBadge } from './badges.tsx';
import { describeChange } from './changeText.ts';
import { exportAllPages } from './exportAll.ts';
import { useCancelReasons } from './lookups.ts';
import { type ChangeKind, KIND_GROUPS, type SubscriptionChange } from './types.ts';

type KindGroup = keyof typeof KIND_GROUPS;
type Filters = { group?: KindGroup; kind?: ChangeKind[]; from?: string | null; to?: string | null; reasonId?: string };
const GROUPS: KindGroup[] = ['up', 'down', 'cancel'];

/**
 * Recent upgrades, downgrades and cancellations with their reasons. Downgrades are a group of their
 * own, apart from cancellations (churn); each row links to its account.
 */
export function ChangesPage() {
  const { t } = useTranslation();
  const reasons = useCancelReasons();
  const controls = useListState<Filters, 'effectiveDate'>({ sort: 'effectiveDate', order: 'desc', filters: {} });
  const list = useServerList(controls, {
    queryKey: ['subscriptions', 'changes'],
    toQuery: ({ filters }) => ({
      kind: filters.kind?.length ? filters.kind : filters.group ? [...KIND_GROUPS[filters.group]] : undefined,
      from: filters.from ?? undefined,
      to: filters.to ?? undefined,
      reasonId: filters.reasonId,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/subscription-changes', { params: { query } })),
  });
  const kinds = list.filters.group ? KIND_GROUPS[list.filters.group] : [];

  const columns = useMemo<DataColumn<SubscriptionChange>[]>(
    () => [
      {
        id: 'effectiveDate',
        header: t('subscription.fields.effectiveDate'),
        cell: ({ row }) => formatDate(row.original.effectiveDate),
        meta: { noWrap: true },
      },
      {
        id: 'account',
        header: t('subscription.fields.account'),
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
      { id: 'kind', header: t('subscription.fields.kind'), cell: ({ row }) => <ChangeKindBadge kind={row.original.kind} /> },
      {
        id: 'what',
        header: t('subscription.fields.what'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm">{describeChange(row.original, t)}</Text>
            {row.original.comment ? (
              <Text size="xs" c="dimmed">
                {row.original.comment}
              </Text>
            ) : null}
          </Stack>
        ),
      },
      { id: 'reason', header: t('subscription.fields.reason'), cell: ({ row }) => row.original.reasonLabel ?? '—' },
      {
        id: 'mrrBefore',
        header: t('subscription.fields.mrrBefore'),
        cell: ({ row }) => formatMoney(row.original.mrrBefore, row.original.currency),
        meta: { align: 'right', noWrap: true },
      },
      {
        id: 'mrrAfter',
        header: t('subscription.fields.mrrAfter'),
        cell: ({ row }) => formatMoney(row.original.mrrAfter, row.original.currency),
        meta: { align: 'right', noWrap: true },
      },
      { id: 'reference', header: t('subscription.fields.reference'), accessorKey: 'subscriptionReference', meta: { noWrap: true } },
    ],
    [t],
  );

  const onExport = () =>
    exportAllPages<SubscriptionChange>(
      'subscription-changes.csv',
      [
        [t('subscription.fields.effectiveDate'), (c) => c.effectiveDate],
        [t('subscription.fields.account'), (c) => c.accountName],
        [t('subscription.fields.kind'), (c) => t(`subscription.kinds.${c.kind}`)],
        [t('subscription.fields.what'), (c) => describeChange(c, t)],
        [t('subscription.fields.reason'), (c) => c.reasonLabel],
        [t('subscription.fields.comment'), (c) => c.comment],
        [t('subscription.fields.currency'), (c) => c.currency],
        [t('subscription.fields.mrrBefore'), (c) => c.mrrBefore],
        [t('subscription.fields.mrrAfter'), (c) => c.mrrAfter],
        [t('subscription.fields.reference'), (c) => c.subscriptionReference],
      ],
      async (page) => unwrap(await api.GET('/api/v1/subscription-changes', { params: { query: { ...list.query, page, pageSize: 200 } } })),
    );

  return (
    <>
      <PageHeader title={t('nav.subscriptionChanges')} subtitle={t('subscription.changesSubtitle')} />
      <DataTable
        testId="changes-table"
        columns={columns}
        list={list}
        getRowId={(c) => c.id}
        onExport={onExport}
        emptyMessage={t('subscription.noChanges')}
        filters={
          <Stack gap="xs">
            <Group gap="xs">
              <Chip.Group
                value={list.filters.group ?? 'all'}
                onChange={(v) => list.setFilters({ group: v === 'all' ? undefined : (v as KindGroup), kind: undefined })}
              >
                <Chip value="all" size="sm" data-testid="group-all">
                  {t('subscription.groups.all')}
                </Chip>
                {GROUPS.map((g) => (
                  <Chip key={g} value={g} size="sm" data-testid={`group-${g}`}>
                    {t(`subscription.groups.${g}`)}
                  </Chip>
                ))}
              </Chip.Group>
              <DateField
                placeholder={t('subscription.from')}
                aria-label={t('subscription.from')}
                value={list.filters.from ?? null}
                onChange={(v) => list.setFilters({ from: v })}
                clearable
                w={150}
              />
              <DateField
                placeholder={t('subscription.to')}
                aria-label={t('subscription.to')}
                value={list.filters.to ?? null}
                onChange={(v) => list.setFilters({ to: v })}
                clearable
                w={150}
              />
              <Select
                placeholder={t('subscription.fields.reason')}
                aria-label={t('subscription.fields.reason')}
                data={(reasons.data ?? []).map((r) => ({ value: r.id, label: r.label }))}
                value={list.filters.reasonId ?? null}
                onChange={(v) => list.setFilters({ reasonId: v ?? undefined })}
                clearable
                w={200}
              />
            </Group>
            {kinds.length ? (
              <Chip.Group
                multiple
                value={list.filters.kind ?? []}
                onChange={(v) => list.setFilters({ kind: v.length ? (v as ChangeKind[]) : undefined })}
              >
                <Group gap={6}>
                  {kinds.map((k) => (
                    <Chip key={k} value={k} size="xs" variant="outline">
                      {t(`subscription.kinds.${k}`)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            ) : null}
          </Stack>
        }
      />
    </>
  );
}
