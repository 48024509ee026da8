import { Button, Group, NumberInput, Select, Text, TextInput } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { numberSeparators } from '../../lib/format.ts';
import { formatPeriod } from '../../lib/money.ts';
import { revenueKeys } from './queryKeys.ts';

interface RateRow {
  id: string;
  currency: string;
  month: string;
  rate: number;
  dirty?: boolean;
}

/** Exchange rates to the reporting currency per month, editable in place; saving rebuilds the MRR history. */
export function RatesEditor({ reportingCurrency }: { reportingCurrency: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const rates = useQuery({ queryKey: revenueKeys.rates, queryFn: async () => unwrap(await api.GET('/api/v1/metrics/exchange-rates')) });
  const [rows, setRows] = useState<RateRow[]>([]);
  const [newRow, setNewRow] = useState<{ currency: string; month: string | null; rate: number | '' }>({
    currency: '',
    month: null,
    rate: '',
  });
  useEffect(() => {
    if (rates.data)
      setRows(
        rates.data.map((r) => ({
          id: `${r.currency}-${r.month.slice(0, 7)}`,
          currency: r.currency,
          month: r.month.slice(0, 7),
          rate: r.rate,
        })),
      );
  }, [rates.data]);
  const controls = useListState<{ currency?: string }, 'month' | 'currency' | 'rate'>({ sort: 'month', order: 'desc', filters: {} });
  const list = useLocalList(rows, controls, {
    language: i18n.language,
    isLoading: rates.isLoading,
    isFetching: rates.isFetching,
    searchText: (r) => `${r.currency} ${r.month}`,
    sortValues: { month: (r) => r.month, currency: (r) => r.currency, rate: (r) => r.rate },
    filter: (r, f) => !f.currency || r.currency === f.currency,
  });
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/metrics/exchange-rates', {
          body: { rates: rows.filter((r) => r.dirty).map(({ currency, month, rate }) => ({ currency, month, rate })) },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: revenueKeys.all });
      notifySuccess(t('revenue.settings.saved'));
    },
    onError: (e) => notifyError(e),
  });
  const setRate = useCallback(
    (id: string, rate: number) => setRows((all) => all.map((r) => (r.id === id ? { ...r, rate, dirty: true } : r))),
    [],
  );
  const add = () => {
    const currency = newRow.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency) || !newRow.month || newRow.rate === '') return;
    const month = newRow.month.slice(0, 7);
    const id = `${currency}-${month}`;
    setRows((all) => [...all.filter((r) => r.id !== id), { id, currency, month, rate: newRow.rate as number, dirty: true }]);
    setNewRow({ currency, month: null, rate: '' });
  };
  const columns = useMemo<DataColumn<RateRow>[]>(
    () => [
      { id: 'month', header: t('revenue.rates.month'), enableSorting: true, cell: ({ row }) => formatPeriod(row.original.month) },
      { id: 'currency', header: t('revenue.rates.currency'), enableSorting: true, accessorKey: 'currency' },
      {
        id: 'rate',
        header: t('revenue.rates.rate', { reporting: reportingCurrency }),
        enableSorting: true,
        cell: ({ row }) => (
          <NumberInput
            {...numberSeparators()}
            size="xs"
            w={140}
            min={0.000001}
            decimalScale={6}
            value={row.original.rate}
            onChange={(v) => typeof v === 'number' && setRate(row.original.id, v)}
          />
        ),
      },
    ],
    [t, reportingCurrency, setRate],
  );
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const dirty = rows.filter((r) => r.dirty).length;
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {t('revenue.rates.hint', { reporting: reportingCurrency })}
      </Text>
      <Group align="flex-end" gap="xs" mb="sm">
        <TextInput
          label={t('revenue.rates.currency')}
          placeholder="USD"
          w={90}
          value={newRow.currency}
          onChange={(e) => setNewRow((n) => ({ ...n, currency: e.currentTarget.value }))}
        />
        <MonthPickerInput
          label={t('revenue.rates.month')}
          w={140}
          valueFormat="MMM YYYY"
          value={newRow.month}
          onChange={(v) => setNewRow((n) => ({ ...n, month: v }))}
        />
        <NumberInput
          {...numberSeparators()}
          label={t('revenue.rates.rateShort')}
          w={120}
          min={0.000001}
          decimalScale={6}
          value={newRow.rate}
          onChange={(v) => setNewRow((n) => ({ ...n, rate: typeof v === 'number' ? v : '' }))}
        />
        <Button variant="default" leftSection={<IconPlus size={14} />} onClick={add}>
          {t('revenue.rates.add')}
        </Button>
        <Button onClick={() => save.mutate()} disabled={!dirty} loading={save.isPending} data-testid="save-rates">
          {dirty ? t('revenue.settings.saveChanges', { count: dirty }) : t('common.save')}
        </Button>
      </Group>
      <DataTable
        testId="rates-table"
        list={list}
        columns={columns}
        getRowId={(r) => r.id}
        emptyMessage={t('revenue.rates.empty')}
        search={{ placeholder: t('revenue.rates.search'), width: 200 }}
        filters={
          <Select
            placeholder={t('revenue.rates.currency')}
            aria-label={t('revenue.rates.currency')}
            data={currencies}
            value={list.filters.currency ?? null}
            onChange={(v) => list.setFilters({ currency: v ?? undefined })}
            clearable
            w={120}
          />
        }
        onExport={() =>
          downloadCsv(
            'exchange-rates.csv',
            [
              ['month', (r: RateRow) => r.month],
              ['currency', (r: RateRow) => r.currency],
              ['rate', (r: RateRow) => r.rate],
            ],
            list.all ?? [],
          )
        }
      />
    </>
  );
}
