import { Button, Group, NumberInput, Text, TextInput } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { formatPeriod } from '../../lib/money.ts';
import { revenueKeys } from './queryKeys.ts';

interface CostRow {
  month: string;
  amount: number;
  note: string;
  dirty?: boolean;
}

/** Cost of service per month (for gross margin and CLV), editable in place. */
export function CostsEditor({ reportingCurrency }: { reportingCurrency: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const costs = useQuery({ queryKey: revenueKeys.costs, queryFn: async () => unwrap(await api.GET('/api/v1/metrics/service-costs')) });
  const [rows, setRows] = useState<CostRow[]>([]);
  const [newMonth, setNewMonth] = useState<string | null>(null);
  const [newAmount, setNewAmount] = useState<number | ''>('');
  useEffect(() => {
    if (costs.data) setRows(costs.data.map((c) => ({ month: c.month.slice(0, 7), amount: c.amount, note: c.note ?? '' })));
  }, [costs.data]);
  const controls = useListState<Record<string, never>, 'month' | 'amount'>({ sort: 'month', order: 'desc', filters: {} });
  const list = useLocalList(rows, controls, {
    language: i18n.language,
    isLoading: costs.isLoading,
    isFetching: costs.isFetching,
    searchText: (r) => `${r.month} ${r.note}`,
    sortValues: { month: (r) => r.month, amount: (r) => r.amount },
  });
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/metrics/service-costs', {
          body: { costs: rows.filter((r) => r.dirty).map((r) => ({ month: r.month, amount: r.amount, note: r.note.trim() || null })) },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: revenueKeys.all });
      notifySuccess(t('revenue.settings.saved'));
    },
    onError: (e) => notifyError(e),
  });
  const update = useCallback(
    (month: string, changes: Partial<CostRow>) =>
      setRows((all) => all.map((r) => (r.month === month ? { ...r, ...changes, dirty: true } : r))),
    [],
  );
  const add = () => {
    if (!newMonth || newAmount === '') return;
    const month = newMonth.slice(0, 7);
    setRows((all) => [...all.filter((r) => r.month !== month), { month, amount: newAmount, note: '', dirty: true }]);
    setNewMonth(null);
    setNewAmount('');
  };
  const columns = useMemo<DataColumn<CostRow>[]>(
    () => [
      { id: 'month', header: t('revenue.costs.month'), enableSorting: true, cell: ({ row }) => formatPeriod(row.original.month) },
      {
        id: 'amount',
        header: t('revenue.costs.amount', { currency: reportingCurrency }),
        enableSorting: true,
        cell: ({ row }) => (
          <NumberInput
            size="xs"
            w={160}
            min={0}
            decimalScale={2}
            thousandSeparator
            value={row.original.amount}
            onChange={(v) => typeof v === 'number' && update(row.original.month, { amount: v })}
          />
        ),
      },
      {
        id: 'note',
        header: t('revenue.costs.note'),
        cell: ({ row }) => (
          <TextInput size="xs" value={row.original.note} onChange={(e) => update(row.original.month, { note: e.currentTarget.value })} />
        ),
      },
    ],
    [t, reportingCurrency, update],
  );
  const dirty = rows.filter((r) => r.dirty).length;
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {t('revenue.costs.hint')}
      </Text>
      <Group align="flex-end" gap="xs" mb="sm">
        <MonthPickerInput label={t('revenue.costs.month')} w={140} valueFormat="MMM YYYY" value={newMonth} onChange={setNewMonth} />
        <NumberInput
          label={t('revenue.costs.amount', { currency: reportingCurrency })}
          w={160}
          min={0}
          decimalScale={2}
          value={newAmount}
          onChange={(v) => setNewAmount(typeof v === 'number' ? v : '')}
        />
        <Button variant="default" leftSection={<IconPlus size={14} />} onClick={add}>
          {t('revenue.costs.add')}
        </Button>
        <Button onClick={() => save.mutate()} disabled={!dirty} loading={save.isPending} data-testid="save-costs">
          {dirty ? t('revenue.settings.saveChanges', { count: dirty }) : t('common.save')}
        </Button>
      </Group>
      <DataTable
        testId="costs-table"
        list={list}
        columns={columns}
        getRowId={(r) => r.month}
        emptyMessage={t('revenue.costs.empty')}
        search={{ placeholder: t('revenue.costs.search'), width: 200 }}
        onExport={() =>
          downloadCsv(
            'service-costs.csv',
            [
              ['month', (r: CostRow) => r.month],
              ['amount', (r: CostRow) => r.amount],
              ['note', (r: CostRow) => r.note],
            ],
            list.all ?? [],
          )
        }
      />
    </>
  );
}
