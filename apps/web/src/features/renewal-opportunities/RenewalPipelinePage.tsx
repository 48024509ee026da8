import { Anchor, Group, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { renewalKeys } from './queryKeys.ts';
import { DueCell, money, RiskBadges, StageBadge } from './RenewalBadges.tsx';
import { RenewalBoard } from './RenewalBoard.tsx';
import { RenewalCalendar } from './RenewalCalendar.tsx';
import { RenewalDrawer } from './RenewalDrawer.tsx';
import { RENEWAL_CATEGORIES, RENEWAL_STAGES, RENEWAL_STATUSES, RENEWAL_TIMINGS, RENEWAL_VIEWS, type RenewalsSearch } from './search.ts';
import type { Renewal } from './types.ts';
import { useMoveRenewal } from './useMoveRenewal.tsx';

const route = getRouteApi('/app/renewal-opportunities');
type Filters = Omit<RenewalsSearch, 'q' | 'page' | 'pageSize' | 'sort' | 'order'>;

/**
 * The renewal pipeline: a board by stage (drag a card, or its stage menu), a list (filters, sort, paging, CSV) and a
 * calendar of renewal dates; overdue and soon-due renewals stand out; a renewal opens beside them.
 */
export function RenewalPipelinePage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/renewal-opportunities' });
  const canExport = useCan('export:run');
  const me = useMe();
  const users = useActiveUsers();
  const setSearch = useCallback(
    (changes: Partial<RenewalsSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    [navigate],
  );
  const controls = urlListControls(search, setSearch, { sort: 'dueOn', order: 'asc', filters: {} as Filters });
  const f = controls.filters;
  const view = f.view ?? 'board';
  const open = useCallback((id: string) => setSearch({ renewal: id }), [setSearch]);
  const { move, modal } = useMoveRenewal();
  // The filters every view shares (the board and the calendar take them without stage and status).
  const shared = {
    q: controls.q.trim() || undefined,
    accountId: f.accountId,
    timing: f.timing,
    category: f.category,
    ownerUserId: f.ownerUserId,
  };
  const list = useServerList(controls, {
    queryKey: renewalKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      accountId: filters.accountId,
      status: filters.status,
      timing: filters.timing,
      stage: filters.stage,
      category: filters.category,
      ownerUserId: filters.ownerUserId,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/renewal-opportunities', { params: { query } })),
  });

  const columns = useMemo<DataColumn<Renewal>[]>(
    () => [
      {
        id: 'account',
        header: t('renewalPipeline.fields.account'),
        enableSorting: true,
        meta: { sticky: true, noWrap: true },
        cell: ({ row }) => (
          <UnstyledButton onClick={() => open(row.original.id)} data-testid={`renewal-open-${row.original.id}`}>
            <Text size="sm" fw={500}>
              {row.original.accountName}
            </Text>
          </UnstyledButton>
        ),
      },
      {
        id: 'dueOn',
        header: t('renewalPipeline.fields.dueOn'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => <DueCell renewal={row.original} />,
      },
      {
        id: 'stage',
        header: t('renewalPipeline.fields.stage'),
        enableSorting: true,
        cell: ({ row }) => <StageBadge stage={row.original.stage} />,
      },
      {
        id: 'category',
        header: t('renewalPipeline.fields.category'),
        cell: ({ row }) => t(`renewalPipeline.categories.${row.original.category}`),
      },
      {
        id: 'targetCents',
        header: t('renewalPipeline.fields.target'),
        enableSorting: true,
        meta: { noWrap: true, align: 'right' },
        cell: ({ row }) => money(row.original.targetCents, row.original.currency),
      },
      {
        id: 'forecastCents',
        header: t('renewalPipeline.fields.forecastShort'),
        enableSorting: true,
        meta: { noWrap: true, align: 'right' },
        cell: ({ row }) => money(row.original.forecastCents, row.original.currency),
      },
      {
        id: 'likelihood',
        header: t('renewalPipeline.fields.likelihood'),
        enableSorting: true,
        cell: ({ row }) => (row.original.likelihood === null ? t('common.empty') : String(row.original.likelihood)),
      },
      {
        id: 'risks',
        header: t('renewalPipeline.fields.risks'),
        meta: { width: 190 },
        cell: ({ row }) => <RiskBadges renewal={row.original} />,
      },
      {
        id: 'owner',
        header: t('renewalPipeline.fields.owner'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => row.original.ownerName ?? t('renewalPipeline.noOwner'),
      },
      {
        id: 'subscription',
        header: t('renewalPipeline.fields.subscription'),
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Anchor renderRoot={(p) => <Link {...p} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} />} size="sm">
            {row.original.subscriptionReference}
          </Anchor>
        ),
      },
    ],
    [t, open],
  );

  const commonFilters = (
    <>
      <SegmentedControl
        size="sm"
        value={f.timing ?? 'any'}
        onChange={(v) => controls.setFilters({ timing: v === 'any' ? undefined : (v as Filters['timing']) })}
        data={[
          { value: 'any', label: t('renewalPipeline.timing.any') },
          ...RENEWAL_TIMINGS.map((d) => ({ value: d, label: t(`renewalPipeline.timing.${d}`) })),
        ]}
        aria-label={t('renewalPipeline.fields.dueOn')}
      />
      <FilterMultiSelect
        label={t('renewalPipeline.fields.category')}
        data={RENEWAL_CATEGORIES.map((c) => ({ value: c, label: t(`renewalPipeline.categories.${c}`) }))}
        value={f.category}
        width={150}
        onChange={(category) => controls.setFilters({ category })}
        testId="filter-category"
      />
      <FilterMultiSelect
        label={t('renewalPipeline.fields.owner')}
        data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={f.ownerUserId}
        width={160}
        searchable
        onChange={(ownerUserId) => controls.setFilters({ ownerUserId })}
        testId="filter-owner"
      />
      <AccountSelect
        w={200}
        placeholder={t('renewalPipeline.fields.account')}
        aria-label={t('renewalPipeline.fields.account')}
        clearable
        value={f.accountId ?? null}
        onChange={(accountId) => controls.setFilters({ accountId: accountId ?? undefined })}
      />
    </>
  );
  const today = dayjs().format('YYYY-MM');

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.renewalOpportunities')}
        subtitle={t('renewalPipeline.subtitle')}
        actions={
          <SegmentedControl
            value={view}
            onChange={(v) => setSearch({ view: v === 'board' ? undefined : (v as Filters['view']), page: undefined })}
            data={RENEWAL_VIEWS.map((v) => ({ value: v, label: t(`renewalPipeline.views.${v}`) }))}
            data-testid="renewal-view"
          />
        }
      />
      {view === 'list' ? (
        <DataTable
          testId="renewals-table"
          columns={columns}
          list={list}
          getRowId={(r) => r.id}
          search={{ placeholder: t('renewalPipeline.searchPlaceholder') }}
          filters={
            <Group gap="xs" wrap="wrap">
              <SegmentedControl
                size="sm"
                value={f.status ?? 'open'}
                onChange={(v) => controls.setFilters({ status: v === 'open' ? undefined : (v as Filters['status']) })}
                data={RENEWAL_STATUSES.map((s) => ({ value: s, label: t(`renewalPipeline.statuses.${s}`) }))}
                aria-label={t('renewalPipeline.fields.status')}
              />
              <FilterMultiSelect
                label={t('renewalPipeline.fields.stage')}
                data={RENEWAL_STAGES.map((s) => ({ value: s, label: t(`renewalPipeline.stages.${s}`) }))}
                value={f.stage}
                width={150}
                onChange={(stage) => controls.setFilters({ stage })}
                testId="filter-stage"
              />
              {commonFilters}
            </Group>
          }
          exportUrl={canExport ? buildUrl('/api/v1/renewal-opportunities/export.csv', list.query) : undefined}
          columnSettings={{ storageKey: `renewals.${me.user.id}` }}
          emptyMessage={t('renewalPipeline.empty')}
        />
      ) : (
        <>
          <Group gap="xs" wrap="wrap">
            {commonFilters}
          </Group>
          {view === 'board' ? (
            <RenewalBoard query={shared} onOpen={open} onMove={move} />
          ) : (
            <RenewalCalendar month={f.month ?? today} query={shared} onMonth={(month) => setSearch({ month })} onOpen={open} />
          )}
        </>
      )}
      <RenewalDrawer renewalId={search.renewal} onClose={() => setSearch({ renewal: undefined })} onMove={move} />
      {modal}
    </Stack>
  );
}
