import { Anchor, Button, Group, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { taskKeys } from './queryKeys.ts';
import { TASK_STATUSES } from './search.ts';
import { DueCell, PriorityBadge } from './TaskBadges.tsx';
import { TaskDrawer } from './TaskDrawer.tsx';
import { TaskFormModal } from './TaskFormModal.tsx';
import type { Task } from './types.ts';

type Status = (typeof TASK_STATUSES)[number];
type Sort = 'dueOn' | 'priority' | 'title' | 'owner' | 'completedAt';

/**
 * The account page's Tasks tab: the account's tasks (everyone's for those who see the team's, else their own),
 * open, done or all; sort, search, paging, CSV; add one for the account; a task opens beside the list.
 */
export function AccountTasksTab({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const canWrite = useCan('task:write');
  const canManage = useCan('task:manage');
  const canExport = useCan('export:run');
  const view: 'team' | 'mine' = canManage ? 'team' : 'mine';
  const [createOpened, createModal] = useDisclosure();
  const [openTask, setOpenTask] = useState<string | undefined>();
  const controls = useListState<{ status: Status }, Sort>({ sort: 'dueOn', order: 'asc', filters: { status: 'open' }, pageSize: 25 });
  const list = useServerList(controls, {
    queryKey: [...taskKeys.list, 'account', accountId],
    toQuery: ({ q, filters, sort, order }) => ({ q, view, accountId, status: filters.status, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/tasks', { params: { query } })),
  });
  const columns = useMemo<DataColumn<Task>[]>(
    () => [
      {
        id: 'title',
        header: t('task.fields.title'),
        enableSorting: true,
        cell: ({ row }) => (
          <UnstyledButton onClick={() => setOpenTask(row.original.id)} data-testid={`account-task-${row.original.id}`}>
            <Text size="sm" fw={500} td={row.original.status === 'done' ? 'line-through' : undefined}>
              {row.original.title}
            </Text>
          </UnstyledButton>
        ),
      },
      {
        id: 'dueOn',
        header: t('task.fields.dueOn'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => <DueCell task={row.original} />,
      },
      {
        id: 'priority',
        header: t('task.fields.priority'),
        enableSorting: true,
        cell: ({ row }) => <PriorityBadge priority={row.original.priority} />,
      },
      {
        id: 'owner',
        header: t('task.fields.owner'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => row.original.ownerName,
      },
      {
        id: 'source',
        header: t('task.fields.source'),
        cell: ({ row }) => t(`task.sources.${row.original.source}`, { defaultValue: row.original.source }),
      },
    ],
    [t],
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {canManage ? t('task.account.everyone') : t('task.account.mine')}{' '}
          <Anchor renderRoot={(props) => <Link {...props} to="/tasks" search={{ accountId, view }} />} size="sm">
            {t('task.account.inInbox')}
          </Anchor>
        </Text>
        {canWrite ? (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={createModal.open} data-testid="account-add-task">
            {t('task.add')}
          </Button>
        ) : null}
      </Group>
      <DataTable
        testId="account-tasks-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('task.searchPlaceholder') }}
        filters={
          <SegmentedControl
            size="sm"
            value={list.filters.status}
            onChange={(v) => list.setFilters({ status: v as Status })}
            data={TASK_STATUSES.map((s) => ({ value: s, label: t(`task.statuses.${s}`) }))}
            aria-label={t('task.fields.status')}
          />
        }
        exportUrl={canExport ? buildUrl('/api/v1/tasks/export.csv', list.query) : undefined}
        emptyMessage={t('task.account.empty')}
      />
      <TaskFormModal opened={createOpened} onClose={createModal.close} accountId={accountId} />
      <TaskDrawer taskId={openTask} onClose={() => setOpenTask(undefined)} />
    </Stack>
  );
}
