import { Badge, Button, Checkbox, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { MilestoneLog } from './MilestoneLog.tsx';
import { journeyKeys } from './queryKeys.ts';
import type { Milestone } from './types.ts';

/** A milestone's detail: what success means, who is responsible, its checklist to tick, and its two logs. */
export function MilestonePanel({ milestone: m, canWrite }: { milestone: Milestone; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: journeyKeys.all });
  const tick = useMutation({
    mutationFn: async (v: { id: string; done: boolean }) =>
      unwrap(await api.PATCH('/api/v1/journey-checklist-items/{id}', { params: { path: { id: v.id } }, body: { done: v.done } })),
    onSuccess: () => void refresh(),
    onError: (e) => notifyError(e),
  });
  const complete = useMutation({
    mutationFn: async (done: boolean) =>
      unwrap(await api.PATCH('/api/v1/journey-milestones/{id}', { params: { path: { id: m.id } }, body: { done } })),
    onSuccess: () => void refresh(),
    onError: (e) => notifyError(e),
  });

  return (
    <Stack gap="sm" data-testid={`journey-milestone-${m.key}`}>
      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          <Text span c="dimmed">
            {t('journey.fields.window')}:{' '}
          </Text>
          {formatDate(m.startsOn)} – {formatDate(m.dueOn)}
        </Text>
        {m.responsibleRole ? (
          <Text size="sm">
            <Text span c="dimmed">
              {t('journey.fields.responsibleRole')}:{' '}
            </Text>
            {t(`roles.${m.responsibleRole}`)}
          </Text>
        ) : null}
        <Text size="sm">
          <Text span c="dimmed">
            {t('journey.fields.effort')}:{' '}
          </Text>
          {t(`journey.efforts.${m.effort}`)}
        </Text>
        {m.completedAt ? (
          <Text size="sm" c="dimmed">
            {t('journey.completedBy', { name: m.completedByName ?? t('common.empty'), date: formatDate(m.completedAt) })}
          </Text>
        ) : null}
      </Group>
      {m.successCriteria ? (
        <Text size="sm">
          <Text span c="dimmed">
            {t('journey.fields.successCriteria')}:{' '}
          </Text>
          {m.successCriteria}
        </Text>
      ) : null}
      <Stack gap={6}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {t('journey.fields.checklist')}
          </Text>
          <Badge size="sm" variant="light">
            {t('journey.checklistOf', { done: m.checklist.filter((c) => c.done).length, total: m.checklist.length })}
          </Badge>
        </Group>
        {m.checklist.map((c) => (
          <Checkbox
            key={c.id}
            label={c.label}
            description={c.done && c.doneAt ? t('journey.tickedBy', { name: c.doneByName ?? '', date: formatDate(c.doneAt) }) : undefined}
            checked={c.done}
            disabled={!canWrite || tick.isPending}
            onChange={(e) => tick.mutate({ id: c.id, done: e.currentTarget.checked })}
          />
        ))}
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <MilestoneLog milestoneId={m.id} kind="challenge" entries={m.logs.filter((l) => l.kind === 'challenge')} canWrite={canWrite} />
        <MilestoneLog milestoneId={m.id} kind="issue" entries={m.logs.filter((l) => l.kind === 'issue')} canWrite={canWrite} />
      </SimpleGrid>
      {canWrite ? (
        <Group>
          <Button
            size="xs"
            variant={m.completedAt ? 'default' : 'light'}
            loading={complete.isPending}
            onClick={() => complete.mutate(!m.completedAt)}
          >
            {m.completedAt ? t('journey.reopenMilestone') : t('journey.completeMilestone')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
