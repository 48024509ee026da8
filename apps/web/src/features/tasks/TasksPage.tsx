import { Anchor, Button, Checkbox, Group, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarEvent, IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { CalendarFeedModal } from './CalendarFeedModal.tsx';
import { taskKeys } from './queryKeys.ts';
import { TASK_DUE, TASK_PRIORITIES, TASK_STATUSES, type TasksSearch } from './search.ts';
import { DueCell, PriorityBadge } from './TaskBadges.tsx';
import { TaskBulkBar } from './TaskBulkBar.tsx';
import { TaskDrawer } from './TaskDrawer.tsx';
import { TaskFormModal } from './TaskFormModal.tsx';
import type { Task } from './types.ts';
import { WorkloadPanel } from './WorkloadPanel.tsx';

const route = getRouteApi('/app/tasks');
type Filters = Omit<TasksSearch, 'q' | 'page' | 'pageSize' | 'sort' | 'order' | 'task'>;

/**
 * The task inbox: my tasks (or, for those who lead a team, everyone's with the workload per person), late,
 * today's, this week's; open or done; priority, owner, account, search, sort, paging, CSV; select several to
 * complete, snooze, give to someone or delete; a task opens beside the list with its comments.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/tasks' });
  const canWrite = useCan('task:write');
  const canManage = useCan('task:manage');
  const canExport = useCan('export:run');
  const me = useMe();
  const users = useActiveUsers();
  const [createOpened, createModal] = useDisclosure();
  const [calendarOpened, calendarModal] = useDisclosure();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const setSearch = useCallback((changes: Partial<TasksSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }), [navigate]);
  const controls = urlListControls(search, setSearch, { sort: 'dueOn', order: 'asc', filters: {} as Filters });
  const list = useServerList(controls, {
    queryKey: taskKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, ...filters, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/tasks', { params: { query } })),
  });
  const f = list.filters;
  const team = f.view === 'team';
  const rows = list.rows ?? [];
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  const columns = useMemo<DataColumn<Task>[]>(
    () => [
      ...(canWrite
        ? [
            {
              id: 'select',
              header: () => (
                <Checkbox
                  aria-label={t('task.bulk.selectPage')}
                  checked={allOnPage}
                  onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              ),
              meta: { width: 36, label: t('task.bulk.selectPage') },
              cell: ({ row }) => (
                <Checkbox
                  aria-label={row.original.title}
                  checked={selected.has(row.original.id)}
                  onChange={() => toggle(row.original.id)}
                />
              ),
            } satisfies DataColumn<Task>,
          ]
        : []),
      {
        id: 'title',
        header: t('task.fields.title'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => (
          <UnstyledButton onClick={() => setSearch({ task: row.original.id })} data-testid={`task-open-${row.original.id}`}>
            <Text size="sm" fw={500} td={row.original.status === 'done' ? 'line-through' : undefined}>
              {row.original.title}
            </Text>
            {row.original.commentCount ? (
              <Text size="xs" c="dimmed">
                {t('task.comments', { count: row.original.commentCount })}
              </Text>
            ) : null}
          </UnstyledButton>
        ),
      },
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
    [t, canWrite, selected, allOnPage, rows, setSearch, toggle],
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.tasks')}
        subtitle={t('task.subtitle')}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconCalendarEvent size={16} />}
              onClick={calendarModal.open}
              data-testid="task-calendar"
            >
              {t('task.calendar.button')}
            </Button>
            {canWrite ? (
              <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="new-tasks">
                {t('task.new')}
              </Button>
            ) : null}
          </Group>
        }
      />
      {canManage ? (
        <SegmentedControl
          w={320}
          value={f.view ?? 'mine'}
          onChange={(v) => {
            setSelected(new Set());
            list.setFilters({ view: v === 'team' ? 'team' : undefined, ownerUserId: undefined });
          }}
          data={[
            { value: 'mine', label: t('task.views.mine') },
            { value: 'team', label: t('task.views.team') },
          ]}
          data-testid="task-view"
        />
      ) : null}
      {team ? <WorkloadPanel /> : null}
      {selected.size ? <TaskBulkBar ids={[...selected]} onDone={() => setSelected(new Set())} /> : null}
      <DataTable
        testId="tasks-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('task.searchPlaceholder') }}
        filters={
          <Group gap="xs" wrap="wrap">
            <SegmentedControl
              size="sm"
              value={f.due ?? 'any'}
              onChange={(v) => list.setFilters({ due: v === 'any' ? undefined : (v as Filters['due']) })}
              data={[{ value: 'any', label: t('task.due.any') }, ...TASK_DUE.map((d) => ({ value: d, label: t(`task.due.${d}`) }))]}
              aria-label={t('task.fields.dueOn')}
              data-testid="task-due"
            />
            <SegmentedControl
              size="sm"
              value={f.status ?? 'open'}
              onChange={(v) => list.setFilters({ status: v === 'open' ? undefined : (v as Filters['status']) })}
              data={TASK_STATUSES.map((s) => ({ value: s, label: t(`task.statuses.${s}`) }))}
              aria-label={t('task.fields.status')}
            />
            <FilterMultiSelect
              label={t('task.fields.priority')}
              data={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`task.priorities.${p}`) }))}
              value={f.priority}
              width={140}
              onChange={(priority) => list.setFilters({ priority })}
              testId="filter-priority"
            />
            {team ? (
              <FilterMultiSelect
                label={t('task.fields.owner')}
                data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                value={f.ownerUserId}
                width={160}
                searchable
                onChange={(ownerUserId) => list.setFilters({ ownerUserId })}
                testId="filter-owner"
              />
            ) : null}
            <AccountSelect
              w={200}
              placeholder={t('task.fields.account')}
              aria-label={t('task.fields.account')}
              clearable
              value={f.accountId ?? null}
              onChange={(accountId) => list.setFilters({ accountId: accountId ?? undefined })}
            />
            <Checkbox
              label={t('task.showSnoozed')}
              checked={f.snoozed === 'include'}
              onChange={(e) => list.setFilters({ snoozed: e.currentTarget.checked ? 'include' : undefined })}
            />
          </Group>
        }
        exportUrl={canExport ? buildUrl('/api/v1/tasks/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `tasks.${me.user.id}` }}
        emptyMessage={t('task.empty')}
      />
      <TaskFormModal opened={createOpened} onClose={createModal.close} accountId={f.accountId} />
      <CalendarFeedModal opened={calendarOpened} onClose={calendarModal.close} />
      <TaskDrawer taskId={search.task} onClose={() => setSearch({ task: undefined })} />
    </Stack>
  );
}
