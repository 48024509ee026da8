import { Anchor, Badge, Drawer, Group, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { type MouseEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { SearchInput } from '../../components/list/SearchInput.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import type { QueryOf } from '../../lib/types.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { useAuditLabels } from './auditLabels.ts';
import { formatDateTime, useUserOptions } from './shared.tsx';
import type { AuditEntry } from './types.ts';

type AuditSort = NonNullable<QueryOf<'/api/v1/audit-log', 'get'>['sort']>;
interface AuditFilters {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  /** The chosen period's first and last day (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

// The entity types the server records (the contract types them as text); unknown ones still show, the filter offers the known ones.
const ENTITY_TYPES = ['account', 'contact', 'user', 'market', 'custom_field', 'organisation', 'api_token', 'import'] as const;

/** Administration → Audit log: who changed what and when, with the before → after of each change. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const canExport = useCan('export:run');
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const { options: userOptions } = useUserOptions();
  const controls = useListState<AuditFilters, AuditSort>({ sort: 'at', order: 'desc', filters: {} });
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: ['audit-log'],
    toQuery: ({ filters, sort, order }) => ({
      entityType: filters.entityType,
      entityId: filters.entityId,
      actorUserId: filters.actorUserId,
      from: filters.from ? dayjs(filters.from).startOf('day').toISOString() : undefined,
      to: filters.to ? dayjs(filters.to).endOf('day').toISOString() : undefined,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/audit-log', { params: { query } })),
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
            <Anchor
              size="sm"
              onClick={(e: MouseEvent) => e.stopPropagation()}
              renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: entityId }} />}
            >
              {entityName ?? t('admin.audit.notNamed')}
            </Anchor>
          ) : (
            (entityName ?? (
              <Text span size="sm" c="dimmed" title={entityId}>
                {t('admin.audit.notNamed')}
              </Text>
            ))
          );
        },
      },
    ],
    [t, labels],
  );

  return (
    <>
      <PageHeader title={t('admin.nav.auditLog')} subtitle={t('admin.audit.subtitle')} />
      <DataTable
        testId="audit-table"
        columns={columns}
        list={list}
        getRowId={(e) => e.id}
        exportUrl={canExport ? buildUrl('/api/v1/audit-log/export.csv', list.query) : undefined}
        onRowClick={setSelected}
        emptyMessage={t('admin.audit.empty')}
        filters={
          <>
            <Select
              w={190}
              label={t('admin.audit.entity')}
              placeholder={t('common.all')}
              clearable
              data={ENTITY_TYPES.map((e) => ({ value: e, label: labels.entity(e) }))}
              value={list.filters.entityType ?? null}
              onChange={(v) => list.setFilters({ entityType: v ?? undefined })}
            />
            <SearchInput
              width={200}
              placeholder={t('admin.audit.entityIdPlaceholder')}
              value={list.filters.entityId ?? ''}
              onChange={(v) => list.setFilters({ entityId: v || undefined })}
            />
            <Select
              w={220}
              label={t('admin.audit.actor')}
              placeholder={t('common.all')}
              searchable
              clearable
              data={userOptions}
              value={list.filters.actorUserId ?? null}
              onChange={(v) => list.setFilters({ actorUserId: v ?? undefined })}
            />
            <DatePickerInput
              w={250}
              type="range"
              label={t('admin.audit.period')}
              placeholder={t('admin.audit.anyTime')}
              clearable
              allowSingleDateInRange
              value={[list.filters.from ?? null, list.filters.to ?? null]}
              onChange={([from, to]: DatesRangeValue<string>) => list.setFilters({ from: from ?? undefined, to: to ?? undefined })}
              valueFormat="ll"
            />
          </>
        }
      />
      <Drawer opened={selected !== null} onClose={() => setSelected(null)} position="right" size="xl" title={t('admin.audit.entryTitle')}>
        {selected ? (
          <Stack>
            <Group gap="xs">
              <Badge variant="light" color="gray" tt="none">
                {labels.action(selected.action)}
              </Badge>
              <Text size="sm" data-testid="audit-entry-item">
                {labels.entity(selected.entityType)}:{' '}
                <Text span fw={600} title={selected.entityId}>
                  {selected.entityName ?? t('admin.audit.notNamed')}
                </Text>
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {t('admin.audit.byAt', { actor: selected.actorLabel, at: formatDateTime(selected.at) })}
            </Text>
            <AuditDiff before={selected.before} after={selected.after} names={selected.names} />
          </Stack>
        ) : null}
      </Drawer>
    </>
  );
}
