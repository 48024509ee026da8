import { Accordion, Badge, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { JourneyTimeline } from './JourneyTimeline.tsx';
import { MilestonePanel } from './MilestonePanel.tsx';
import { journeyKeys } from './queryKeys.ts';
import { StartJourneyModal } from './StartJourneyModal.tsx';
import { MILESTONE_COLORS } from './search.ts';

/** Today in the browser's own time zone (toISOString would give UTC's day, yesterday just after midnight in Europe). */
const todayIso = () => dayjs().format('YYYY-MM-DD');

/**
 * The account page's Journey tab: the running journey as a timeline of its milestones (Gantt), each milestone's
 * checklist and its logs of customer challenges and our issues; a journey started by hand; the journeys before.
 */
export function AccountJourneyTab({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const canWrite = useCan('journey:write');
  const [startOpened, startModal] = useDisclosure();
  const [stopOpened, stopModal] = useDisclosure();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const query = useQuery({
    queryKey: journeyKeys.account(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/journeys', { params: { path: { id: accountId } } })),
  });
  // The milestone open below the chart: at first the first not done, then the one chosen (it stays open when ticked done).
  const current = query.data?.current ?? null;
  const firstOpen = current?.milestones.find((m) => m.status !== 'done')?.id ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: chosen again only when another journey shows
  useEffect(() => setOpen(firstOpen), [current?.id]);
  const stop = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.PATCH('/api/v1/journeys/{id}', { params: { path: { id } }, body: { status: 'stopped' } })),
    onSuccess: () => {
      stopModal.close();
      void queryClient.invalidateQueries({ queryKey: journeyKeys.all });
    },
    onError: (e) => notifyError(e),
  });
  if (query.isLoading || !query.data) return <Skeleton h={240} />;
  const { past } = query.data;
  const today = todayIso();
  const shown = open;
  const active = current?.status === 'active' || current?.status === 'completed';

  return (
    <Stack gap="md" data-testid="account-journey">
      <Group justify="space-between" align="flex-start">
        {current ? (
          <div>
            <Group gap="xs">
              <Text fw={600} size="lg">
                {t('journey.nameVersion', { name: current.name, version: current.templateVersion })}
              </Text>
              <Badge variant="light" color={current.status === 'active' ? 'blue' : current.status === 'completed' ? 'teal' : 'gray'}>
                {t(`journey.statuses.${current.status}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('journey.startedOnBy', { date: formatDate(current.startedOn), cause: t(`journey.causes.${current.cause}`) })}
            </Text>
          </div>
        ) : (
          <Text c="dimmed">{t('journey.noJourney')}</Text>
        )}
        {canWrite ? (
          <Group gap="xs">
            {current?.status === 'active' ? (
              <Button
                variant="default"
                color="red"
                leftSection={<IconPlayerStop size={16} />}
                onClick={stopModal.open}
                data-testid="journey-stop"
              >
                {t('journey.stop')}
              </Button>
            ) : null}
            <Button
              variant={current ? 'default' : 'filled'}
              leftSection={<IconPlayerPlay size={16} />}
              onClick={startModal.open}
              data-testid="journey-start"
            >
              {current ? t('journey.startAgain') : t('journey.start')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {current ? (
        <>
          <Paper withBorder p="md">
            <JourneyTimeline journey={current} today={today} onSelect={setOpen} />
          </Paper>
          <Accordion variant="separated" value={shown} onChange={setOpen}>
            {current.milestones.map((m) => (
              <Accordion.Item key={m.id} value={m.id}>
                <Accordion.Control data-testid={`journey-open-${m.key}`}>
                  <Group justify="space-between" wrap="nowrap" pr="sm">
                    <Text fw={500}>{m.name}</Text>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" c="dimmed">
                        {t('journey.due', { date: formatDate(m.dueOn) })}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {t('journey.checklistOf', { done: m.checklist.filter((c) => c.done).length, total: m.checklist.length })}
                      </Text>
                      <Badge variant="light" color={MILESTONE_COLORS[m.status]}>
                        {t(`journey.milestoneStatus.${m.status}`)}
                      </Badge>
                    </Group>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <MilestonePanel milestone={m} canWrite={canWrite && active} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </>
      ) : null}
      {past.length ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('journey.past')}
          </Text>
          {past.map((p) => (
            <Text key={p.id} size="sm" c="dimmed">
              {t('journey.pastLine', {
                name: t('journey.nameVersion', { name: p.name, version: p.templateVersion }),
                date: formatDate(p.startedOn),
                status: t(`journey.statuses.${p.status}`),
              })}
            </Text>
          ))}
        </Stack>
      ) : null}
      <ConfirmModal
        opened={stopOpened}
        title={t('journey.stop')}
        message={t('journey.stopConfirm')}
        confirmLabel={t('journey.stop')}
        color="red"
        loading={stop.isPending}
        onConfirm={() => current && stop.mutate(current.id)}
        onClose={stopModal.close}
      />
      <StartJourneyModal
        opened={startOpened}
        onClose={startModal.close}
        accountId={accountId}
        replaces={!!current && current.status === 'active'}
      />
    </Stack>
  );
}
