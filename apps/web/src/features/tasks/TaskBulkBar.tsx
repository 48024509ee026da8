import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { IconCheck, IconClock, IconRotate, IconTrash, IconUserShare } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { taskKeys } from './queryKeys.ts';
import type { TaskBulk } from './types.ts';

/** What to do with the selected tasks: complete, reopen, snooze to a day, give to someone, delete (all or none). */
export function TaskBulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useActiveUsers();
  const [owner, setOwner] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: async (body: Omit<TaskBulk, 'ids'>) => unwrap(await api.POST('/api/v1/tasks/bulk', { body: { ...body, ids } })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      notifySuccess(t('task.bulk.done', { count: res.updated }));
      onDone();
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Paper withBorder p="xs" bg="var(--mantine-color-blue-light)" data-testid="task-bulk-bar">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} mr="sm">
          {t('task.bulk.selected', { count: ids.length })}
        </Text>
        <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => run.mutate({ action: 'complete' })} loading={run.isPending}>
          {t('task.bulk.complete')}
        </Button>
        <Button size="xs" variant="default" leftSection={<IconRotate size={14} />} onClick={() => run.mutate({ action: 'reopen' })}>
          {t('task.bulk.reopen')}
        </Button>
        <DateField
          size="xs"
          w={150}
          placeholder={t('task.bulk.snoozeTo')}
          aria-label={t('task.bulk.snoozeTo')}
          minDate={dayjs().add(1, 'day').format('YYYY-MM-DD')}
          value={day}
          onChange={(v) => setDay(v ? dayjs(v).format('YYYY-MM-DD') : null)}
        />
        <Button
          size="xs"
          variant="default"
          leftSection={<IconClock size={14} />}
          disabled={!day}
          onClick={() => day && run.mutate({ action: 'snooze', snoozedUntil: day })}
        >
          {t('task.bulk.snooze')}
        </Button>
        <Select
          size="xs"
          w={170}
          placeholder={t('task.bulk.giveTo')}
          aria-label={t('task.bulk.giveTo')}
          searchable
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={owner}
          onChange={setOwner}
        />
        <Button
          size="xs"
          variant="default"
          leftSection={<IconUserShare size={14} />}
          disabled={!owner}
          onClick={() => owner && run.mutate({ action: 'reassign', ownerUserId: owner })}
        >
          {t('task.bulk.reassign')}
        </Button>
        <Button
          size="xs"
          color="red"
          variant="subtle"
          leftSection={<IconTrash size={14} />}
          onClick={() => run.mutate({ action: 'delete' })}
        >
          {t('task.bulk.delete')}
        </Button>
      </Group>
    </Paper>
  );
}
