import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import type { Task, TaskPriority } from './types.ts';

const PRIORITY_COLOR: Record<TaskPriority, string> = { high: 'red', normal: 'gray', low: 'blue' };

export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={PRIORITY_COLOR[priority]} style={{ flexShrink: 0 }}>
      {t(`task.priorities.${priority}`)}
    </Badge>
  );
}

/** The due day; late ones in red with a badge, snoozed ones with the day they come back. */
export function DueCell({ task }: { task: Task }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={task.overdue ? 'red' : undefined} fw={task.overdue ? 600 : undefined}>
        {task.dueOn ? formatDate(task.dueOn) : t('task.noDue')}
      </Text>
      {task.overdue ? (
        <Badge color="red" size="sm" variant="filled">
          {t('task.overdue')}
        </Badge>
      ) : null}
      {task.snoozedUntil && task.status === 'open' ? (
        <Badge color="grape" size="sm" variant="light">
          {t('task.snoozedUntil', { date: formatDate(task.snoozedUntil) })}
        </Badge>
      ) : null}
    </Group>
  );
}
