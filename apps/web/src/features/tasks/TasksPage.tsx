import { Anchor, Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { taskKeys } from './queryKeys.ts';
import type { TasksSearch } from './search.ts';
import { TaskFormModal } from './TaskFormModal.tsx';
import type { Task } from './types.ts';

const route = getRouteApi('/app/tasks');

/** The organisation's tasks: search, one account, sort by header, paging, columns to choose, CSV export, and adding one. */
export function TasksPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/tasks' });
  const canWrite = useCan('task:write');
  const canExport = useCan('export:run');
  const me = useMe();
  const [createOpened, createModal] = useDisclosure();
  const controls = urlListControls(search, (changes: Partial<TasksSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }), {
    sort: 'createdAt',
    order: 'desc',
    filters: {},
  });
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: taskKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, accountId: filters.accountId, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/tasks', { params: { query } })),
  });

  const columns = useMemo<DataColumn<Task>[]>(
    () => [
      { id: 'title', header: t('task.fields.title'), enableSorting: true, meta: { sticky: true }, cell: ({ row }) => row.original.title },
      {
        id: 'account',
        header: t('task.fields.account'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Anchor
            renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} />}
            size="sm"
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      { id: 'notes', header: t('task.fields.notes'), cell: ({ row }) => row.original.notes ?? t('common.empty') },
      {
        id: 'createdAt',
        header: t('task.fields.createdAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.createdAt)}
          </Text>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('nav.tasks')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="new-tasks">
              {t('task.new')}
            </Button>
          ) : null
        }
      />
      <DataTable
        testId="tasks-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('task.searchPlaceholder') }}
        filters={
          <AccountSelect
            w={260}
            placeholder={t('task.fields.account')}
            aria-label={t('task.fields.account')}
            clearable
            value={list.filters.accountId ?? null}
            onChange={(accountId) => list.setFilters({ accountId: accountId ?? undefined })}
          />
        }
        exportUrl={canExport ? buildUrl('/api/v1/tasks/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `tasks.${me.user.id}` }}
        emptyMessage={t('task.empty')}
      />
      <TaskFormModal opened={createOpened} onClose={createModal.close} accountId={list.filters.accountId} />
    </>
  );
}
