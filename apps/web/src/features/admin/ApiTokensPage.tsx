import { Badge, Button, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconBan, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';
import type { ResponseOf } from '../../lib/types.ts';
import { CreateApiTokenModal } from './CreateApiTokenModal.tsx';
import { formatDate, formatDateTime, StatusBadge } from './shared.tsx';

export type ApiToken = ResponseOf<'/api/v1/api-tokens', 'get'>['items'][number];

type TokenStatus = 'active' | 'revoked' | 'expired';
const STATUSES: readonly TokenStatus[] = ['active', 'expired', 'revoked'];

function tokenStatus(token: ApiToken): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return 'expired';
  return 'active';
}

// The secret is never stored, so it is not exported either; the prefix identifies a token.
const CSV_COLUMNS: CsvColumn<ApiToken>[] = [
  ['name', (tk) => tk.name],
  ['prefix', (tk) => tk.prefix],
  ['status', (tk) => tokenStatus(tk)],
  ['scopes', (tk) => tk.scopes],
  ['owner', (tk) => tk.userName],
  ['created_at', (tk) => tk.createdAt],
  ['expires_at', (tk) => tk.expiresAt],
  ['last_used_at', (tk) => tk.lastUsedAt],
  ['revoked_at', (tk) => tk.revokedAt],
  ['id', (tk) => tk.id],
];

/** Administration → API tokens: scoped, expiring, revocable credentials for integrations. */
export function ApiTokensPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const query = useQuery({ queryKey: ['api-tokens'], queryFn: async () => unwrap(await api.GET('/api/v1/api-tokens')).items });
  const controls = useListState<{ status?: TokenStatus }, string>({ sort: 'createdAt', order: 'desc', filters: {} });
  const list = useLocalList(query.data, controls, {
    sortValues: {
      name: (tk) => tk.name,
      user: (tk) => tk.userName,
      createdAt: (tk) => tk.createdAt,
      expiresAt: (tk) => tk.expiresAt,
      lastUsedAt: (tk) => tk.lastUsedAt,
      status: (tk) => STATUSES.indexOf(tokenStatus(tk)),
    },
    searchText: (tk) => `${tk.name} ${tk.prefix} ${tk.userName} ${tk.scopes.join(' ')}`,
    filter: (tk, filters) => !filters.status || tokenStatus(tk) === filters.status,
    language: i18n.language,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
  });

  const revoke = useMutation({
    mutationFn: async (token: ApiToken) => unwrap(await api.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id: token.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['api-tokens'] });
      notifySuccess(t('admin.apiTokens.revoked'));
      setRevoking(null);
    },
    onError: (error) => notifyError(error),
  });

  const columns = useMemo<DataColumn<ApiToken>[]>(
    () => [
      {
        id: 'name',
        header: t('admin.apiTokens.name'),
        enableSorting: true,
        cell: ({ row }) => (
          <div>
            <Text size="sm" fw={500}>
              {row.original.name}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {row.original.prefix}…
            </Text>
          </div>
        ),
      },
      {
        id: 'scopes',
        header: t('admin.apiTokens.scopes'),
        cell: ({ row }) => (
          <Tooltip label={row.original.scopes.join(', ')} multiline w={320}>
            <Badge variant="light" color="gray" tt="none">
              {t('admin.apiTokens.scopeCount', { count: row.original.scopes.length })}
            </Badge>
          </Tooltip>
        ),
      },
      { id: 'user', header: t('admin.apiTokens.owner'), enableSorting: true, cell: ({ row }) => row.original.userName },
      {
        id: 'createdAt',
        enableSorting: true,
        header: t('admin.apiTokens.created'),
        cell: ({ row }) => formatDate(row.original.createdAt),
        meta: { noWrap: true },
      },
      {
        id: 'expiresAt',
        enableSorting: true,
        header: t('admin.apiTokens.expires'),
        cell: ({ row }) => (row.original.expiresAt ? formatDate(row.original.expiresAt) : t('admin.apiTokens.never')),
        meta: { noWrap: true },
      },
      {
        id: 'lastUsedAt',
        enableSorting: true,
        header: t('admin.apiTokens.lastUsed'),
        cell: ({ row }) => formatDateTime(row.original.lastUsedAt),
        meta: { noWrap: true },
      },
      {
        id: 'status',
        header: t('admin.apiTokens.status'),
        enableSorting: true,
        cell: ({ row }) => {
          const status = tokenStatus(row.original);
          return <StatusBadge status={status} label={t(`admin.apiTokens.statuses.${status}`)} />;
        },
      },
      {
        id: 'actions',
        header: '',
        meta: { align: 'right' },
        cell: ({ row }) =>
          tokenStatus(row.original) === 'revoked' ? null : (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconBan size={14} />}
              aria-label={t('admin.apiTokens.revokeToken', { name: row.original.name })}
              onClick={() => setRevoking(row.original)}
            >
              {t('admin.apiTokens.revoke')}
            </Button>
          ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('admin.nav.apiTokens')}
        subtitle={t('admin.apiTokens.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('admin.apiTokens.new')}
          </Button>
        }
      />
      <DataTable
        testId="api-tokens-table"
        columns={columns}
        list={list}
        getRowId={(tk) => tk.id}
        onExport={() => downloadCsv('api-tokens.csv', CSV_COLUMNS, list.all ?? [])}
        emptyMessage={t('admin.apiTokens.empty')}
        search={{ placeholder: t('admin.apiTokens.searchPlaceholder') }}
        filters={
          <SegmentedControl
            aria-label={t('admin.apiTokens.status')}
            data={[
              { value: 'all', label: t('common.all') },
              ...STATUSES.map((st) => ({ value: st, label: t(`admin.apiTokens.statuses.${st}`) })),
            ]}
            value={list.filters.status ?? 'all'}
            onChange={(v) => list.setFilters({ status: v === 'all' ? undefined : (v as TokenStatus) })}
          />
        }
      />
      <CreateApiTokenModal opened={creating} onClose={() => setCreating(false)} />
      <ConfirmModal
        opened={revoking !== null}
        title={t('admin.apiTokens.revokeTitle')}
        message={t('admin.apiTokens.revokeMessage', { name: revoking?.name ?? '' })}
        confirmLabel={t('admin.apiTokens.revoke')}
        loading={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
