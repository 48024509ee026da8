import { Badge, Button, Group, SegmentedControl, Text } from '@mantine/core';
import { IconBan, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { CreateUsageSourceModal } from './CreateUsageSourceModal.tsx';
import { ImportUsageCsvModal } from './ImportUsageCsvModal.tsx';
import { usageKeys } from './queryKeys.ts';
import type { UsageSource } from './types.ts';

type SourceStatus = 'active' | 'revoked';
const STATUSES: readonly SourceStatus[] = ['active', 'revoked'];
const statusOf = (s: UsageSource): SourceStatus => (s.revokedAt ? 'revoked' : 'active');

/** The key is never stored, so it is not exported either; the hint tells keys apart. */
const CSV_COLUMNS: CsvColumn<UsageSource>[] = [
  ['name', (s) => s.name],
  ['kind', (s) => s.kind],
  ['account_mapping', (s) => (s.accountMapping === 'trait' ? `trait:${s.accountTrait}` : 'groupId')],
  ['key_hint', (s) => s.keyHint],
  ['status', (s) => statusOf(s)],
  ['created_at', (s) => s.createdAt],
  ['last_used_at', (s) => s.lastUsedAt],
  ['revoked_at', (s) => s.revokedAt],
];

/** Administration → Usage sources: each product sending events, its write key (made here, shown once) and how events find accounts. */
export function UsageSourcesPage(): ReactElement {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [revoking, setRevoking] = useState<UsageSource | null>(null);
  const query = useQuery({ queryKey: usageKeys.sources, queryFn: async () => unwrap(await api.GET('/api/v1/usage/sources')).items });
  const controls = useListState<{ status?: SourceStatus }, string>({ sort: 'createdAt', order: 'desc', filters: {} });
  const list = useLocalList(query.data, controls, {
    sortValues: {
      name: (s) => s.name,
      createdAt: (s) => s.createdAt,
      lastUsedAt: (s) => s.lastUsedAt,
      status: (s) => STATUSES.indexOf(statusOf(s)),
    },
    searchText: (s) => `${s.name} ${s.keyHint ?? ''} ${s.accountTrait ?? ''}`,
    filter: (s, filters) => !filters.status || statusOf(s) === filters.status,
    language: i18n.language,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
  });

  const revoke = useMutation({
    mutationFn: async (s: UsageSource) => unwrap(await api.POST('/api/v1/usage/sources/{id}/revoke', { params: { path: { id: s.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usageKeys.sources });
      notifySuccess(t('usage.sources.revoked'));
      setRevoking(null);
    },
    onError: (error) => notifyError(error),
  });

  const columns = useMemo<DataColumn<UsageSource>[]>(
    () => [
      {
        id: 'name',
        header: t('usage.sources.name'),
        enableSorting: true,
        cell: ({ row }) => (
          <div>
            <Text size="sm" fw={500}>
              {row.original.kind === 'native' ? t('usage.sources.native') : row.original.name}
            </Text>
            {row.original.keyHint ? (
              <Text size="xs" c="dimmed" ff="monospace">
                {row.original.keyHint}…
              </Text>
            ) : null}
          </div>
        ),
      },
      {
        id: 'mapping',
        header: t('usage.sources.mapping'),
        cell: ({ row }) =>
          row.original.kind === 'native'
            ? t('usage.sources.mappingNative')
            : row.original.accountMapping === 'trait'
              ? t('usage.sources.mappingTrait', { trait: row.original.accountTrait })
              : t('usage.sources.mappingGroup'),
      },
      {
        id: 'createdAt',
        header: t('usage.sources.created'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDate(row.original.createdAt),
      },
      {
        id: 'lastUsedAt',
        header: t('usage.sources.lastUsed'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (row.original.lastUsedAt ? formatDateTime(row.original.lastUsedAt) : t('usage.sources.never')),
      },
      {
        id: 'status',
        header: t('usage.sources.status'),
        enableSorting: true,
        cell: ({ row }) => (
          <Badge variant="light" color={statusOf(row.original) === 'active' ? 'teal' : 'gray'}>
            {t(`usage.sources.statuses.${statusOf(row.original)}`)}
          </Badge>
        ),
      },
      {
        id: 'actions',
        header: '',
        meta: { align: 'right' },
        cell: ({ row }) =>
          row.original.kind === 'native' || row.original.revokedAt ? null : (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconBan size={14} />}
              aria-label={t('usage.sources.revokeSource', { name: row.original.name })}
              onClick={() => setRevoking(row.original)}
            >
              {t('usage.sources.revoke')}
            </Button>
          ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('nav.usageSources')}
        subtitle={t('usage.sources.subtitle')}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconFileImport size={16} />}
              onClick={() => setImporting(true)}
              data-testid="import-usage-csv"
            >
              {t('usage.csv.button')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-usage-source">
              {t('usage.sources.new')}
            </Button>
          </Group>
        }
      />
      <DataTable
        testId="usage-sources-table"
        columns={columns}
        list={list}
        getRowId={(s) => s.id}
        onExport={() => downloadCsv('usage-sources.csv', CSV_COLUMNS, list.all ?? [])}
        emptyMessage={t('usage.sources.empty')}
        search={{ placeholder: t('usage.sources.searchPlaceholder') }}
        filters={
          <SegmentedControl
            aria-label={t('usage.sources.status')}
            data={[
              { value: 'all', label: t('common.all') },
              ...STATUSES.map((st) => ({ value: st, label: t(`usage.sources.statuses.${st}`) })),
            ]}
            value={list.filters.status ?? 'all'}
            onChange={(v) => list.setFilters({ status: v === 'all' ? undefined : (v as SourceStatus) })}
          />
        }
      />
      <CreateUsageSourceModal opened={creating} onClose={() => setCreating(false)} />
      <ImportUsageCsvModal opened={importing} onClose={() => setImporting(false)} />
      <ConfirmModal
        opened={revoking !== null}
        title={t('usage.sources.revokeTitle')}
        message={t('usage.sources.revokeMessage', { name: revoking?.name ?? '' })}
        confirmLabel={t('usage.sources.revoke')}
        loading={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
