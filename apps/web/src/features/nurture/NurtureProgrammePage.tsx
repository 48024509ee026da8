import { BarChart } from '@mantine/charts';
import { Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlayerPause, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { nurtureKeys } from './queryKeys.ts';
import {
  type ContactProgress,
  PROGRESS_STATES,
  type ProgrammeStatus,
  type ProgressSort,
  type ProgressState,
  STATE_COLORS,
  STATUS_COLORS,
} from './types.ts';

const route = getRouteApi('/app/nurture/$programmeId');

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

/** A programme: its figures, e-mails sent per step (a chart), each contact's progress; start, pause, end. */
export function NurtureProgrammePage() {
  const { t } = useTranslation();
  const { programmeId } = route.useParams();
  const queryClient = useQueryClient();
  const canWrite = useCan('nurture:write');
  const canExport = useCan('export:run');
  const programme = useQuery({
    queryKey: nurtureKeys.programme(programmeId),
    queryFn: async () => unwrap(await api.GET('/api/v1/nurture/programmes/{id}', { params: { path: { id: programmeId } } })),
  });
  const move = useMutation({
    mutationFn: async (status: ProgrammeStatus) =>
      unwrap(await api.PATCH('/api/v1/nurture/programmes/{id}', { params: { path: { id: programmeId } }, body: { status } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: nurtureKeys.all }),
    onError: (e) => notifyError(e),
  });
  const controls = useListState<{ state?: ProgressState[] }, ProgressSort>({ sort: 'name', order: 'asc', filters: {} });
  const list = useServerList(controls, {
    queryKey: nurtureKeys.contacts(programmeId),
    toQuery: ({ q, filters, sort, order }) => ({ q, state: filters.state?.length ? filters.state : undefined, sort, order }),
    fetch: async (query) =>
      unwrap(await api.GET('/api/v1/nurture/programmes/{id}/contacts', { params: { path: { id: programmeId }, query } })),
  });
  const p = programme.data;
  const stepLabel = (weekOffset: number) => t('nurture.step.week', { count: weekOffset });
  const columns = useMemo<DataColumn<ContactProgress>[]>(
    () => [
      {
        id: 'name',
        header: t('nurture.progress.contact'),
        enableSorting: true,
        cell: ({ row: { original: c } }) => (
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {c.name}
            </Text>
            <Text size="xs" c="dimmed">
              {c.email}
            </Text>
          </Stack>
        ),
      },
      { id: 'accountName', header: t('nurture.progress.account'), enableSorting: true, accessorKey: 'accountName' },
      { id: 'language', header: t('nurture.progress.language'), cell: ({ row: { original: c } }) => c.language.toUpperCase() },
      {
        id: 'state',
        header: t('nurture.progress.state'),
        meta: { noWrap: true },
        cell: ({ row: { original: c } }) => (
          <Badge color={STATE_COLORS[c.state]} variant="light" style={{ flexShrink: 0 }}>
            {t(`nurture.state.${c.state}`)}
          </Badge>
        ),
      },
      {
        id: 'enrolledAt',
        header: t('nurture.progress.enrolledAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row: { original: c } }) => formatDate(c.enrolledAt),
      },
      {
        id: 'stepsSent',
        header: t('nurture.progress.stepsSent'),
        enableSorting: true,
        meta: { align: 'right', noWrap: true },
        cell: ({ row: { original: c } }) => `${formatNumber(c.stepsSent)} / ${formatNumber(c.stepsTotal)}`,
      },
      {
        id: 'lastSentAt',
        header: t('nurture.progress.lastSentAt'),
        meta: { noWrap: true },
        cell: ({ row: { original: c } }) => formatDateTime(c.lastSentAt),
      },
      {
        id: 'nextDueAt',
        header: t('nurture.progress.nextDueAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row: { original: c } }) => formatDate(c.nextDueAt),
      },
      {
        id: 'unsubscribedAt',
        header: t('nurture.progress.unsubscribedAt'),
        meta: { noWrap: true },
        cell: ({ row: { original: c } }) => formatDate(c.unsubscribedAt),
      },
    ],
    [t],
  );
  if (!p) return <Skeleton h={300} />;
  const chart = p.steps.map((s, i) => ({
    step: `${i + 1}. ${stepLabel(s.weekOffset)}`,
    sent: p.sentByStep.find((b) => b.stepId === s.id)?.sent ?? 0,
  }));
  const exportQuery = new URLSearchParams({ sort: controls.sort, order: controls.order, ...(controls.q ? { q: controls.q } : {}) });
  for (const s of controls.filters.state ?? []) exportQuery.append('state', s);
  return (
    <Stack gap="md">
      <PageHeader
        title={p.name}
        subtitle={
          <Group gap="xs">
            <Badge color={STATUS_COLORS[p.status]} variant="light" data-testid="nurture-status">
              {t(`nurture.status.${p.status}`)}
            </Badge>
            {p.startedAt ? (
              <Text size="sm" c="dimmed">
                {t('nurture.startedOn', { date: formatDate(p.startedAt) })}
              </Text>
            ) : null}
          </Group>
        }
        actions={
          canWrite && p.status !== 'ended' ? (
            <Group>
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                renderRoot={(props) => <Link {...props} to="/nurture/$programmeId/edit" params={{ programmeId }} />}
              >
                {t('common.edit')}
              </Button>
              {p.status === 'running' ? (
                <Button
                  variant="default"
                  leftSection={<IconPlayerPause size={16} />}
                  onClick={() => move.mutate('paused')}
                  loading={move.isPending}
                >
                  {t('nurture.pause')}
                </Button>
              ) : (
                <Button
                  leftSection={<IconPlayerPlay size={16} />}
                  onClick={() => move.mutate('running')}
                  loading={move.isPending}
                  data-testid="nurture-start"
                >
                  {p.status === 'paused' ? t('nurture.resume') : t('nurture.start')}
                </Button>
              )}
              {p.status !== 'draft' ? (
                <Button variant="subtle" color="red" leftSection={<IconPlayerStop size={16} />} onClick={() => move.mutate('ended')}>
                  {t('nurture.end')}
                </Button>
              ) : null}
            </Group>
          ) : null
        }
      />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={t('nurture.figures.enrolled')} value={p.figures.enrolled} testId="nurture-enrolled" />
        <Figure label={t('nurture.figures.sent')} value={p.figures.sent} testId="nurture-sent" />
        <Figure label={t('nurture.figures.unsubscribed')} value={p.figures.unsubscribed} testId="nurture-unsubscribed" />
        <Figure label={t('nurture.figures.failed')} value={p.figures.failed} testId="nurture-failed" />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {t('nurture.chart.title')}
        </Title>
        <BarChart
          h={180}
          data={chart}
          dataKey="step"
          series={[{ name: 'sent', label: t('nurture.figures.sent'), color: 'blue.6' }]}
          valueFormatter={formatNumber}
        />
      </Paper>
      <Title order={4}>{t('nurture.progress.title')}</Title>
      <DataTable
        testId="nurture-contacts"
        list={list}
        columns={columns}
        getRowId={(c) => c.contactId}
        emptyMessage={p.status === 'draft' ? t('nurture.progress.emptyDraft') : t('nurture.progress.empty')}
        search={{ placeholder: t('nurture.progress.search'), width: 220 }}
        filters={
          <FilterMultiSelect
            label={t('nurture.progress.state')}
            value={controls.filters.state}
            onChange={(v) => controls.setFilters({ state: v })}
            data={PROGRESS_STATES.map((s) => ({ value: s, label: t(`nurture.state.${s}`) }))}
          />
        }
        exportUrl={canExport ? `/api/v1/nurture/programmes/${programmeId}/contacts/export.csv?${exportQuery}` : undefined}
      />
    </Stack>
  );
}
