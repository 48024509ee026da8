import { ActionIcon, Badge, Button, Group, SegmentedControl, Select, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';
import { valuesOf } from '../../lib/enums.ts';
import type { CustomField } from '../../lib/types.ts';
import { type CustomFieldEntity, CustomFieldFormModal } from './CustomFieldFormModal.tsx';

const ENTITIES = valuesOf<CustomFieldEntity>({ account: true, contact: true });
const TYPES = valuesOf<CustomField['type']>({ text: true, number: true, date: true, choice: true });

const CSV_COLUMNS: CsvColumn<CustomField>[] = [
  ['entity', (f) => f.entity],
  ['position', (f) => f.position],
  ['key', (f) => f.key],
  ['label', (f) => f.label],
  ['type', (f) => f.type],
  ['options', (f) => f.options],
  ['required', (f) => f.required],
  ['show_in_list', (f) => f.showInList],
];

function YesMark() {
  const { t } = useTranslation();
  return <IconCheck size={16} color="var(--mantine-color-teal-6)" aria-label={t('common.yes')} />;
}

/** Administration → Custom fields: extra fields on accounts and contacts, shown in forms, lists and exports. */
export function CustomFieldsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<CustomFieldEntity>('account');
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);

  const query = useQuery({
    queryKey: ['custom-fields', entity],
    queryFn: async () => unwrap(await api.GET('/api/v1/custom-fields', { params: { query: { entity } } })).items,
  });
  const fields = useMemo(
    () => [...(query.data ?? [])].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label)),
    [query.data],
  );
  const controls = useListState<{ type?: string }, string>({ sort: 'position', order: 'asc', filters: {} });
  const list = useLocalList(query.data ? fields : undefined, controls, {
    sortValues: {
      position: (f) => f.position,
      label: (f) => f.label,
      type: (f) => t(`admin.customFields.types.${f.type}`),
      required: (f) => (f.required ? 0 : 1),
      showInList: (f) => (f.showInList ? 0 : 1),
    },
    searchText: (f) => `${f.label} ${f.key} ${f.options.join(' ')}`,
    filter: (f, filters) => !filters.type || f.type === filters.type,
    language: i18n.language,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
  });

  const remove = useMutation({
    mutationFn: async (field: CustomField) =>
      unwrap(await api.DELETE('/api/v1/custom-fields/{id}', { params: { path: { id: field.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['custom-fields'] });
      notifySuccess(t('admin.customFields.deleted'));
      setDeleting(null);
    },
    onError: (error) => notifyError(error),
  });

  const columns = useMemo<DataColumn<CustomField>[]>(
    () => [
      { id: 'position', header: '#', accessorKey: 'position', enableSorting: true, meta: { width: 50 } },
      {
        id: 'label',
        header: t('admin.customFields.label'),
        enableSorting: true,
        cell: ({ row }) => (
          <div>
            <Text size="sm" fw={500}>
              {row.original.label}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {row.original.key}
            </Text>
          </div>
        ),
      },
      {
        id: 'type',
        header: t('admin.customFields.type'),
        enableSorting: true,
        cell: ({ row }) => t(`admin.customFields.types.${row.original.type}`),
      },
      {
        id: 'options',
        header: t('admin.customFields.options'),
        cell: ({ row }) =>
          row.original.options.length ? (
            <Group gap={4}>
              {row.original.options.map((o) => (
                <Badge key={o} variant="light" color="gray" size="sm" tt="none">
                  {o}
                </Badge>
              ))}
            </Group>
          ) : (
            '—'
          ),
      },
      {
        id: 'required',
        header: t('admin.customFields.required'),
        enableSorting: true,
        cell: ({ row }) => (row.original.required ? <YesMark /> : '—'),
        meta: { align: 'center' },
      },
      {
        id: 'showInList',
        header: t('admin.customFields.showInList'),
        enableSorting: true,
        cell: ({ row }) => (row.original.showInList ? <YesMark /> : '—'),
        meta: { align: 'center' },
      },
      {
        id: 'actions',
        header: '',
        meta: { align: 'right', width: 90 },
        cell: ({ row }) => (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Tooltip label={t('common.edit')}>
              <ActionIcon
                variant="subtle"
                aria-label={t('admin.customFields.editField', { label: row.original.label })}
                onClick={() => setEditing(row.original)}
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('common.delete')}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('admin.customFields.deleteField', { label: row.original.label })}
                onClick={() => setDeleting(row.original)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('admin.nav.customFields')}
        subtitle={t('admin.customFields.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('admin.customFields.new')}
          </Button>
        }
      />
      <DataTable
        testId="custom-fields-table"
        columns={columns}
        list={list}
        getRowId={(f) => f.id}
        onExport={() => downloadCsv(`custom-fields-${entity}.csv`, CSV_COLUMNS, list.all ?? [])}
        emptyMessage={t('admin.customFields.empty')}
        search={{ placeholder: t('admin.customFields.searchPlaceholder'), width: 240 }}
        filters={
          <>
            <SegmentedControl
              aria-label={t('admin.customFields.entity')}
              data={ENTITIES.map((e) => ({ value: e, label: t(`admin.customFields.entities.${e}`) }))}
              value={entity}
              onChange={(v) => {
                setEntity(v as CustomFieldEntity);
                list.setPage(1);
              }}
            />
            <Select
              w={160}
              placeholder={t('admin.customFields.type')}
              aria-label={t('admin.customFields.type')}
              clearable
              data={TYPES.map((ty) => ({ value: ty, label: t(`admin.customFields.types.${ty}`) }))}
              value={list.filters.type ?? null}
              onChange={(v) => list.setFilters({ type: v ?? undefined })}
            />
          </>
        }
      />
      <CustomFieldFormModal
        field={editing}
        entity={entity}
        nextPosition={(fields.at(-1)?.position ?? 0) + 1}
        onClose={() => setEditing(null)}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('admin.customFields.deleteTitle')}
        message={t('admin.customFields.deleteMessage', { label: deleting?.label ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
