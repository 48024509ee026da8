import { Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { BUSY_STATUSES, type ImportSummary } from './api.ts';
import { ImportStatusBadge } from './ImportStatusBadge.tsx';

/** Imports: past and running imports of accounts and contacts; "New import" opens the wizard. */
export function ImportsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = useQuery({
    queryKey: ['imports', 'list', { page, pageSize }],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/imports', { params: { query: { page, pageSize } } })),
    refetchInterval: (q) => (q.state.data?.items.some((i) => BUSY_STATUSES.includes(i.status)) ? 2_000 : false),
  });
  const n = useMemo(() => new Intl.NumberFormat(i18n.language), [i18n.language]);

  const columns = useMemo<DataColumn<ImportSummary>[]>(
    () => [
      {
        id: 'createdAt',
        header: t('imports.list.started'),
        cell: ({ row }) => dayjs(row.original.createdAt).format('lll'),
        meta: { noWrap: true, width: 170 },
      },
      {
        id: 'fileName',
        header: t('imports.list.file'),
        cell: ({ row }) => (
          <Text size="sm" fw={500} lineClamp={1}>
            {row.original.fileName}
          </Text>
        ),
      },
      {
        id: 'entity',
        header: t('imports.list.entity'),
        cell: ({ row }) => (
          <Badge variant="outline" color="gray" tt="none">
            {t(`imports.entities.${row.original.entity}`)}
          </Badge>
        ),
      },
      {
        id: 'status',
        header: t('imports.list.status'),
        cell: ({ row }) => (
          <Stack gap={4}>
            <ImportStatusBadge status={row.original.status} />
            {BUSY_STATUSES.includes(row.original.status) && row.original.totalRows > 0 ? (
              <Progress size="xs" w={110} value={(row.original.processedRows / row.original.totalRows) * 100} animated />
            ) : null}
          </Stack>
        ),
      },
      { id: 'totalRows', header: t('imports.list.rows'), cell: ({ row }) => n.format(row.original.totalRows), meta: { align: 'right' } },
      {
        id: 'errorRows',
        header: t('imports.list.errors'),
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
        cell: ({ row }) =>
          row.original.status === 'completed'
            ? t('imports.list.resultSummary', {
                inserted: n.format(row.original.insertedRows),
                updated: n.format(row.original.updatedRows),
                skipped: n.format(row.original.skippedRows),
              })
            : '—',
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
        data={query.data?.items}
        total={query.data?.total}
        getRowId={(i) => i.id}
        isLoading={query.isLoading}
        isFetching={query.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={(s) => {
          setPageSize(s);
          setPage(1);
        }}
        onRowClick={(i) => void navigate({ to: '/imports/$importId', params: { importId: i.id } })}
        emptyMessage={
          <Group gap={6}>
            <Text c="dimmed">{t('imports.list.empty')}</Text>
          </Group>
        }
      />
    </>
  );
}
