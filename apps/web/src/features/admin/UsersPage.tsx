import { ActionIcon, Badge, Button, Checkbox, Group, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable, type SortOrder } from '../../components/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import type { User } from '../../lib/types.ts';
import { formatDate, formatDateTime, StatusBadge } from './shared.tsx';
import { ROLES, type Role, UserFormModal } from './UserFormModal.tsx';

type UserSort = 'name' | 'email' | 'role' | 'lastLoginAt' | 'createdAt';

/** Administration → Users: who can sign in, with which role, and whether they see only their own accounts. */
export function UsersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<Role | null>(null);
  const [showDisabled, setShowDisabled] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [sorting, setSorting] = useState<{ sort: UserSort; order: SortOrder }>({ sort: 'name', order: 'asc' });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const canExport = useCan('export:run');

  // The list and its CSV export share filters and order.
  const filters = {
    q: q || undefined,
    role: role ?? undefined,
    includeDisabled: showDisabled ? ('true' as const) : undefined,
    sort: sorting.sort,
    order: sorting.order,
  };
  const query = useQuery({
    queryKey: ['users', 'list', filters, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { ...filters, page, pageSize } } })),
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
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{t(`roles.${row.original.role}`)}</Text>
            {row.original.ownAccountsOnly ? (
              <Badge size="xs" variant="outline" color="gray">
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

  const resetPage =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <>
      <PageHeader
        title={t('nav.users')}
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
        data={query.data?.items}
        total={query.data?.total}
        getRowId={(u) => u.id}
        isLoading={query.isLoading}
        isFetching={query.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={resetPage(setPageSize)}
        sort={sorting.sort}
        order={sorting.order}
        onSortChange={(sort, order) => resetPage(setSorting)({ sort: sort as UserSort, order })}
        exportUrl={canExport ? buildUrl('/api/v1/users/export.csv', filters) : undefined}
        toolbar={
          <Group gap="sm" align="flex-end">
            <TextInput
              w={260}
              leftSection={<IconSearch size={16} />}
              placeholder={t('admin.users.searchPlaceholder')}
              aria-label={t('common.search')}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
            />
            <Select
              w={240}
              placeholder={t('admin.users.allRoles')}
              aria-label={t('admin.users.role')}
              clearable
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={role}
              onChange={(v) => resetPage(setRole)(v as Role | null)}
            />
            <Checkbox
              mb={8}
              label={t('admin.users.showDisabled')}
              checked={showDisabled}
              onChange={(e) => resetPage(setShowDisabled)(e.currentTarget.checked)}
            />
          </Group>
        }
      />
      <UserFormModal user={editing} onClose={() => setEditing(null)} />
    </>
  );
}
