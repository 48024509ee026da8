import { Badge, Button, Progress, Select, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { QueryOf } from '../../lib/types.ts';
import {
  BUSY_STATUSES,
  IMPORT_ENTITIES,
  IMPORT_MODES,
  IMPORT_STATUSES,
  type ImportEntity,
  type ImportMode,
  type ImportStatus,
  type ImportSummary,
} from './api.ts';
import { ImportStatusBadge } from './ImportStatusBadge.tsx';

type ImportSort = NonNullable<QueryOf<'/api/v1/imports', 'get'>['sort']>;

/** Imports: past and running imports of accounts and contacts; "New import" opens the wizard. */
export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const canExport = useCan('export:run');
  const controls = useListState<{ entity?: ImportEntity; status?: ImportStatus; mode?: ImportMode }, ImportSort>({
    sort: 'createdAt',
    order: 'desc',
    filters: {},
    pageSize: 25,
  });
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: ['imports', 'list'],
    toQuery: ({ q, filters, sort, order }) => ({ q, ...filters, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/imports', { params: { query } })),
    refetchInterval: (rows) => (rows?.some((i) => BUSY_STATUSES.includes(i.status)) ? 2_000 : false),
  });
  const n = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);

  const columns = useMemo<DataColumn<ImportSummary>[]>(
    () => [
      {
        id: 'createdAt',
        header: t('imports.list.started'),
        enableSorting: true,
        cell: ({ row }) => formatDateTime(row.original.createdAt),
        meta: { noWrap: true, width: 170 },
      },
      {
        id: 'fileName',
        header: t('imports.list.file'),
        enableSorting: true,
        cell: ({ row }) => (
          <Text size="sm" fw={500} lineClamp={1} miw={160} title={row.original.fileName}>
            {row.original.fileName}
          </Text>
        ),
      },
      {
        id: 'entity',
        header: t('imports.list.entity'),
        enableSorting: true,
        cell: ({ row }) => (
          <Badge variant="outline" color="gray" tt="none" style={{ minWidth: 'max-content' }}>
            {t(`imports.entities.${row.original.entity}`)}
          </Badge>
        ),
      },
      {
        id: 'status',
        header: t('imports.list.status'),
        enableSorting: true,
        cell: ({ row }) => (
          <Stack gap={4} align="flex-start">
            <ImportStatusBadge status={row.original.status} />
            {row.original.mode ? (
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t(`imports.modes.${row.original.mode}`)}
              </Text>
            ) : null}
            {BUSY_STATUSES.includes(row.original.status) && row.original.totalRows > 0 ? (
              <Progress size="xs" w={110} value={(row.original.processedRows / row.original.totalRows) * 100} animated />
            ) : null}
          </Stack>
        ),
      },
      {
        id: 'totalRows',
        header: t('imports.list.rows'),
        enableSorting: true,
        cell: ({ row }) => n.format(row.original.totalRows),
        meta: { align: 'right' },
      },
      {
        id: 'errorRows',
        header: t('imports.list.errors'),
        enableSorting: true,
        cell: ({ row }) =>
          row.original.errorRows ? (
            <Text c="red" size="sm">
              {n.format(row.original.errorRows)}
            </Text>
          ) : (
            '0'
          ),
        meta: { align: 'right' },
      },
      {
        id: 'result',
        header: t('imports.list.result'),
        cell: ({ row }) => {
          const r = row.original;
          if (r.status !== 'completed' && !r.keptRows) return '—';
          // Only what happened: "2 new · 3 skipped".
          const parts = [
            [r.insertedRows, 'resultNew'],
            [r.updatedRows, 'resultUpdated'],
            [r.skippedRows, 'resultSkipped'],
            [r.keptRows, 'resultKept'],
          ] as const;
          const shown = parts.filter(([count]) => count > 0).map(([count, key]) => t(`imports.list.${key}`, { n: n.format(count) }));
          return shown.length ? shown.join(' · ') : '—';
        },
        meta: { noWrap: true },
      },
    ],
    [t, n],
  );

  return (
    <>
      <PageHeader
        title={t('nav.imports')}
        subtitle={t('imports.list.subtitle')}
        actions={
          <Button component={Link} to="/imports/new" leftSection={<IconFileImport size={16} />}>
            {t('imports.list.new')}
          </Button>
        }
      />
      <DataTable
        testId="imports-table"
        columns={columns}
        list={list}
        getRowId={(i) => i.id}
        exportUrl={canExport ? buildUrl('/api/v1/imports/export.csv', list.query) : undefined}
        search={{ placeholder: t('imports.list.searchPlaceholder'), width: 240 }}
        filters={
          <>
            <Select
              w={180}
              placeholder={t('imports.list.allEntities')}
              aria-label={t('imports.list.entity')}
              clearable
              data={IMPORT_ENTITIES.map((e) => ({ value: e, label: t(`imports.entities.${e}`) }))}
              value={list.filters.entity ?? null}
              onChange={(v) => list.setFilters({ entity: (v ?? undefined) as ImportEntity | undefined })}
            />
            <Select
              w={200}
              placeholder={t('imports.list.allStatuses')}
              aria-label={t('imports.list.status')}
              clearable
              data={IMPORT_STATUSES.map((s) => ({ value: s, label: t(`imports.statuses.${s}`) }))}
              value={list.filters.status ?? null}
              onChange={(v) => list.setFilters({ status: (v ?? undefined) as ImportStatus | undefined })}
            />
            <Select
              w={220}
              placeholder={t('imports.list.allModes')}
              aria-label={t('imports.list.mode')}
              clearable
              data={IMPORT_MODES.map((m) => ({ value: m, label: t(`imports.modes.${m}`) }))}
              value={list.filters.mode ?? null}
              onChange={(v) => list.setFilters({ mode: (v ?? undefined) as ImportMode | undefined })}
            />
          </>
        }
        onRowClick={(i) => void navigate({ to: '/imports/$importId', params: { importId: i.id } })}
        emptyMessage={t('imports.list.empty')}
      />
    </>
  );
}
