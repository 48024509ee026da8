import { Badge, Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import type { ResponseOf } from '../../lib/types.ts';
import { subscriptionKeys } from '../subscriptions/index.ts';

type Reason = ResponseOf<'/api/v1/cancel-reasons', 'get'>[number];
type Draft = { id?: string; label: string; asksCompetitor: boolean; sortOrder: number; archived: boolean };

function ReasonModal({ draft, onClose }: { draft: Draft | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [d, setD] = useState<Draft | null>(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: async (v: Draft) => {
      const body = { label: v.label.trim(), asksCompetitor: v.asksCompetitor, sortOrder: v.sortOrder, archived: v.archived };
      return v.id
        ? unwrap(await api.PUT('/api/v1/cancel-reasons/{id}', { params: { path: { id: v.id } }, body }))
        : unwrap(await api.POST('/api/v1/cancel-reasons', { body }));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: subscriptionKeys.cancelReasons });
      notifySuccess(t('revenue.settings.saved'));
      onClose();
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  const close = onClose;
  return (
    <Modal opened={!!draft} onClose={close} title={draft?.id ? t('revenue.reasons.edit') : t('revenue.reasons.add')}>
      {d ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!d.label.trim()) return setErrors({ label: t('form.required') });
            save.mutate(d);
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('revenue.reasons.label')}
              value={d.label}
              onChange={(e) => setD({ ...d, label: e.currentTarget.value })}
              error={errors.label}
              data-autofocus
            />
            <Checkbox
              label={t('revenue.reasons.asksCompetitor')}
              checked={d.asksCompetitor}
              onChange={(e) => setD({ ...d, asksCompetitor: e.currentTarget.checked })}
            />
            <NumberInput
              label={t('revenue.reasons.sortOrder')}
              min={0}
              max={1000}
              value={d.sortOrder}
              onChange={(v) => typeof v === 'number' && setD({ ...d, sortOrder: v })}
            />
            <Checkbox
              label={t('revenue.reasons.archived')}
              checked={d.archived}
              onChange={(e) => setD({ ...d, archived: e.currentTarget.checked })}
            />
            <FormFooter>
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </FormFooter>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}

/** The editable list of cancellation reasons (a reason may ask which competitor the customer left for). */
export function CancelReasons({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const reasons = useQuery({
    queryKey: subscriptionKeys.cancelReasons,
    queryFn: async () => unwrap(await api.GET('/api/v1/cancel-reasons')),
  });
  const [editing, setEditing] = useState<Draft | null>(null);
  const controls = useListState<{ show?: 'active' | 'archived' }, 'label' | 'sortOrder'>({
    sort: 'sortOrder',
    order: 'asc',
    filters: { show: 'active' },
  });
  const list = useLocalList(reasons.data, controls, {
    language: i18n.language,
    isLoading: reasons.isLoading,
    isFetching: reasons.isFetching,
    searchText: (r) => r.label,
    sortValues: { label: (r) => r.label, sortOrder: (r) => r.sortOrder },
    filter: (r, f) => (f.show === 'archived' ? r.archived : f.show === 'active' ? !r.archived : true),
  });
  const columns = useMemo<DataColumn<Reason>[]>(
    () => [
      { id: 'label', header: t('revenue.reasons.label'), enableSorting: true, accessorKey: 'label' },
      {
        id: 'asksCompetitor',
        header: t('revenue.reasons.asksCompetitor'),
        cell: ({ row }) => (row.original.asksCompetitor ? t('common.yes') : t('common.no')),
      },
      {
        id: 'sortOrder',
        header: t('revenue.reasons.sortOrder'),
        enableSorting: true,
        accessorKey: 'sortOrder',
        meta: { align: 'right', width: 100 },
      },
      {
        id: 'archived',
        header: t('revenue.reasons.status'),
        cell: ({ row }) =>
          row.original.archived ? (
            <Badge color="gray">{t('revenue.reasons.archived')}</Badge>
          ) : (
            <Badge color="teal">{t('revenue.reasons.active')}</Badge>
          ),
      },
      {
        id: 'actions',
        header: '',
        meta: { width: 60 },
        cell: ({ row }) =>
          canEdit ? (
            <Button variant="subtle" size="xs" onClick={() => setEditing({ ...row.original })} aria-label={t('revenue.reasons.edit')}>
              <IconPencil size={14} />
            </Button>
          ) : null,
      },
    ],
    [t, canEdit],
  );
  return (
    <>
      <DataTable
        testId="reasons-table"
        list={list}
        columns={columns}
        getRowId={(r) => r.id}
        emptyMessage={t('revenue.reasons.empty')}
        search={{ placeholder: t('revenue.reasons.search'), width: 200 }}
        filters={
          <SegmentedControl
            value={list.filters.show ?? 'all'}
            onChange={(v) => list.setFilters({ show: v === 'all' ? undefined : (v as 'active' | 'archived') })}
            data={[
              { value: 'active', label: t('revenue.reasons.active') },
              { value: 'archived', label: t('revenue.reasons.archived') },
              { value: 'all', label: t('common.all') },
            ]}
          />
        }
        actions={
          canEdit ? (
            <Group>
              <Button
                leftSection={<IconPlus size={14} />}
                onClick={() =>
                  setEditing({ label: '', asksCompetitor: false, sortOrder: (reasons.data?.length ?? 0) * 10, archived: false })
                }
              >
                {t('revenue.reasons.add')}
              </Button>
            </Group>
          ) : undefined
        }
        onExport={() =>
          downloadCsv(
            'cancel-reasons.csv',
            [
              [t('revenue.reasons.label'), (r: Reason) => r.label],
              [t('revenue.reasons.asksCompetitor'), (r: Reason) => r.asksCompetitor],
              [t('revenue.reasons.sortOrder'), (r: Reason) => r.sortOrder],
              [t('revenue.reasons.archived'), (r: Reason) => r.archived],
            ],
            list.all ?? [],
          )
        }
      />
      <ReasonModal key={editing ? (editing.id ?? 'new') : 'closed'} draft={editing} onClose={() => setEditing(null)} />
    </>
  );
}
