import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { defaultHiddenColumns } from '../../components/ColumnChooser.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatCustomValue, formatDate, formatNumber } from '../../lib/format.ts';
import { useCustomFields } from '../../lib/lookups.ts';
import type { Account } from '../../lib/types.ts';
import { ImportFilterNotice } from '../imports/index.ts';
import { AccountFilters } from './AccountFilters.tsx';
import { AccountFormModal } from './AccountFormModal.tsx';
import { LifecycleBadge, TagList } from './badges.tsx';
import { accountKeys } from './queryKeys.ts';
import type { AccountsSearch } from './search.ts';
import type { AccountQuery } from './types.ts';

const route = getRouteApi('/app/accounts');
/** Custom fields shown before the user picks columns: the first few the admin marked "show in lists". */
const OPTIONAL_COLUMNS = ['domain', 'externalId', 'createdAt'];

export function AccountsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/accounts' });
  const canWrite = useCan('account:write');
  const canExport = useCan('export:run');
  const [createOpened, createModal] = useDisclosure();
  const customFields = useCustomFields('account');
  const me = useMe();

  const controls = urlListControls(
    search,
    (changes: Partial<AccountsSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    { sort: 'name', order: 'asc', filters: {} },
  );
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: accountKeys.list,
    toQuery: ({ q, filters, sort, order }): AccountQuery => ({ q, ...filters, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/accounts', { params: { query } })),
  });

  const listFields = customFields.data;
  const defaultHidden = useMemo(() => defaultHiddenColumns(OPTIONAL_COLUMNS, listFields), [listFields]);

  const columns = useMemo<DataColumn<Account>[]>(
    () => [
      {
        id: 'name',
        header: t('account.fields.name'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => (
          <Group gap={6} wrap="nowrap">
            <Anchor
              renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.id }} />}
              fw={500}
              size="sm"
              onClick={(e) => e.stopPropagation()}
            >
              {row.original.name}
            </Anchor>
            {row.original.archivedAt ? (
              <Badge size="xs" color="gray" variant="outline">
                {t('account.archived')}
              </Badge>
            ) : null}
          </Group>
        ),
      },
      {
        id: 'domain',
        header: t('account.fields.domain'),
        meta: { noWrap: true },
        cell: ({ row }) => row.original.domain ?? '—',
      },
      {
        id: 'externalId',
        header: t('account.fields.externalId'),
        meta: { noWrap: true },
        cell: ({ row }) => row.original.externalId ?? '—',
      },
      {
        id: 'market',
        header: t('account.fields.market'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => row.original.marketName ?? '—',
      },
      {
        id: 'segment',
        header: t('account.fields.segment'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (row.original.segment ? t(`account.segment.${row.original.segment}`) : '—'),
      },
      {
        id: 'edition',
        header: t('account.fields.edition'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (row.original.edition ? t(`account.edition.${row.original.edition}`) : '—'),
      },
      {
        id: 'lifecycleStage',
        header: t('account.fields.lifecycleStage'),
        enableSorting: true,
        cell: ({ row }) => <LifecycleBadge stage={row.original.lifecycleStage} />,
      },
      {
        id: 'owner',
        header: t('account.fields.owner'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => row.original.ownerName ?? '—',
      },
      {
        id: 'tags',
        header: t('account.fields.tags'),
        enableSorting: false,
        meta: { noWrap: true },
        cell: ({ row }) => <TagList tags={row.original.tags} max={3} />,
      },
      {
        id: 'employees',
        header: t('account.fields.employees'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatNumber(row.original.employees),
      },
      ...(listFields ?? []).map<DataColumn<Account>>((field) => ({
        id: `custom:${field.key}`,
        header: field.label,
        enableSorting: false,
        meta: { align: field.type === 'number' ? 'right' : undefined, noWrap: field.type !== 'text' },
        cell: ({ row }) => formatCustomValue(field.type, row.original.custom[field.key]),
      })),
      {
        id: 'createdAt',
        header: t('account.fields.createdAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.createdAt)}
          </Text>
        ),
      },
      {
        id: 'updatedAt',
        header: t('account.fields.updatedAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.updatedAt)}
          </Text>
        ),
      },
    ],
    [t, listFields],
  );

  return (
    <>
      <PageHeader
        title={t('nav.accounts')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="new-account">
              {t('account.new')}
            </Button>
          ) : null
        }
      />
      {list.filters.importId ? (
        <ImportFilterNotice importId={list.filters.importId} onClear={() => list.setFilters({ importId: undefined })} />
      ) : null}
      <DataTable
        testId="accounts-table"
        columns={columns}
        list={list}
        getRowId={(a) => a.id}
        onRowClick={(a) => navigate({ to: '/accounts/$accountId', params: { accountId: a.id } })}
        search={{ placeholder: t('account.searchPlaceholder'), testId: 'accounts-search', width: 240 }}
        filters={<AccountFilters filters={list.filters} onChange={list.setFilters} />}
        exportUrl={canExport ? buildUrl('/api/v1/accounts/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `accounts.${me.user.id}`, defaultHidden }}
        emptyMessage={t('account.emptyList')}
      />
      {canWrite ? (
        <AccountFormModal
          opened={createOpened}
          onClose={createModal.close}
          onSaved={(account) => navigate({ to: '/accounts/$accountId', params: { accountId: account.id } })}
        />
      ) : null}
    </>
  );
}
