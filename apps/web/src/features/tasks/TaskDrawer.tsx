import { Anchor, Button, Divider, Drawer, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { DateField } from '../../components/DateField.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { taskKeys } from './queryKeys.ts';
import { TASK_PRIORITIES } from './search.ts';
import { DueCell, PriorityBadge } from './TaskBadges.tsx';
import type { Task, TaskUpdate } from './types.ts';

const day = (v: unknown) => (v ? dayjs(v as string).format('YYYY-MM-DD') : null);

/** One task: edit it, complete or reopen, snooze, give it to someone, and its comments. */
export function TaskDrawer({ taskId, onClose }: { taskId: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('task:write');
  const users = useActiveUsers();
  const task = useQuery({
    queryKey: taskKeys.one(taskId ?? ''),
    enabled: !!taskId,
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks/{id}', { params: { path: { id: taskId ?? '' } } })),
  });
  const comments = useQuery({
    queryKey: taskKeys.comments(taskId ?? ''),
    enabled: !!taskId,
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks/{id}/comments', { params: { path: { id: taskId ?? '' } } })).items,
  });
  const [draft, setDraft] = useState<Task | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  useEffect(() => {
    setDraft(task.data ?? null);
    setErrors({});
  }, [task.data]);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  const update = useMutation({
    mutationFn: async (body: TaskUpdate) => unwrap(await api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: taskId ?? '' } }, body })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('task.saved'));
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });
  const addComment = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/tasks/{id}/comments', { params: { path: { id: taskId ?? '' } }, body: { body: comment.trim() } })),
    onSuccess: () => {
      setComment('');
      refresh();
    },
    onError: (error) => notifyError(error),
  });

  const d = draft;
  return (
    <Drawer opened={!!taskId} onClose={onClose} position="right" size="lg" title={t('task.details')} data-testid="task-drawer">
      {d ? (
        <Stack gap="sm">
          <Group gap="xs">
            <PriorityBadge priority={d.priority} />
            <DueCell task={d} />
          </Group>
          <Text size="sm">
            {t('task.fields.account')}:{' '}
            <Anchor renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: d.accountId }} />} size="sm">
              {d.accountName}
            </Anchor>
          </Text>
          {d.status === 'done' ? (
            <Text size="sm" c="teal">
              {t('task.doneBy', { name: d.completedByName ?? '—', date: formatDateTime(d.completedAt) })}
            </Text>
          ) : null}
          <TextInput
            label={t('task.fields.title')}
            value={d.title}
            onChange={(e) => setDraft({ ...d, title: e.currentTarget.value })}
            error={errors.title}
            disabled={!canWrite}
          />
          <Textarea
            label={t('task.fields.notes')}
            value={d.notes ?? ''}
            onChange={(e) => setDraft({ ...d, notes: e.currentTarget.value })}
            autosize
            minRows={2}
            disabled={!canWrite}
          />
          <Group grow>
            <Select
              label={t('task.fields.owner')}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={d.ownerUserId}
              onChange={(v) => v && setDraft({ ...d, ownerUserId: v })}
              error={errors.ownerUserId}
              searchable
              disabled={!canWrite}
            />
            <DateField
              label={t('task.fields.dueOn')}
              value={d.dueOn}
              onChange={(v) => setDraft({ ...d, dueOn: day(v) })}
              clearable
              disabled={!canWrite}
            />
            <Select
              label={t('task.fields.priority')}
              data={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`task.priorities.${p}`) }))}
              value={d.priority}
              onChange={(v) => v && setDraft({ ...d, priority: v as Task['priority'] })}
              disabled={!canWrite}
            />
          </Group>
          {canWrite ? (
            <Group justify="space-between">
              <Group gap="xs">
                <Button
                  variant="light"
                  color={d.status === 'done' ? 'gray' : 'teal'}
                  onClick={() => update.mutate({ status: d.status === 'done' ? 'open' : 'done' })}
                  data-testid="task-toggle-done"
                >
                  {d.status === 'done' ? t('task.reopen') : t('task.complete')}
                </Button>
                {d.status === 'open' ? (
                  <DateField
                    w={170}
                    placeholder={t('task.snoozeTo')}
                    aria-label={t('task.snoozeTo')}
                    minDate={dayjs().add(1, 'day').format('YYYY-MM-DD')}
                    value={d.snoozedUntil}
                    error={errors.snoozedUntil}
                    onChange={(v) => update.mutate({ snoozedUntil: day(v) })}
                    clearable
                  />
                ) : null}
              </Group>
              <Button
                onClick={() =>
                  update.mutate({
                    title: d.title,
                    notes: d.notes?.trim() || null,
                    ownerUserId: d.ownerUserId,
                    dueOn: d.dueOn,
                    priority: d.priority,
                  })
                }
                loading={update.isPending}
                data-testid="task-save"
              >
                {t('common.save')}
              </Button>
            </Group>
          ) : null}
          <Divider label={t('task.comments', { count: comments.data?.length ?? 0 })} labelPosition="left" />
          {(comments.data ?? []).map((c) => (
            <Stack key={c.id} gap={0}>
              <Text size="xs" c="dimmed">
                {c.authorName} · {formatDateTime(c.createdAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            </Stack>
          ))}
          {canWrite ? (
            <Group align="flex-end" gap="xs">
              <Textarea
                style={{ flex: 1 }}
                placeholder={t('task.commentPlaceholder')}
                aria-label={t('task.commentPlaceholder')}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                autosize
                minRows={1}
              />
              <Button variant="default" disabled={!comment.trim()} onClick={() => addComment.mutate()} loading={addComment.isPending}>
                {t('task.addComment')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ) : (
        <Text c="dimmed">{t('common.loading')}</Text>
      )}
    </Drawer>
  );
}
