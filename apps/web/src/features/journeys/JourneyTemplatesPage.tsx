import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { journeyKeys } from './queryKeys.ts';
import { type JourneyTemplatesSearch, TEMPLATE_STATUSES, TRIGGERS } from './search.ts';
import type { JourneyTemplateSummary, JourneyTrigger } from './types.ts';

const route = getRouteApi('/app/journeys/templates');
type Filters = Omit<JourneyTemplatesSearch, 'q' | 'page' | 'pageSize' | 'sort' | 'order'>;

/**
 * The journey templates: in use or archived, each with its version, milestones, weeks, what starts it and the accounts
 * running it; search, trigger, sort by header, paging, CSV export.
 */
export function JourneyTemplatesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/journeys/templates' });
  const canManage = useCan('journey_template:manage');
  const canExport = useCan('export:run');
  const me = useMe();
  const setSearch = useCallback(
    (changes: Partial<JourneyTemplatesSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    [navigate],
  );
  const controls = urlListControls(search, setSearch, { sort: 'name', order: 'asc', filters: {} as Filters });
  const list = useServerList(controls, {
    queryKey: [...journeyKeys.templates, 'list'],
    toQuery: ({ q, filters, sort, order }) => ({ q, status: filters.status, trigger: filters.trigger, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/journey-templates', { params: { query } })),
  });

  const columns = useMemo<DataColumn<JourneyTemplateSummary>[]>(
    () => [
      {
        id: 'name',
        header: t('journey.templates.name'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row: { original: x } }) => (
          <>
            <Group gap="xs" wrap="nowrap">
              <Anchor
                renderRoot={(props) => <Link {...props} to="/journeys/templates/$templateId" params={{ templateId: x.id }} />}
                fw={500}
                size="sm"
              >
                {x.name}
              </Anchor>
              {x.isDefault ? (
                <Badge size="sm" variant="light">
                  {t('journey.templates.default')}
                </Badge>
              ) : null}
              {x.archivedAt ? (
                <Badge size="sm" variant="light" color="gray">
                  {t('journey.templates.archivedOn', { date: formatDate(x.archivedAt) })}
                </Badge>
              ) : null}
            </Group>
            {x.description ? (
              <Text size="xs" c="dimmed" lineClamp={1} maw={420}>
                {x.description}
              </Text>
            ) : null}
          </>
        ),
      },
      {
        id: 'version',
        header: t('journey.templates.version'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => row.original.version,
      },
      {
        id: 'milestones',
        header: t('journey.templates.milestones'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatNumber(row.original.milestoneCount),
      },
      {
        id: 'weeks',
        header: t('journey.templates.weeks'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatNumber(row.original.weeks),
      },
      {
        id: 'triggers',
        header: t('journey.templates.triggers'),
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Group gap={4} wrap="nowrap">
            {row.original.triggers.length
              ? row.original.triggers.map((tr) => (
                  <Badge key={tr} size="sm" variant="outline" color="gray" tt="none" style={{ flexShrink: 0 }}>
                    {t(`journey.triggers.${tr}`)}
                  </Badge>
                ))
              : t('journey.templates.byHandOnly')}
          </Group>
        ),
      },
      {
        id: 'activeJourneys',
        header: t('journey.templates.running'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatNumber(row.original.activeJourneys),
      },
      {
        id: 'updatedAt',
        header: t('journey.templates.updated'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.updatedAt)}
          </Text>
        ),
      },
    ],
    [t],
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.journeyTemplates')}
        subtitle={t('journey.templates.subtitle')}
        actions={
          canManage ? (
            <Button
              leftSection={<IconPlus size={16} />}
              renderRoot={(props) => <Link {...props} to="/journeys/templates/$templateId" params={{ templateId: 'new' }} />}
              data-testid="new-journey-template"
            >
              {t('journey.templates.new')}
            </Button>
          ) : null
        }
      />
      <DataTable
        testId="journey-templates-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('journey.templates.searchPlaceholder') }}
        filters={
          <Group gap="xs" wrap="wrap">
            <SegmentedControl
              size="sm"
              value={list.filters.status ?? 'active'}
              onChange={(v) => list.setFilters({ status: v === 'active' ? undefined : (v as Filters['status']) })}
              data={TEMPLATE_STATUSES.map((s) => ({
                value: s,
                label: t(s === 'active' ? 'journey.templates.inUse' : 'journey.templates.archived'),
              }))}
              aria-label={t('journey.templates.status')}
              data-testid="journey-templates-status"
            />
            <Select
              w={220}
              placeholder={t('journey.templates.trigger')}
              aria-label={t('journey.templates.trigger')}
              clearable
              data={TRIGGERS.map((x) => ({ value: x, label: t(`journey.triggers.${x}`) }))}
              value={list.filters.trigger ?? null}
              onChange={(v) => list.setFilters({ trigger: (v as JourneyTrigger | null) ?? undefined })}
            />
          </Group>
        }
        exportUrl={canExport ? buildUrl('/api/v1/journey-templates/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `journey-templates.${me.user.id}` }}
        emptyMessage={t('journey.templates.empty')}
      />
    </Stack>
  );
}
