import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArchiveOff, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
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
import { PRODUCT_KINDS, type Product, type ProductKind } from './types.ts';
import { useProducts } from './usePlanData.ts';

const CSV: CsvColumn<Product>[] = [
  ['name', (p) => p.name],
  ['kind', (p) => p.kind],
  ['plans', (p) => p.planCount],
  ['description', (p) => p.description],
  ['archived_at', (p) => p.archivedAt],
];

/** Products: the edition line, add-ons and services the plans belong to. */
export function ProductsTab() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('plan:write');
  const products = useProducts();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [removing, setRemoving] = useState<Product | null>(null);
  const controls = useListState<{ kind?: ProductKind }, string>({ sort: 'sortOrder', order: 'asc', filters: {} });
  const list = useLocalList(products.data, controls, {
    sortValues: { sortOrder: (p) => p.sortOrder, name: (p) => p.name, kind: (p) => t(`plan.kind.${p.kind}`), plans: (p) => p.planCount },
    searchText: (p) => `${p.name} ${p.description ?? ''}`,
    filter: (p, f) => !f.kind || p.kind === f.kind,
    language: i18n.language,
    isLoading: products.isLoading,
    isFetching: products.isFetching,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: planKeys.all });
  const remove = useMutation({
    mutationFn: async (p: Product) => unwrap(await api.DELETE('/api/v1/products/{id}', { params: { path: { id: p.id } } })),
    onSuccess: async (r) => {
      await invalidate();
      notifySuccess(r.outcome === 'archived' ? t('plan.product.archivedInUse') : t('plan.product.deleted'));
      setRemoving(null);
    },
    onError: (error) => notifyError(error),
  });
  const restore = useMutation({
    mutationFn: async (p: Product) =>
      unwrap(await api.PATCH('/api/v1/products/{id}', { params: { path: { id: p.id } }, body: { archived: false } })),
    onSuccess: invalidate,
    onError: (error) => notifyError(error),
  });

  const columns = useMemo<DataColumn<Product>[]>(
    () => [
      { id: 'sortOrder', header: '#', accessorKey: 'sortOrder', enableSorting: true, meta: { width: 50 } },
      {
        id: 'name',
        header: t('plan.fields.name'),
        enableSorting: true,
        cell: ({ row: { original: p } }) => (
          <Group gap={6}>
            {p.name}
            {p.archivedAt ? (
              <Badge size="xs" color="gray">
                {t('plan.archived')}
              </Badge>
            ) : null}
          </Group>
        ),
      },
      { id: 'kind', header: t('plan.product.kind'), enableSorting: true, cell: ({ row }) => t(`plan.kind.${row.original.kind}`) },
      { id: 'description', header: t('plan.fields.description'), cell: ({ row }) => row.original.description ?? '—' },
      { id: 'plans', header: t('plan.tabs.plans'), accessorKey: 'planCount', enableSorting: true, meta: { align: 'right', width: 80 } },
      ...(canWrite
        ? [
            {
              id: 'actions',
              header: '',
              meta: { align: 'right' as const, width: 100 },
              cell: ({ row: { original: p } }: { row: { original: Product } }) => (
                <Group gap={2} justify="flex-end" wrap="nowrap">
                  {p.archivedAt ? (
                    <Tooltip label={t('plan.restore')}>
                      <ActionIcon variant="subtle" aria-label={t('plan.restore')} onClick={() => restore.mutate(p)}>
                        <IconArchiveOff size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                  <Tooltip label={t('common.edit')}>
                    <ActionIcon variant="subtle" aria-label={t('plan.product.editNamed', { name: p.name })} onClick={() => setEditing(p)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('common.delete')}>
                    <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => setRemoving(p)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              ),
            } satisfies DataColumn<Product>,
          ]
        : []),
    ],
    [t, canWrite, restore],
  );

  return (
    <>
      <DataTable
        testId="products-table"
        columns={columns}
        list={list}
        getRowId={(p) => p.id}
        onExport={() => downloadCsv('products.csv', CSV, list.all ?? [])}
        emptyMessage={t('plan.product.empty')}
        search={{ placeholder: t('plan.product.searchPlaceholder') }}
        filters={
          <Select
            w={200}
            clearable
            placeholder={t('plan.product.kind')}
            aria-label={t('plan.product.kind')}
            data={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`plan.kind.${k}`) }))}
            value={list.filters.kind ?? null}
            onChange={(v) => list.setFilters({ kind: (v as ProductKind | null) ?? undefined })}
          />
        }
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-product">
              {t('plan.product.new')}
            </Button>
          ) : undefined
        }
      />
      <ProductFormModal product={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('plan.product.deleteTitle')}
        message={t('plan.product.deleteConfirm', { name: removing?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </>
  );
}

function ProductFormModal({ product, onClose }: { product: Product | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isNew = product === 'new';
  const [form, setForm] = useState({ name: '', kind: 'edition' as ProductKind, description: '', sortOrder: 0 });
  useEffect(() => {
    if (product === 'new') setForm({ name: '', kind: 'edition', description: '', sortOrder: 0 });
    else if (product)
      setForm({ name: product.name, kind: product.kind, description: product.description ?? '', sortOrder: product.sortOrder });
  }, [product]);
  const save = useMutation({
    mutationFn: async () => {
      const body = { ...form, description: form.description || null };
      if (isNew) return unwrap(await api.POST('/api/v1/products', { body }));
      if (!product) throw new Error('no product');
      return unwrap(await api.PATCH('/api/v1/products/{id}', { params: { path: { id: product.id } }, body }));
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
    <Modal opened={product !== null} onClose={onClose} title={isNew ? t('plan.product.new') : t('plan.product.edit')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('plan.fields.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
            data-testid="product-name"
          />
          <SimpleGrid cols={2}>
            <Select
              label={t('plan.product.kind')}
              allowDeselect={false}
              data={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`plan.kind.${k}`) }))}
              value={form.kind}
              onChange={(v) => v && setForm({ ...form, kind: v as ProductKind })}
              error={errors.kind}
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
            <Button type="submit" loading={save.isPending} data-testid="save-product">
              {isNew ? t('common.create') : t('common.save')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
