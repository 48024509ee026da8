import { ActionIcon, Badge, Button, Group, Menu, MultiSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDots, IconListCheck, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatMoney } from './format.ts';
import { PlanFeaturesModal } from './PlanFeaturesModal.tsx';
import { PlanFormModal } from './PlanFormModal.tsx';
import { planKeys } from './queryKeys.ts';
import { type CatalogueStatus, type Plan, type PlanSort, STATUSES } from './types.ts';
import { useProducts } from './usePlanData.ts';

interface Filters {
  productId?: string[];
  status?: CatalogueStatus;
}

/** A plan's prices as short badges, monthly first: "€49 / month", "€490 / 12 months". */
export function PriceBadges({ prices }: { prices: Plan['prices'] }) {
  const { t } = useTranslation();
  if (!prices.length) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={4}>
      {[...prices]
        .sort((a, b) => a.currency.localeCompare(b.currency) || a.intervalMonths - b.intervalMonths)
        .map((p) => (
          <Badge key={`${p.currency}${p.intervalMonths}`} variant="light" color="gray" tt="none" fw={500}>
            {formatMoney(p.amount, p.currency)} / {t('plan.interval.per', { count: p.intervalMonths })}
          </Badge>
        ))}
    </Group>
  );
}

/** The plans list: search, product and status filters, sort, paging, CSV export; create, edit, features, delete. */
export function PlansTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('plan:write');
  const products = useProducts();
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const [featuresOf, setFeaturesOf] = useState<Plan | null>(null);
  const [removing, setRemoving] = useState<Plan | null>(null);
  const controls = useListState<Filters, PlanSort>({ sort: 'tier', order: 'asc', filters: {} });
  const list = useServerList(controls, {
    queryKey: planKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, productId: filters.productId, status: filters.status, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/plans', { params: { query } })),
  });
  const remove = useMutation({
    mutationFn: async (plan: Plan) => unwrap(await api.DELETE('/api/v1/plans/{id}', { params: { path: { id: plan.id } } })),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      notifySuccess(result.outcome === 'archived' ? t('plan.archivedInUse') : t('plan.deleted'));
      setRemoving(null);
    },
    onError: (error) => notifyError(error),
  });

  const columns = useMemo<DataColumn<Plan>[]>(
    () => [
      {
        id: 'name',
        header: t('plan.fields.name'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row: { original: p } }) => (
          <Stack gap={0}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {p.name}
              </Text>
              {p.isFree ? <Badge size="xs">{t('plan.free')}</Badge> : null}
              {p.archivedAt ? (
                <Badge size="xs" color="gray">
                  {t('plan.archived')}
                </Badge>
              ) : null}
            </Group>
            {p.description ? (
              <Text size="xs" c="dimmed" lineClamp={1} maw={360}>
                {p.description}
              </Text>
            ) : null}
          </Stack>
        ),
      },
      { id: 'code', header: t('plan.fields.code'), accessorKey: 'code', enableSorting: true, meta: { noWrap: true } },
      {
        id: 'product',
        header: t('plan.fields.product'),
        enableSorting: true,
        cell: ({ row: { original: p } }) => (
          <Stack gap={0}>
            <Text size="sm">{p.productName}</Text>
            <Text size="xs" c="dimmed">
              {t(`plan.kind.${p.productKind}`)}
            </Text>
          </Stack>
        ),
      },
      { id: 'tier', header: t('plan.fields.tier'), accessorKey: 'tier', enableSorting: true, meta: { align: 'right', width: 70 } },
      {
        id: 'trial',
        header: t('plan.fields.trialDays'),
        meta: { align: 'right', width: 90 },
        cell: ({ row: { original: p } }) => (p.trialDays ? t('plan.days', { count: p.trialDays }) : '—'),
      },
      { id: 'prices', header: t('plan.fields.prices'), cell: ({ row }) => <PriceBadges prices={row.original.prices} /> },
      { id: 'features', header: t('plan.fields.features'), accessorKey: 'featureCount', meta: { align: 'right', width: 90 } },
      ...(canWrite
        ? [
            {
              id: 'actions',
              header: '',
              meta: { align: 'right' as const, width: 60 },
              cell: ({ row: { original: p } }: { row: { original: Plan } }) => (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" aria-label={t('plan.actionsFor', { name: p.name })} data-testid="plan-actions">
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(p)}>
                      {t('plan.edit')}
                    </Menu.Item>
                    <Menu.Item leftSection={<IconListCheck size={14} />} onClick={() => setFeaturesOf(p)}>
                      {t('plan.editFeatures')}
                    </Menu.Item>
                    <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setRemoving(p)}>
                      {t('common.delete')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              ),
            } satisfies DataColumn<Plan>,
          ]
        : []),
    ],
    [t, canWrite],
  );

  const productOptions = (products.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <>
      <DataTable
        testId="plans-table"
        columns={columns}
        list={list}
        getRowId={(p) => p.id}
        exportUrl={buildUrl('/api/v1/plans/export.csv', list.query)}
        emptyMessage={t('plan.empty')}
        search={{ placeholder: t('plan.searchPlaceholder'), testId: 'plans-search' }}
        filters={
          <>
            <MultiSelect
              w={260}
              placeholder={t('plan.fields.product')}
              aria-label={t('plan.fields.product')}
              clearable
              data={productOptions}
              value={list.filters.productId ?? []}
              onChange={(v) => list.setFilters({ ...list.filters, productId: v.length ? v : undefined })}
            />
            <SegmentedControl
              value={list.filters.status ?? 'active'}
              onChange={(v) => list.setFilters({ ...list.filters, status: v === 'active' ? undefined : (v as CatalogueStatus) })}
              data={STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))}
            />
          </>
        }
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-plan">
              {t('plan.new')}
            </Button>
          ) : undefined
        }
      />
      <PlanFormModal plan={editing} onClose={() => setEditing(null)} />
      <PlanFeaturesModal plan={featuresOf} onClose={() => setFeaturesOf(null)} />
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('plan.deleteTitle')}
        message={t('plan.deleteConfirm', { name: removing?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
      />
    </>
  );
}
