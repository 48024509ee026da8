import { Anchor, Badge, Button, Group, SegmentedControl, Tabs, Text } from '@mantine/core';
import { IconPlus, IconScale, IconSwords } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';
import { CompetitionTable } from './CompetitionTable.tsx';
import { CompetitorFormModal } from './CompetitorFormModal.tsx';
import { competitorKeys } from './queryKeys.ts';
import type { Competitor } from './types.ts';

const route = getRouteApi('/app/competitors');
type Status = 'active' | 'archived' | 'all';

const CSV: CsvColumn<Competitor>[] = [
  ['name', (c) => c.name],
  ['website', (c) => c.website],
  ['plans', (c) => c.planCount],
  ['accounts_using_or_evaluating', (c) => c.accountCount],
  ['notes', (c) => c.notes],
  ['archived_at', (c) => c.archivedAt],
];

/** Competitors: the list, and our plans' prices against their comparable plans. */
export function CompetitorsPage() {
  const { t, i18n } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/competitors' });
  const canWrite = useCan('competitor:write');
  const [creating, setCreating] = useState(false);
  const controls = useListState<{ status?: Status }, string>({ sort: 'name', order: 'asc', filters: {} });
  const status = controls.filters.status ?? 'active';
  const query = useQuery({
    queryKey: [...competitorKeys.list, status],
    queryFn: async () => unwrap(await api.GET('/api/v1/competitors', { params: { query: { status } } })).items,
  });
  const list = useLocalList(query.data, controls, {
    sortValues: { name: (c) => c.name, plans: (c) => c.planCount, accounts: (c) => c.accountCount },
    searchText: (c) => `${c.name} ${c.website ?? ''} ${c.notes ?? ''}`,
    language: i18n.language,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
  });
  const columns = useMemo<DataColumn<Competitor>[]>(
    () => [
      {
        id: 'name',
        header: t('competitor.fields.name'),
        enableSorting: true,
        cell: ({ row: { original: c } }) => (
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {c.name}
            </Text>
            {c.archivedAt ? (
              <Badge size="xs" color="gray">
                {t('competitor.archived')}
              </Badge>
            ) : null}
          </Group>
        ),
      },
      {
        id: 'website',
        header: t('competitor.fields.website'),
        cell: ({ row: { original: c } }) =>
          c.website ? (
            <Anchor href={c.website} target="_blank" rel="noopener noreferrer" size="sm" onClick={(e) => e.stopPropagation()}>
              {c.website.replace(/^https?:\/\//, '')}
            </Anchor>
          ) : (
            '—'
          ),
      },
      {
        id: 'notes',
        header: t('competitor.fields.notes'),
        cell: ({ row }) => (
          <Text size="sm" lineClamp={1}>
            {row.original.notes ?? '—'}
          </Text>
        ),
      },
      { id: 'plans', header: t('competitor.plans'), accessorKey: 'planCount', enableSorting: true, meta: { align: 'right', width: 90 } },
      {
        id: 'accounts',
        header: t('competitor.accountCount'),
        accessorKey: 'accountCount',
        enableSorting: true,
        meta: { align: 'right', width: 170 },
      },
    ],
    [t],
  );
  const tab = search.tab ?? 'list';

  return (
    <>
      <PageHeader title={t('competitor.title')} subtitle={t('competitor.subtitle')} />
      <Tabs
        value={tab}
        onChange={(v) => v && navigate({ search: { tab: v === 'list' ? undefined : 'prices' }, replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="list" leftSection={<IconSwords size={16} />}>
            {t('competitor.tabs.list')}
          </Tabs.Tab>
          <Tabs.Tab value="prices" leftSection={<IconScale size={16} />} data-testid="tab-prices">
            {t('competitor.tabs.prices')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list">
          <DataTable
            testId="competitors-table"
            columns={columns}
            list={list}
            getRowId={(c) => c.id}
            onRowClick={(c) => navigate({ to: '/competitors/$competitorId', params: { competitorId: c.id } })}
            onExport={() => downloadCsv('competitors.csv', CSV, list.all ?? [])}
            emptyMessage={t('competitor.empty')}
            search={{ placeholder: t('competitor.searchPlaceholder') }}
            filters={
              <SegmentedControl
                value={status}
                onChange={(v) => controls.setFilters({ status: v === 'active' ? undefined : (v as Status) })}
                data={(['active', 'archived', 'all'] as const).map((s) => ({ value: s, label: t(`competitor.status.${s}`) }))}
              />
            }
            actions={
              canWrite ? (
                <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-competitor">
                  {t('competitor.new')}
                </Button>
              ) : undefined
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="prices">
          <CompetitionTable />
        </Tabs.Panel>
      </Tabs>
      <CompetitorFormModal
        competitor={creating ? 'new' : null}
        onClose={() => setCreating(false)}
        onCreated={(c) => navigate({ to: '/competitors/$competitorId', params: { competitorId: c.id } })}
      />
    </>
  );
}
