import { ActionIcon, Button, Group, Modal, NumberInput, SimpleGrid, Stack, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';
import { planKeys } from './queryKeys.ts';
import type { Feature } from './types.ts';
import { useFeatures } from './usePlanData.ts';

const CSV: CsvColumn<Feature>[] = [
  ['key', (f) => f.key],
  ['name', (f) => f.name],
  ['group', (f) => f.groupName],
  ['plans', (f) => f.planCount],
  ['description', (f) => f.description],
];

/** Features: what plans include or limit, grouped as the comparison shows them. */
export function FeaturesTab() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('plan:write');
  const features = useFeatures();
  const [editing, setEditing] = useState<Feature | 'new' | null>(null);
  const [removing, setRemoving] = useState<Feature | null>(null);
  const controls = useListState<Record<string, never>, string>({ sort: 'sortOrder', order: 'asc', filters: {} });
  const list = useLocalList(features.data, controls, {
    sortValues: {
      sortOrder: (f) => f.sortOrder,
      group: (f) => `${f.groupName ?? '~'} ${String(f.sortOrder).padStart(5, '0')}`,
      name: (f) => f.name,
      key: (f) => f.key,
      plans: (f) => f.planCount,
    },
    searchText: (f) => `${f.key} ${f.name} ${f.groupName ?? ''}`,
    language: i18n.language,
    isLoading: features.isLoading,
    isFetching: features.isFetching,
  });
  const remove = useMutation({
    mutationFn: async (f: Feature) => unwrap(await api.DELETE('/api/v1/features/{id}', { params: { path: { id: f.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      notifySuccess(t('plan.feature.deleted'));
      setRemoving(null);
    },
    onError: (error) => notifyError(error),
  });

  const columns = useMemo<DataColumn<Feature>[]>(
    () => [
      { id: 'group', header: t('plan.feature.group'), enableSorting: true, cell: ({ row }) => row.original.groupName ?? '—' },
      { id: 'name', header: t('plan.fields.name'), accessorKey: 'name', enableSorting: true },
      { id: 'key', header: t('plan.feature.key'), accessorKey: 'key', enableSorting: true, meta: { noWrap: true } },
      { id: 'description', header: t('plan.fields.description'), cell: ({ row }) => row.original.description ?? '—' },
      { id: 'plans', header: t('plan.tabs.plans'), accessorKey: 'planCount', enableSorting: true, meta: { align: 'right', width: 80 } },
      ...(canWrite
        ? [
            {
              id: 'actions',
              header: '',
              meta: { align: 'right' as const, width: 80 },
              cell: ({ row: { original: f } }: { row: { original: Feature } }) => (
                <Group gap={2} justify="flex-end" wrap="nowrap">
                  <Tooltip label={t('common.edit')}>
                    <ActionIcon variant="subtle" aria-label={t('plan.feature.editNamed', { name: f.name })} onClick={() => setEditing(f)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('common.delete')}>
                    <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => setRemoving(f)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              ),
            } satisfies DataColumn<Feature>,
          ]
        : []),
    ],
    [t, canWrite],
  );

  return (
    <>
      <DataTable
        testId="features-table"
        columns={columns}
        list={list}
        getRowId={(f) => f.id}
        onExport={() => downloadCsv('features.csv', CSV, list.all ?? [])}
        emptyMessage={t('plan.feature.empty')}
        search={{ placeholder: t('plan.feature.searchPlaceholder') }}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-feature">
              {t('plan.feature.new')}
            </Button>
          ) : undefined
        }
      />
      <FeatureFormModal feature={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('plan.feature.deleteTitle')}
        message={t('plan.feature.deleteConfirm', { name: removing?.name ?? '', count: removing?.planCount ?? 0 })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </>
  );
}

const emptyFeature = { key: '', name: '', groupName: '', description: '', sortOrder: 0 };

function FeatureFormModal({ feature, onClose }: { feature: Feature | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isNew = feature === 'new';
  const [form, setForm] = useState(emptyFeature);
  useEffect(() => {
    if (feature === 'new') setForm(emptyFeature);
    else if (feature)
      setForm({
        key: feature.key,
        name: feature.name,
        groupName: feature.groupName ?? '',
        description: feature.description ?? '',
        sortOrder: feature.sortOrder,
      });
  }, [feature]);
  const save = useMutation({
    mutationFn: async () => {
      const body = { ...form, key: form.key.trim(), groupName: form.groupName || null, description: form.description || null };
      if (isNew) return unwrap(await api.POST('/api/v1/features', { body }));
      if (!feature) throw new Error('no feature');
      return unwrap(await api.PATCH('/api/v1/features/{id}', { params: { path: { id: feature.id } }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      notifySuccess(t('common.saved'));
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);
  return (
    <Modal opened={feature !== null} onClose={onClose} title={isNew ? t('plan.feature.new') : t('plan.feature.edit')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput
              label={t('plan.fields.name')}
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
              error={errors.name}
              data-testid="feature-name"
            />
            <TextInput
              label={t('plan.feature.key')}
              description={t('plan.feature.keyHelp')}
              required
              value={form.key}
              onChange={(e) => setForm({ ...form, key: e.currentTarget.value.toLowerCase() })}
              error={errors.key}
              data-testid="feature-key"
            />
            <TextInput
              label={t('plan.feature.group')}
              value={form.groupName}
              onChange={(e) => setForm({ ...form, groupName: e.currentTarget.value })}
              error={errors.groupName}
              data-testid="feature-group"
            />
            <NumberInput
              label={t('plan.product.sortOrder')}
              min={0}
              max={10000}
              allowDecimal={false}
              value={form.sortOrder}
              onChange={(v) => setForm({ ...form, sortOrder: typeof v === 'number' ? v : 0 })}
              error={errors.sortOrder}
            />
          </SimpleGrid>
          <Textarea
            label={t('plan.fields.description')}
            autosize
            minRows={2}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
            error={errors.description}
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-feature">
              {isNew ? t('common.create') : t('common.save')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
