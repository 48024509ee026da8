import { ActionIcon, Anchor, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { formatDate, formatRelative } from '../../lib/format.ts';
import type { ResponseOf } from '../../lib/types.ts';
import { notificationKeys } from './queryKeys.ts';

type Notification = ResponseOf<'/api/v1/notifications', 'get'>['items'][number];

/** A notification in the reader's language, from its kind and data (the API's subject is English). */
function useWording() {
  const { t } = useTranslation();
  return (n: Notification) => {
    const d = n.data as { accountName?: string; reminder?: string; dueOn?: string };
    if (n.kind === 'renewal_reminder')
      return d.reminder === 'overdue'
        ? t('notification.renewalOverdue', { account: d.accountName, date: formatDate(d.dueOn) })
        : t('notification.renewalDue', { account: d.accountName, date: formatDate(d.dueOn), count: Number(d.reminder) });
    return n.subject;
  };
}

/** The bell in the header: unread count (checked every minute), the latest notifications; opening one marks it read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const word = useWording();
  const [opened, setOpened] = useState(false);
  const count = useQuery({
    queryKey: notificationKeys.count,
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications/unread-count')),
    refetchInterval: 60_000,
  });
  const list = useQuery({
    queryKey: notificationKeys.list,
    enabled: opened,
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications', { params: { query: { pageSize: 15 } } })),
  });
  const markRead = useMutation({
    mutationFn: async (ids?: string[]) => unwrap(await api.POST('/api/v1/notifications/read', { body: ids ? { ids } : {} })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
    onError: (error) => notifyError(error),
  });
  const unread = count.data?.unread ?? 0;
  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    setOpened(false);
    if (n.link) void navigate({ href: n.link });
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={!unread} color="red" offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('notification.bell', { count: unread })}
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb={4}>
          <Text fw={600} size="sm">
            {t('notification.title')}
          </Text>
          {unread ? (
            <Anchor size="xs" component="button" onClick={() => markRead.mutate(undefined)}>
              {t('notification.markAllRead')}
            </Anchor>
          ) : null}
        </Group>
        <Divider mb={4} />
        <ScrollArea.Autosize mah={380}>
          <Stack gap={2} data-testid="notification-list">
            {list.data?.items.length === 0 ? (
              <Text size="sm" c="dimmed" py="sm" ta="center">
                {t('notification.empty')}
              </Text>
            ) : null}
            {list.data?.items.map((n) => (
              <UnstyledButton
                key={n.id}
                onClick={() => open(n)}
                p={6}
                style={{ borderRadius: 4 }}
                bg={n.readAt ? undefined : 'var(--mantine-color-blue-0)'}
              >
                <Text size="sm" fw={n.readAt ? 400 : 600}>
                  {word(n)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatRelative(n.createdAt)}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
