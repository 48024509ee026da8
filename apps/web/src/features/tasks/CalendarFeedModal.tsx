import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { taskKeys } from './queryKeys.ts';

/** My open tasks in my own calendar app: make the secret address (shown once), make a new one, or stop it. */
export function CalendarFeedModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const status = useQuery({
    queryKey: taskKeys.calendarFeed,
    enabled: opened,
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks/calendar-feed')),
  });
  const renew = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/tasks/calendar-feed')),
    onSuccess: (res) => {
      setUrl(res.url);
      void queryClient.invalidateQueries({ queryKey: taskKeys.calendarFeed });
    },
    onError: (error) => notifyError(error),
  });
  const revoke = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/tasks/calendar-feed')),
    onSuccess: () => {
      setUrl(null);
      void queryClient.invalidateQueries({ queryKey: taskKeys.calendarFeed });
    },
    onError: (error) => notifyError(error),
  });
  const active = status.data?.active;
  return (
    <Modal opened={opened} onClose={onClose} title={t('task.calendar.title')} size="lg">
      <Stack gap="sm">
        <Text size="sm">{t('task.calendar.intro')}</Text>
        {url ? (
          <>
            <Group gap="xs" wrap="nowrap">
              <TextInput style={{ flex: 1 }} value={url} readOnly aria-label={t('task.calendar.address')} data-testid="calendar-url" />
              <CopyButton value={url}>
                {({ copied, copy }) => <Button onClick={copy}>{copied ? t('task.calendar.copied') : t('task.calendar.copy')}</Button>}
              </CopyButton>
            </Group>
            <Alert color="yellow">{t('task.calendar.once')}</Alert>
          </>
        ) : active ? (
          <Text size="sm" c="dimmed">
            {t('task.calendar.active', { date: formatDateTime(status.data?.createdAt) })}
          </Text>
        ) : null}
        <Group justify="flex-end">
          {active ? (
            <Button variant="subtle" color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
              {t('task.calendar.stop')}
            </Button>
          ) : null}
          <Button onClick={() => renew.mutate()} loading={renew.isPending} data-testid="calendar-make">
            {active ? t('task.calendar.renew') : t('task.calendar.make')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
