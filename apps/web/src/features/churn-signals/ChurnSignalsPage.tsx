import { Anchor, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { AcknowledgeModal } from './AcknowledgeModal.tsx';
import { ChurnSignalFormModal } from './ChurnSignalFormModal.tsx';
import { churnSignalKeys } from './queryKeys.ts';
import { SignalKindBadge } from './SignalKindBadge.tsx';
import { type ChurnSignalsSearch, SIGNAL_KINDS, SIGNAL_STATUSES, type SignalStatus } from './search.ts';
import { describeSignal } from './signalText.ts';
import type { ChurnSignal } from './types.ts';

const route = getRouteApi('/app/churn-signals');
type Filters = Omit<ChurnSignalsSearch, 'q' | 'page' | 'pageSize' | 'sort' | 'order'>;

/**
 * The organisation's churn signals — downgrades, cancel requests, champions who left, usage drops, red health,
 * detractors, a CSM's worries — newest first: kinds, open or acknowledged, owner, account, dates, search, sort,
 * paging, CSV; a CSM acknowledges one with what was done, or raises one by hand.
 */
export function ChurnSignalsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/churn-signals' });
  const canWrite = useCan('churn_signal:write');
  const canExport = useCan('export:run');
  const me = useMe();
  const users = useActiveUsers();
  const [createOpened, createModal] = useDisclosure();
  const [acknowledging, setAcknowledging] = useState<ChurnSignal | null>(null);
  const controls = urlListControls(
    search,
    (changes: Partial<ChurnSignalsSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    { sort: 'occurredAt', order: 'desc', filters: {} as Filters },
  );
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: churnSignalKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, ...filters, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/churn-signals', { params: { query } })),
  });

  const columns = useMemo<DataColumn<ChurnSignal>[]>(
    () => [
      {
        id: 'occurredAt',
        header: t('churnSignal.fields.occurredAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDate(row.original.occurredAt),
      },
      {
        id: 'account',
        header: t('churnSignal.fields.account'),
        enableSorting: true,
        meta: { noWrap: true, sticky: true },
        cell: ({ row }) => (
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} search={{ tab: 'timeline' }} />
            )}
            size="sm"
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      {
        id: 'kind',
        header: t('churnSignal.fields.kind'),
        enableSorting: true,
        cell: ({ row }) => <SignalKindBadge kind={row.original.kind} />,
      },
      {
        id: 'what',
        header: t('churnSignal.fields.what'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm">{describeSignal(row.original, t)}</Text>
            {row.original.createdByName ? (
              <Text size="xs" c="dimmed">
                {t('churnSignal.raisedBy', { name: row.original.createdByName })}
              </Text>
            ) : null}
          </Stack>
        ),
      },
      { id: 'owner', header: t('churnSignal.fields.owner'), meta: { noWrap: true }, cell: ({ row }) => row.original.ownerName ?? '—' },
      {
        id: 'status',
        header: t('churnSignal.fields.status'),
        cell: ({ row }) =>
          row.original.acknowledgedAt ? (
            <Stack gap={0}>
              <Text size="sm">
                {t('churnSignal.acknowledgedBy', {
                  name: row.original.acknowledgedByName ?? '—',
                  date: formatDateTime(row.original.acknowledgedAt),
                })}
              </Text>
              {row.original.acknowledgeNote ? (
                <Text size="xs" c="dimmed">
                  {row.original.acknowledgeNote}
                </Text>
              ) : null}
            </Stack>
          ) : canWrite ? (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconCheck size={14} />}
              onClick={() => setAcknowledging(row.original)}
              data-testid={`acknowledge-${row.original.id}`}
            >
              {t('churnSignal.acknowledge')}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t('churnSignal.status.open')}
            </Text>
          ),
      },
    ],
    [t, canWrite],
  );

  const f = list.filters;
  return (
    <>
      <PageHeader
        title={t('nav.churnSignals')}
        subtitle={t('churnSignal.subtitle')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="new-churn-signals">
              {t('churnSignal.new')}
            </Button>
          ) : null
        }
      />
      <DataTable
        testId="churn-signals-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('churnSignal.searchPlaceholder') }}
        filters={
          <Group gap="xs" wrap="wrap">
            <SegmentedControl
              size="sm"
              value={f.status ?? 'all'}
              onChange={(v) => list.setFilters({ status: v === 'all' ? undefined : (v as SignalStatus) })}
              data={[
                { value: 'all', label: t('churnSignal.status.all') },
                ...SIGNAL_STATUSES.map((s) => ({ value: s, label: t(`churnSignal.status.${s}`) })),
              ]}
              aria-label={t('churnSignal.fields.status')}
            />
            <FilterMultiSelect
              label={t('churnSignal.fields.kind')}
              data={SIGNAL_KINDS.map((k) => ({ value: k, label: t(`churnSignal.kinds.${k}`) }))}
              value={f.kind}
              width={150}
              onChange={(kind) => list.setFilters({ kind })}
              testId="filter-kind"
            />
            <FilterMultiSelect
              label={t('churnSignal.fields.owner')}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={f.ownerUserId ? [f.ownerUserId] : undefined}
              onChange={(v) => list.setFilters({ ownerUserId: v?.at(-1) })}
              width={150}
              searchable
              testId="filter-owner"
            />
            <AccountSelect
              w={200}
              placeholder={t('churnSignal.fields.account')}
              aria-label={t('churnSignal.fields.account')}
              clearable
              value={f.accountId ?? null}
              onChange={(accountId) => list.setFilters({ accountId: accountId ?? undefined })}
            />
            <DateField
              w={130}
              placeholder={t('churnSignal.fields.from')}
              aria-label={t('churnSignal.fields.from')}
              clearable
              value={f.from ?? null}
              onChange={(v) => list.setFilters({ from: v ?? undefined })}
            />
            <DateField
              w={130}
              placeholder={t('churnSignal.fields.to')}
              aria-label={t('churnSignal.fields.to')}
              clearable
              value={f.to ?? null}
              onChange={(v) => list.setFilters({ to: v ?? undefined })}
            />
          </Group>
        }
        exportUrl={canExport ? buildUrl('/api/v1/churn-signals/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `churn-signals.${me.user.id}` }}
        emptyMessage={t('churnSignal.empty')}
      />
      <ChurnSignalFormModal opened={createOpened} onClose={createModal.close} accountId={f.accountId} />
      <AcknowledgeModal signal={acknowledging} onClose={() => setAcknowledging(null)} />
    </>
  );
}
