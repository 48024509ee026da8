import { Anchor, Code, Progress, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { valuesOf } from '../../lib/enums.ts';
import { formatTime } from '../../lib/format.ts';
import type { QueryOf, ResponseOf } from '../../lib/types.ts';
import { humanize } from './auditLabels.ts';
import { jobLabel } from './jobLabels.ts';
import { MAIL_JOBS, useSmtpConfigured } from './mailState.ts';
import { progressFraction, progressRank, progressValue } from './progress.ts';
import { formatDate, formatDateTime, StatusBadge } from './shared.tsx';

type Job = ResponseOf<'/api/v1/jobs', 'get'>['items'][number];
type JobQuery = QueryOf<'/api/v1/jobs', 'get'>;
type JobStatus = NonNullable<JobQuery['status']>;
type JobSort = NonNullable<JobQuery['sort']>;
const STATUSES = valuesOf<JobStatus>({ queued: true, running: true, done: true, failed: true });

function JobProgress({ job, smtpConfigured }: { job: Job; smtpConfigured: boolean | undefined }) {
  const { t } = useTranslation();
  const fraction = progressFraction(job.progress);
  if (fraction) {
    return (
      <Stack gap={2} miw={140}>
        <Progress
          value={job.status === 'done' ? 100 : fraction.value}
          size="sm"
          color={job.status === 'failed' ? 'red' : undefined}
          animated={job.status === 'running'}
        />
        <Text size="xs" c="dimmed">
          {fraction.label}
        </Text>
      </Stack>
    );
  }
  // A finished job without progress shows what it reported (an e-mail delivery run: how many it sent).
  const shown = job.progress ?? (job.status === 'done' ? job.result : null);
  const mailNote =
    MAIL_JOBS.includes(job.name) && smtpConfigured === false ? (
      <Anchor
        renderRoot={(props) => <Link {...props} to="/admin/outbox" />}
        size="xs"
        miw={210}
        display="block"
        data-testid="job-mail-note"
      >
        {t('admin.jobs.mailWaitsInOutbox')}
      </Anchor>
    ) : null;
  if (shown === null || shown === undefined) return mailNote ?? <>—</>;
  if (typeof shown === 'object' && !Array.isArray(shown)) {
    const entries = Object.entries(shown as Record<string, unknown>).sort(([a], [b]) => progressRank(a) - progressRank(b));
    return (
      <Stack gap={2} miw={210}>
        <Text size="xs" c="dimmed">
          {entries
            .map(([key, value]) => `${t(`admin.jobs.progressKeys.${key}`, { defaultValue: humanize(key) })}: ${progressValue(value)}`)
            .join(' · ')}
        </Text>
        {mailNote}
      </Stack>
    );
  }
  return <Code fz="xs">{JSON.stringify(shown)}</Code>;
}

/** A time as two short lines, date over time of day, so the table's three times fit beside its progress and errors. */
function When({ value }: { value: string | null | undefined }) {
  if (!value) return <>—</>;
  return (
    <Stack gap={0} title={formatDateTime(value)}>
      <Text size="sm">{formatDate(value)}</Text>
      <Text size="xs" c="dimmed">
        {formatTime(value)}
      </Text>
    </Stack>
  );
}

/** Administration → Jobs: background work (imports, e-mail delivery, scheduled runs) with status, progress and errors. */
export function JobsPage() {
  const { t } = useTranslation();
  const canExport = useCan('export:run');
  const smtpConfigured = useSmtpConfigured();
  const controls = useListState<{ status?: JobStatus }, JobSort>({ sort: 'createdAt', order: 'desc', filters: {} });
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: ['jobs'],
    toQuery: ({ q, filters, sort, order }) => ({ q, status: filters.status, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/jobs', { params: { query } })),
    // Running jobs move; keep the page live while it is open.
    refetchInterval: 5_000,
  });

  const columns = useMemo<DataColumn<Job>[]>(
    () => [
      {
        id: 'name',
        header: t('admin.jobs.name'),
        enableSorting: true,
        // What the job does in words, and its name as the logs and the API know it.
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm">{jobLabel(t, row.original.name)}</Text>
            <Code fz="xs" w="fit-content">
              {row.original.name}
            </Code>
          </Stack>
        ),
      },
      {
        id: 'status',
        header: t('admin.jobs.status'),
        enableSorting: true,
        cell: ({ row }) => (
          <StatusBadge
            status={row.original.status}
            label={t(`admin.jobs.statuses.${row.original.status}`, { defaultValue: row.original.status })}
          />
        ),
      },
      {
        id: 'progress',
        header: t('admin.jobs.progress'),
        cell: ({ row }) => <JobProgress job={row.original} smtpConfigured={smtpConfigured} />,
      },
      {
        id: 'attempts',
        header: t('admin.jobs.attempts'),
        accessorKey: 'attempts',
        enableSorting: true,
        meta: { align: 'right', width: 80 },
      },
      {
        id: 'createdAt',
        header: t('admin.jobs.createdAt'),
        enableSorting: true,
        cell: ({ row }) => <When value={row.original.createdAt} />,
        meta: { noWrap: true },
      },
      {
        id: 'runAt',
        header: t('admin.jobs.runAt'),
        enableSorting: true,
        // A queued job whose time has come waits for a worker (or, for e-mail, for an SMTP server): a date in the
        // past would read as if it had run then.
        cell: ({ row }) =>
          row.original.status === 'queued' && Date.parse(row.original.runAt) <= Date.now() ? (
            <Text span size="sm" c="dimmed" title={formatDateTime(row.original.runAt)} data-testid="job-run-at-due">
              {t('admin.jobs.runAtDue')}
            </Text>
          ) : (
            <When value={row.original.runAt} />
          ),
        meta: { noWrap: true },
      },
      {
        id: 'finishedAt',
        header: t('admin.jobs.finishedAt'),
        enableSorting: true,
        cell: ({ row }) => <When value={row.original.finishedAt} />,
        meta: { noWrap: true },
      },
      {
        id: 'lastError',
        header: t('admin.jobs.lastError'),
        cell: ({ row }) =>
          row.original.lastError ? (
            <Tooltip label={row.original.lastError} multiline w={420}>
              <Text size="xs" c="red" lineClamp={2} miw={160} maw={280}>
                {row.original.lastError}
              </Text>
            </Tooltip>
          ) : (
            '—'
          ),
      },
    ],
    [t, smtpConfigured],
  );

  return (
    <>
      <PageHeader title={t('admin.nav.jobs')} subtitle={t('admin.jobs.subtitle')} />
      <DataTable
        testId="jobs-table"
        columns={columns}
        list={list}
        getRowId={(j) => j.id}
        exportUrl={canExport ? buildUrl('/api/v1/jobs/export.csv', list.query) : undefined}
        emptyMessage={t('admin.jobs.empty')}
        search={{ placeholder: t('admin.jobs.namePlaceholder'), width: 220 }}
        filters={
          <SegmentedControl
            aria-label={t('admin.jobs.status')}
            data={[{ value: 'all', label: t('common.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`admin.jobs.statuses.${s}`) }))]}
            value={list.filters.status ?? 'all'}
            onChange={(v) => list.setFilters({ status: v === 'all' ? undefined : (v as JobStatus) })}
          />
        }
      />
    </>
  );
}
