import { Badge, Button, Text, Tooltip } from '@mantine/core';
import { IconBan, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import type { ResponseOf } from '../../lib/types.ts';
import { CreateApiTokenModal } from './CreateApiTokenModal.tsx';
import { formatDate, formatDateTime, pageOf, StatusBadge } from './shared.tsx';

export type ApiToken = ResponseOf<'/api/v1/api-tokens', 'get'>['items'][number];

function tokenStatus(token: ApiToken): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return 'expired';
  return 'active';
}

/** Administration → API tokens: scoped, expiring, revocable credentials for integrations. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const pageSize = 50;
  const query = useQuery({ queryKey: ['api-tokens'], queryFn: async () => unwrap(await api.GET('/api/v1/api-tokens')).items });

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
      { id: 'user', header: t('admin.apiTokens.owner'), cell: ({ row }) => row.original.userName },
      {
        id: 'createdAt',
        header: t('admin.apiTokens.created'),
        cell: ({ row }) => formatDate(row.original.createdAt),
        meta: { noWrap: true },
      },
      {
        id: 'expiresAt',
        header: t('admin.apiTokens.expires'),
        cell: ({ row }) => (row.original.expiresAt ? formatDate(row.original.expiresAt) : t('admin.apiTokens.never')),
        meta: { noWrap: true },
      },
      {
        id: 'lastUsedAt',
        header: t('admin.apiTokens.lastUsed'),
        cell: ({ row }) => formatDateTime(row.original.lastUsedAt),
        meta: { noWrap: true },
      },
      {
        id: 'status',
        header: t('admin.apiTokens.status'),
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
        title={t('nav.apiTokens')}
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
        data={pageOf(query.data, page, pageSize)}
        total={query.data?.length}
        getRowId={(tk) => tk.id}
        isLoading={query.isLoading}
        isFetching={query.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        emptyMessage={t('admin.apiTokens.empty')}
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
