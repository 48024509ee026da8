import { Badge, Button, Group, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable, type SortOrder } from '../../components/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
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

type ImportSort = 'createdAt' | 'fileName' | 'entity' | 'status' | 'totalRows' | 'errorRows';

/** Imports: past and running imports of accounts and contacts; "New import" opens the wizard. */
export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [entity, setEntity] = useState<ImportEntity | null>(null);
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [mode, setMode] = useState<ImportMode | null>(null);
  const [sorting, setSorting] = useState<{ sort: ImportSort; order: SortOrder }>({ sort: 'createdAt', order: 'desc' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const canExport = useCan('export:run');

  // The list and its CSV export share filters and order.
  const filters = {
    q: q || undefined,
    entity: entity ?? undefined,
    status: status ?? undefined,
    mode: mode ?? undefined,
    sort: sorting.sort,
    order: sorting.order,
  };
  const filtered = Boolean(filters.q || filters.entity || filters.status || filters.mode);
  const query = useQuery({
    queryKey: ['imports', 'list', filters, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/imports', { params: { query: { ...filters, page, pageSize } } })),
    refetchInterval: (q) => (q.state.data?.items.some((i) => BUSY_STATUSES.includes(i.status)) ? 2_000 : false),
  });
  const n = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);

  const columns = useMemo<DataColumn<ImportSummary>[]>(
    () => [
      {
        id: 'createdAt',
        header: t('imports.list.started'),
        enableSorting: true,
        cell: ({ row }) => dayjs(row.original.createdAt).format('lll'),
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

  const resetPage =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

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
        data={query.data?.items}
        total={query.data?.total}
        getRowId={(i) => i.id}
        isLoading={query.isLoading}
        isFetching={query.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={resetPage(setPageSize)}
        sort={sorting.sort}
        order={sorting.order}
        onSortChange={(sort, order) => resetPage(setSorting)({ sort: sort as ImportSort, order })}
        exportUrl={canExport ? buildUrl('/api/v1/imports/export.csv', filters) : undefined}
        toolbar={
          <Group gap="sm" align="flex-end">
            <TextInput
              w={240}
              leftSection={<IconSearch size={16} />}
              placeholder={t('imports.list.searchPlaceholder')}
              aria-label={t('imports.list.file')}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
            />
            <Select
              w={180}
              placeholder={t('imports.list.allEntities')}
              aria-label={t('imports.list.entity')}
              clearable
              data={IMPORT_ENTITIES.map((e) => ({ value: e, label: t(`imports.entities.${e}`) }))}
              value={entity}
              onChange={(v) => resetPage(setEntity)(v as ImportEntity | null)}
            />
            <Select
              w={200}
              placeholder={t('imports.list.allStatuses')}
              aria-label={t('imports.list.status')}
              clearable
              data={IMPORT_STATUSES.map((s) => ({ value: s, label: t(`imports.statuses.${s}`) }))}
              value={status}
              onChange={(v) => resetPage(setStatus)(v as ImportStatus | null)}
            />
            <Select
              w={220}
              placeholder={t('imports.list.allModes')}
              aria-label={t('imports.list.mode')}
              clearable
              data={IMPORT_MODES.map((m) => ({ value: m, label: t(`imports.modes.${m}`) }))}
              value={mode}
              onChange={(v) => resetPage(setMode)(v as ImportMode | null)}
            />
          </Group>
        }
        onRowClick={(i) => void navigate({ to: '/imports/$importId', params: { importId: i.id } })}
        // "No imports yet" only when nothing is filtered out; otherwise the table's own "nothing to show".
        emptyMessage={
          filtered ? undefined : (
            <Group gap={6}>
              <Text c="dimmed">{t('imports.list.empty')}</Text>
            </Group>
          )
        }
      />
    </>
  );
}
