import { Anchor, Badge, Button, SegmentedControl, Text } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, notifyError, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { notificationKeys } from './queryKeys.ts';
import { type Notification, useWording } from './wording.ts';

type ReadState = 'unread' | 'read';
const STATES: readonly ReadState[] = ['unread', 'read'];

/** All of the person's notifications: read or unread, by date, paged, as CSV; opening one marks it read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canExport = useCan('export:run');
  const word = useWording();
  const controls = useListState<{ state?: ReadState }, 'createdAt'>({ sort: 'createdAt', order: 'desc', filters: {} });
  const list = useServerList(controls, {
    queryKey: notificationKeys.page,
    toQuery: ({ filters, sort, order }) => ({ state: filters.state, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/notifications', { params: { query } })),
  });
  const markRead = useMutation({
    mutationFn: async (ids?: string[]) => unwrap(await api.POST('/api/v1/notifications/read', { body: ids ? { ids } : {} })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
    onError: (error) => notifyError(error),
  });

  const columns = useMemo<DataColumn<Notification>[]>(
    () => [
      {
        id: 'notification',
        header: t('notification.fields.notification'),
        cell: ({ row: { original: n } }) =>
          n.link ? (
            <Anchor
              size="sm"
              fw={n.readAt ? 400 : 600}
              href={n.link}
              onClick={(e) => {
                e.preventDefault();
                if (!n.readAt) markRead.mutate([n.id]);
                void navigate({ href: n.link ?? '/' });
              }}
            >
              {word(n)}
            </Anchor>
          ) : (
            <Text size="sm" fw={n.readAt ? 400 : 600}>
              {word(n)}
            </Text>
          ),
      },
      {
        id: 'createdAt',
        header: t('notification.fields.createdAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDateTime(row.original.createdAt),
      },
      {
        id: 'readAt',
        header: t('notification.fields.readAt'),
        meta: { noWrap: true },
        cell: ({ row: { original: n } }) =>
          n.readAt ? (
            formatDateTime(n.readAt)
          ) : (
            <Badge size="sm" variant="light" color="blue" data-testid="notification-unread">
              {t('notification.state.unread')}
            </Badge>
          ),
      },
      {
        id: 'actions',
        header: '',
        meta: { align: 'right', noWrap: true },
        cell: ({ row: { original: n } }) =>
          n.readAt ? null : (
            <Button size="compact-xs" variant="subtle" onClick={() => markRead.mutate([n.id])} data-testid="notification-mark-read">
              {t('notification.markRead')}
            </Button>
          ),
      },
    ],
    [t, word, markRead, navigate],
  );

  return (
    <>
      <PageHeader title={t('notification.title')} subtitle={t('notification.subtitle')} />
      <DataTable
        testId="notifications-table"
        columns={columns}
        list={list}
        getRowId={(n) => n.id}
        exportUrl={canExport ? buildUrl('/api/v1/notifications/export.csv', list.query) : undefined}
        emptyMessage={t('notification.empty')}
        filters={
          <SegmentedControl
            aria-label={t('notification.fields.state')}
            data-testid="notification-state"
            data={[{ value: 'all', label: t('common.all') }, ...STATES.map((s) => ({ value: s, label: t(`notification.state.${s}`) }))]}
            value={list.filters.state ?? 'all'}
            onChange={(v) => list.setFilters({ state: v === 'all' ? undefined : (v as ReadState) })}
          />
        }
        actions={
          <Button
            variant="default"
            leftSection={<IconChecks size={16} />}
            onClick={() => markRead.mutate(undefined)}
            loading={markRead.isPending}
            data-testid="notifications-mark-all-read"
          >
            {t('notification.markAllRead')}
          </Button>
        }
      />
    </>
  );
}
