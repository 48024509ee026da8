import { Anchor, Badge, Button, Group, Progress, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconTimeline } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { journeyKeys } from './queryKeys.ts';
import { type JourneysSearch, LATENESS, LATENESS_COLORS, LIST_STATUSES } from './search.ts';
import type { JourneyRow } from './types.ts';

const route = getRouteApi('/app/journeys');
type Filters = Omit<JourneysSearch, 'q' | 'page' | 'pageSize' | 'sort' | 'order'>;

/**
 * The portfolio of journeys: every account's journey by its current milestone and lateness (the latest first), with
 * checklist progress and the open challenges and issues; filters, sort, paging, CSV.
 */
export function JourneysPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/journeys' });
  const canExport = useCan('export:run');
  const canManage = useCan('journey_template:manage');
  const me = useMe();
  const users = useActiveUsers();
  const setSearch = useCallback(
    (changes: Partial<JourneysSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    [navigate],
  );
  const controls = urlListControls(search, setSearch, { sort: 'daysLate', order: 'desc', filters: {} as Filters });
  const list = useServerList(controls, {
    queryKey: journeyKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, ...filters, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/journeys', { params: { query } })),
  });
  // The milestones to filter by: the default journey's.
  const templates = useQuery({
    queryKey: journeyKeys.templates,
    queryFn: async () => unwrap(await api.GET('/api/v1/journey-templates', { params: { query: { pageSize: 200 } } })),
  });
  const firstId = (templates.data?.items.find((x) => x.isDefault) ?? templates.data?.items[0])?.id;
  const template = useQuery({
    queryKey: journeyKeys.template(firstId ?? ''),
    enabled: !!firstId,
    queryFn: async () => unwrap(await api.GET('/api/v1/journey-templates/{id}', { params: { path: { id: firstId ?? '' }, query: {} } })),
  });
  const f = list.filters;
  // The counts by lateness over the filters come with each page (the list's own query holds them).
  const queryClient = useQueryClient();
  const summary =
    queryClient.getQueryData<{ summary: { late: number; onTrack: number; done: number } }>([
      ...journeyKeys.list,
      list.query,
      list.page,
      list.pageSize,
    ])?.summary ?? null;

  const columns = useMemo<DataColumn<JourneyRow>[]>(
    () => [
      {
        id: 'account',
        header: t('journey.fields.account'),
        enableSorting: true,
        meta: { sticky: true, noWrap: true },
        cell: ({ row }) => (
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} search={{ tab: 'journey' }} />
            )}
            size="sm"
            fw={500}
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      {
        id: 'owner',
        header: t('journey.fields.owner'),
        meta: { noWrap: true },
        cell: ({ row }) => row.original.ownerName ?? t('common.empty'),
      },
      {
        id: 'milestone',
        header: t('journey.fields.currentMilestone'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => row.original.currentMilestone ?? t('journey.allDone'),
      },
      {
        id: 'dueOn',
        header: t('journey.fields.dueOn'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDate(row.original.currentDueOn),
      },
      {
        id: 'daysLate',
        header: t('journey.fields.lateness'),
        enableSorting: true,
        meta: { noWrap: true, width: 170 },
        cell: ({ row }) => (
          <Badge
            color={LATENESS_COLORS[row.original.lateness]}
            variant="light"
            tt="none"
            styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
            data-testid="journey-lateness"
          >
            {row.original.lateness === 'late'
              ? t('journey.daysLate', { count: row.original.daysLate })
              : t(`journey.lateness.${row.original.lateness}`)}
          </Badge>
        ),
      },
      {
        id: 'progress',
        header: t('journey.fields.checklist'),
        enableSorting: true,
        cell: ({ row }) => {
          const { checklistDone: done, checklistTotal: total } = row.original;
          return (
            <Tooltip label={t('journey.checklistOf', { done, total })}>
              <Group gap={6} wrap="nowrap" w={130}>
                <Progress value={total ? (done / total) * 100 : 0} w={80} size="sm" aria-label={t('journey.fields.checklist')} />
                <Text size="xs" c="dimmed">
                  {done}/{total}
                </Text>
              </Group>
            </Tooltip>
          );
        },
      },
      {
        id: 'challenges',
        header: t('journey.fields.openChallenges'),
        meta: { align: 'right' },
        cell: ({ row }) => (row.original.openChallenges ? formatNumber(row.original.openChallenges) : t('common.empty')),
      },
      {
        id: 'issues',
        header: t('journey.fields.openIssues'),
        meta: { align: 'right' },
        cell: ({ row }) => (row.original.openIssues ? formatNumber(row.original.openIssues) : t('common.empty')),
      },
      {
        id: 'startedOn',
        header: t('journey.fields.startedOn'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.startedOn)}
          </Text>
        ),
      },
      {
        id: 'journey',
        header: t('journey.fields.journey'),
        meta: { noWrap: true },
        cell: ({ row }) => t('journey.nameVersion', { name: row.original.name, version: row.original.templateVersion }),
      },
    ],
    [t],
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.journeys')}
        subtitle={
          summary ? t('journey.summary', { late: summary.late, onTrack: summary.onTrack, done: summary.done }) : t('journey.subtitle')
        }
        actions={
          canManage ? (
            <Button
              variant="default"
              leftSection={<IconTimeline size={16} />}
              renderRoot={(props) => <Link {...props} to="/journeys/templates" />}
            >
              {t('nav.journeyTemplates')}
            </Button>
          ) : null
        }
      />
      <DataTable
        testId="journeys-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('journey.searchPlaceholder') }}
        filters={
          <Group gap="xs" wrap="wrap">
            <SegmentedControl
              size="sm"
              value={f.lateness ?? 'any'}
              onChange={(v) => list.setFilters({ lateness: v === 'any' ? undefined : (v as Filters['lateness']) })}
              data={[{ value: 'any', label: t('common.all') }, ...LATENESS.map((l) => ({ value: l, label: t(`journey.lateness.${l}`) }))]}
              aria-label={t('journey.fields.lateness')}
              data-testid="journey-lateness-filter"
            />
            <SegmentedControl
              size="sm"
              value={f.status ?? 'active'}
              onChange={(v) => list.setFilters({ status: v === 'active' ? undefined : (v as Filters['status']) })}
              data={LIST_STATUSES.map((s) => ({ value: s, label: t(`journey.listStatuses.${s}`) }))}
              aria-label={t('journey.fields.status')}
            />
            <FilterMultiSelect
              label={t('journey.fields.currentMilestone')}
              data={(template.data?.milestones ?? []).map((m) => ({ value: m.key, label: m.name }))}
              value={f.milestone}
              width={180}
              onChange={(milestone) => list.setFilters({ milestone })}
              testId="filter-milestone"
            />
            <FilterMultiSelect
              label={t('journey.fields.owner')}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={f.ownerUserId}
              width={160}
              searchable
              onChange={(ownerUserId) => list.setFilters({ ownerUserId })}
              testId="filter-owner"
            />
          </Group>
        }
        exportUrl={canExport ? buildUrl('/api/v1/journeys/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `journeys.${me.user.id}`, defaultHidden: ['journey', 'owner'] }}
        emptyMessage={t('journey.empty')}
      />
    </Stack>
  );
}
