import { Badge, Code, Drawer, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { type MouseEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable, type SortOrder } from '../../components/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import type { AuditEntry } from '../../lib/types.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { formatDateTime, useUserOptions } from './shared.tsx';

type AuditSort = 'at' | 'actorLabel' | 'entityType' | 'action';

// The entity types the server records; unknown ones still show, the filter offers the known ones.
const ENTITY_TYPES = ['account', 'contact', 'user', 'market', 'custom_field', 'organisation', 'api_token', 'import'] as const;

/** A translated label for an audit entity type or action, falling back to the raw value for ones added later. */
function useAuditLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      entity: (type: string) => t(`admin.audit.entities.${type}`, { defaultValue: type }),
      action: (action: string) => t(`admin.audit.actions.${action}`, { defaultValue: action.replace(/_/g, ' ') }),
    }),
    [t],
  );
}

/** Administration → Audit log: who changed what and when, with the before → after of each change. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const [entityType, setEntityType] = useState<string | null>(null);
  const [entityIdInput, setEntityIdInput] = useState('');
  const [entityId] = useDebouncedValue(entityIdInput.trim(), 300);
  const [actorUserId, setActorUserId] = useState<string | null>(null);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [sorting, setSorting] = useState<{ sort: AuditSort; order: SortOrder }>({ sort: 'at', order: 'desc' });
  const canExport = useCan('export:run');
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const { options: userOptions } = useUserOptions();

  const from = range[0] ? dayjs(range[0]).startOf('day').toISOString() : undefined;
  const to = range[1] ? dayjs(range[1]).endOf('day').toISOString() : undefined;
  // The list and its CSV export share filters and order.
  const filters = {
    entityType: entityType ?? undefined,
    entityId: entityId || undefined,
    actorUserId: actorUserId ?? undefined,
    from,
    to,
    sort: sorting.sort,
    order: sorting.order,
  };
  const query = useQuery({
    queryKey: ['audit-log', filters, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/audit-log', { params: { query: { ...filters, page, pageSize } } })),
  });

  const columns = useMemo<DataColumn<AuditEntry>[]>(
    () => [
      {
        id: 'at',
        accessorKey: 'at',
        header: t('admin.audit.when'),
        cell: ({ row }) => formatDateTime(row.original.at),
        enableSorting: true,
        meta: { noWrap: true, width: 190 },
      },
      { id: 'actorLabel', header: t('admin.audit.actor'), enableSorting: true, cell: ({ row }) => row.original.actorLabel },
      {
        id: 'action',
        header: t('admin.audit.action'),
        enableSorting: true,
        cell: ({ row }) => (
          <Badge variant="light" color="gray" tt="none">
            {labels.action(row.original.action)}
          </Badge>
        ),
      },
      {
        id: 'entityType',
        header: t('admin.audit.entity'),
        enableSorting: true,
        cell: ({ row }) => labels.entity(row.original.entityType),
      },
      {
        id: 'entityId',
        header: t('admin.audit.entityId'),
        // The item's name when the server knows it (the id otherwise, in monospace).
        cell: ({ row }) => {
          const { entityType, entityId, entityName } = row.original;
          return entityType === 'account' ? (
            <Link
              to="/accounts/$accountId"
              params={{ accountId: entityId }}
              style={
                entityName ? undefined : { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' }
              }
              onClick={(e: MouseEvent) => e.stopPropagation()}
            >
              {entityName ?? entityId}
            </Link>
          ) : (
            (entityName ?? (
              <Code fz="xs" bg="transparent">
                {entityId}
              </Code>
            ))
          );
        },
      },
    ],
    [t, labels],
  );

  const resetPage =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <>
      <PageHeader title={t('nav.auditLog')} subtitle={t('admin.audit.subtitle')} />
      <DataTable
        testId="audit-table"
        columns={columns}
        data={query.data?.items}
        total={query.data?.total}
        getRowId={(e) => e.id}
        isLoading={query.isLoading}
        isFetching={query.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={resetPage(setPageSize)}
        sort={sorting.sort}
        order={sorting.order}
        onSortChange={(sort, order) => resetPage(setSorting)({ sort: sort as AuditSort, order })}
        exportUrl={canExport ? buildUrl('/api/v1/audit-log/export.csv', filters) : undefined}
        onRowClick={setSelected}
        emptyMessage={t('admin.audit.empty')}
        toolbar={
          <Group gap="sm" align="flex-end">
            <Select
              w={190}
              label={t('admin.audit.entity')}
              placeholder={t('common.all')}
              clearable
              data={ENTITY_TYPES.map((e) => ({ value: e, label: labels.entity(e) }))}
              value={entityType}
              onChange={resetPage(setEntityType)}
            />
            <TextInput
              w={200}
              label={t('admin.audit.entityId')}
              placeholder={t('admin.audit.entityIdPlaceholder')}
              value={entityIdInput}
              onChange={(e) => resetPage(setEntityIdInput)(e.currentTarget.value)}
            />
            <Select
              w={220}
              label={t('admin.audit.actor')}
              placeholder={t('common.all')}
              searchable
              clearable
              data={userOptions}
              value={actorUserId}
              onChange={resetPage(setActorUserId)}
            />
            <DatePickerInput
              w={250}
              type="range"
              label={t('admin.audit.period')}
              placeholder={t('admin.audit.anyTime')}
              clearable
              allowSingleDateInRange
              value={range}
              onChange={resetPage(setRange)}
              valueFormat="ll"
            />
          </Group>
        }
      />
      <Drawer opened={selected !== null} onClose={() => setSelected(null)} position="right" size="xl" title={t('admin.audit.entryTitle')}>
        {selected ? (
          <Stack>
            <Group gap="xs">
              <Badge variant="light" color="gray" tt="none">
                {labels.action(selected.action)}
              </Badge>
              <Text size="sm">
                {labels.entity(selected.entityType)} <Code fz="xs">{selected.entityId}</Code>
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t('admin.audit.byAt', { actor: selected.actorLabel, at: formatDateTime(selected.at) })}
              {selected.requestId ? ` · ${t('admin.audit.request')} ${selected.requestId}` : ''}
            </Text>
            <AuditDiff before={selected.before} after={selected.after} />
          </Stack>
        ) : null}
      </Drawer>
    </>
  );
}
