import { Anchor, Chip, Group, Select, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import { ChangeKindBadge } from './badges.tsx';
import { describeChange } from './changeText.ts';
import { useCancelReasons } from './lookups.ts';
import { type ChangeKind, type ChangeSort, KIND_GROUPS, type SubscriptionChange } from './types.ts';

type KindGroup = keyof typeof KIND_GROUPS;
type Filters = { group?: KindGroup; kind?: ChangeKind[]; from?: string | null; to?: string | null; reasonId?: string };
const GROUPS: KindGroup[] = ['up', 'down', 'cancel'];

/**
 * Recent upgrades, downgrades and cancellations with their reasons. Downgrades are a group of their
 * own, apart from cancellations (churn); each row links to its account.
 */
/** The change's effect on MRR, signed and coloured: green up, red down, dimmed when nothing moved. */
function MrrDelta({ change }: { change: SubscriptionChange }) {
  const delta = Math.round((change.mrrAfter - change.mrrBefore) * 100) / 100;
  const text = formatMoney(Math.abs(delta), change.currency);
  return (
    <Text size="sm" c={delta > 0 ? 'teal.8' : delta < 0 ? 'red.8' : 'dimmed'}>
      {delta > 0 ? `+${text}` : delta < 0 ? `−${text}` : text}
    </Text>
  );
}

export function ChangesPage() {
  const { t } = useTranslation();
  const reasons = useCancelReasons();
  const canExport = useCan('export:run');
  const controls = useListState<Filters, ChangeSort>({ sort: 'effectiveDate', order: 'desc', filters: {} });
  const list = useServerList(controls, {
    queryKey: ['subscriptions', 'changes'],
    toQuery: ({ q, sort, order, filters }) => ({
      q,
      sort,
      order,
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
        enableSorting: true,
        header: t('subscription.fields.effectiveDate'),
        cell: ({ row }) => formatDate(row.original.effectiveDate),
        meta: { noWrap: true },
      },
      {
        id: 'account',
        enableSorting: true,
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
      {
        id: 'kind',
        enableSorting: true,
        header: t('subscription.fields.kind'),
        cell: ({ row }) => <ChangeKindBadge kind={row.original.kind} />,
      },
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
      { id: 'reason', enableSorting: true, header: t('subscription.fields.reason'), cell: ({ row }) => row.original.reasonLabel ?? '—' },
      {
        id: 'mrrBefore',
        enableSorting: true,
        header: t('subscription.fields.mrrBefore'),
        cell: ({ row }) => formatMoney(row.original.mrrBefore, row.original.currency),
        meta: { align: 'right', noWrap: true },
      },
      {
        id: 'mrrAfter',
        enableSorting: true,
        header: t('subscription.fields.mrrAfter'),
        cell: ({ row }) => formatMoney(row.original.mrrAfter, row.original.currency),
        meta: { align: 'right', noWrap: true },
      },
      {
        id: 'mrrChange',
        enableSorting: true,
        header: t('subscription.fields.mrrChange'),
        cell: ({ row }) => <MrrDelta change={row.original} />,
        meta: { align: 'right', noWrap: true },
      },
      {
        id: 'reference',
        enableSorting: true,
        header: t('subscription.fields.reference'),
        accessorKey: 'subscriptionReference',
        meta: { noWrap: true },
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader title={t('nav.subscriptionChanges')} subtitle={t('subscription.changesSubtitle')} />
      <DataTable
        testId="changes-table"
        columns={columns}
        list={list}
        getRowId={(c) => c.id}
        exportUrl={canExport ? buildUrl('/api/v1/subscription-changes/export.csv', list.query) : undefined}
        search={{ placeholder: t('subscription.changesSearchPlaceholder'), width: 260 }}
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
