import { ActionIcon, Anchor, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { formatRelative } from '../../lib/format.ts';
import { notificationKeys } from './queryKeys.ts';
import { type Notification, useWording } from './wording.ts';

/** How many the bell lists; the rest are on the notifications page, which it says. */
const LATEST = 15;

/**
 * The bell in the header: unread count (checked every minute), the latest notifications; opening one marks it read.
 * When there are more it says how many it shows and links to the page with all of them.
 */
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
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications', { params: { query: { pageSize: LATEST } } })),
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
        <Divider mt={4} mb={6} />
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed" data-testid="notification-shown">
            {list.data && list.data.total > list.data.items.length
              ? t('notification.shownOf', { shown: list.data.items.length, total: list.data.total })
              : null}
          </Text>
          <Anchor
            size="xs"
            renderRoot={(p) => <Link {...p} to="/notifications" />}
            onClick={() => setOpened(false)}
            data-testid="notification-all"
          >
            {t('notification.all')}
          </Anchor>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
