import { ActionIcon, Badge, Button, Checkbox, Group, Select, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { type QueryOf, ROLES, type Role, type User } from '../../lib/types.ts';
import { formatDate, formatDateTime, StatusBadge } from './shared.tsx';
import { UserFormModal } from './UserFormModal.tsx';

type UserSort = NonNullable<QueryOf<'/api/v1/users', 'get'>['sort']>;

/** Administration → Users: who can sign in, with which role, and whether they see only their own accounts. */
export function UsersPage() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const canExport = useCan('export:run');
  const controls = useListState<{ role?: Role; showDisabled?: boolean }, UserSort>({ sort: 'name', order: 'asc', filters: {} });
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: ['users', 'list'],
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      role: filters.role,
      includeDisabled: filters.showDisabled ? ('true' as const) : undefined,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/users', { params: { query } })),
  });

  const columns = useMemo<DataColumn<User>[]>(
    () => [
      {
        id: 'name',
        header: t('admin.users.name'),
        enableSorting: true,
        cell: ({ row }) => (
          <Text size="sm" fw={500}>
            {row.original.name}
          </Text>
        ),
      },
      { id: 'email', header: t('admin.users.email'), enableSorting: true, cell: ({ row }) => row.original.email },
      {
        id: 'role',
        header: t('admin.users.role'),
        enableSorting: true,
        cell: ({ row }) => (
          // Wraps rather than cutting the badge short in a narrow column.
          <Group gap={6}>
            <Text size="sm">{t(`roles.${row.original.role}`)}</Text>
            {row.original.ownAccountsOnly ? (
              <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                {t('admin.users.ownAccountsOnlyShort')}
              </Badge>
            ) : null}
          </Group>
        ),
      },
      {
        id: 'language',
        header: t('admin.users.language'),
        cell: ({ row }) => t(`languages.${row.original.language}`),
        meta: { noWrap: true },
      },
      {
        id: 'status',
        header: t('admin.users.status'),
        cell: ({ row }) =>
          row.original.disabled ? (
            <StatusBadge status="disabled" label={t('admin.users.disabled')} />
          ) : (
            <StatusBadge status="active" label={t('admin.users.active')} />
          ),
      },
      {
        id: 'lastLoginAt',
        header: t('admin.users.lastLogin'),
        enableSorting: true,
        cell: ({ row }) => formatDateTime(row.original.lastLoginAt),
        meta: { noWrap: true },
      },
      {
        id: 'createdAt',
        header: t('admin.users.createdAt'),
        enableSorting: true,
        cell: ({ row }) => formatDate(row.original.createdAt),
        meta: { noWrap: true },
      },
      {
        id: 'actions',
        header: '',
        meta: { align: 'right', width: 60 },
        cell: ({ row }) => (
          <Tooltip label={t('common.edit')}>
            <ActionIcon
              variant="subtle"
              aria-label={t('admin.users.editUser', { name: row.original.name })}
              onClick={() => setEditing(row.original)}
            >
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('admin.nav.users')}
        subtitle={t('admin.users.subtitle')}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setEditing('new')}>
            {t('admin.users.invite')}
          </Button>
        }
      />
      <DataTable
        testId="users-table"
        columns={columns}
        list={list}
        getRowId={(u) => u.id}
        exportUrl={canExport ? buildUrl('/api/v1/users/export.csv', list.query) : undefined}
        search={{ placeholder: t('admin.users.searchPlaceholder') }}
        filters={
          <>
            <Select
              w={240}
              placeholder={t('admin.users.allRoles')}
              aria-label={t('admin.users.role')}
              clearable
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={list.filters.role ?? null}
              onChange={(v) => list.setFilters({ role: (v ?? undefined) as Role | undefined })}
            />
            <Checkbox
              mb={8}
              label={t('admin.users.showDisabled')}
              checked={!!list.filters.showDisabled}
              onChange={(e) => list.setFilters({ showDisabled: e.currentTarget.checked || undefined })}
            />
          </>
        }
      />
      <UserFormModal user={editing} onClose={() => setEditing(null)} />
    </>
  );
}
