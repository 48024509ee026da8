import { ActionIcon, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';
import { type Language, type Market, UI_LANGUAGES } from '../../lib/types.ts';
import { useUserOptions } from './shared.tsx';

export const marketsQueryKey = ['markets'] as const;

const CSV_COLUMNS: CsvColumn<Market>[] = [
  ['code', (m) => m.code],
  ['name', (m) => m.name],
  ['language', (m) => m.language],
  ['currency', (m) => m.currency],
  ['country_manager', (m) => m.countryManagerName],
  ['id', (m) => m.id],
];

/** Administration → Markets: the countries the organisation serves, with language, currency and country manager. */
export function MarketsPage() {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<Market | 'new' | null>(null);
  const query = useQuery({ queryKey: marketsQueryKey, queryFn: async () => unwrap(await api.GET('/api/v1/markets')).items });
  const controls = useListState<{ language?: string }, string>({ sort: 'name', order: 'asc', filters: {} });
  const list = useLocalList(query.data, controls, {
    sortValues: {
      code: (m) => m.code,
      name: (m) => m.name,
      language: (m) => t(`languages.${m.language}`, m.language),
      currency: (m) => m.currency,
      countryManager: (m) => m.countryManagerName,
    },
    searchText: (m) => `${m.code} ${m.name} ${m.currency} ${m.countryManagerName ?? ''}`,
    filter: (m, filters) => !filters.language || m.language === filters.language,
    language: i18n.language,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
  });

  const columns = useMemo<DataColumn<Market>[]>(
    () => [
      { id: 'code', header: t('admin.markets.code'), accessorKey: 'code', enableSorting: true, meta: { width: 90 } },
      { id: 'name', header: t('admin.markets.name'), accessorKey: 'name', enableSorting: true },
      {
        id: 'language',
        header: t('admin.markets.language'),
        enableSorting: true,
        cell: ({ row }) => t(`languages.${row.original.language}`, row.original.language),
      },
      { id: 'currency', header: t('admin.markets.currency'), accessorKey: 'currency', enableSorting: true, meta: { width: 100 } },
      {
        id: 'countryManager',
        header: t('admin.markets.countryManager'),
        enableSorting: true,
        cell: ({ row }) => row.original.countryManagerName ?? '—',
      },
      {
        id: 'actions',
        header: '',
        meta: { align: 'right', width: 60 },
        cell: ({ row }) => (
          <Tooltip label={t('common.edit')}>
            <ActionIcon
              variant="subtle"
              aria-label={t('admin.markets.editMarket', { name: row.original.name })}
              onClick={() => setEditing(row.original)}
            >
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('admin.nav.markets')}
        subtitle={t('admin.markets.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('admin.markets.new')}
          </Button>
        }
      />
      <DataTable
        testId="markets-table"
        columns={columns}
        list={list}
        getRowId={(m) => m.id}
        onExport={() => downloadCsv('markets.csv', CSV_COLUMNS, list.all ?? [])}
        search={{ placeholder: t('admin.markets.searchPlaceholder'), testId: 'markets-search' }}
        filters={
          <Select
            w={200}
            placeholder={t('admin.markets.language')}
            aria-label={t('admin.markets.language')}
            clearable
            data={UI_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={list.filters.language ?? null}
            onChange={(v) => list.setFilters({ language: v ?? undefined })}
          />
        }
      />
      <MarketFormModal market={editing} onClose={() => setEditing(null)} />
    </>
  );
}

interface MarketForm {
  code: string;
  name: string;
  language: Language;
  currency: string;
  countryManagerUserId: string | null;
}
const emptyMarket: MarketForm = { code: '', name: '', language: 'en', currency: 'EUR', countryManagerUserId: null };

function MarketFormModal({ market, onClose }: { market: Market | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isNew = market === 'new';
  const [form, setForm] = useState<MarketForm>(emptyMarket);
  const set = <K extends keyof MarketForm>(key: K, value: MarketForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const { options: userOptions } = useUserOptions(market !== null);

  useEffect(() => {
    if (market === 'new') setForm(emptyMarket);
    else if (market)
      setForm({
        code: market.code,
        name: market.name,
        language: (UI_LANGUAGES as readonly string[]).includes(market.language) ? (market.language as Language) : 'en',
        currency: market.currency,
        countryManagerUserId: market.countryManagerUserId,
      });
  }, [market]);

  const save = useMutation({
    mutationFn: async () => {
      const body = { ...form, code: form.code.trim().toUpperCase(), currency: form.currency.trim().toUpperCase() };
      if (isNew) return unwrap(await api.POST('/api/v1/markets', { body }));
      if (!market) throw new Error('no market');
      return unwrap(await api.PATCH('/api/v1/markets/{id}', { params: { path: { id: market.id } }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: marketsQueryKey });
      notifySuccess(t('common.saved'));
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);

  return (
    <Modal opened={market !== null} onClose={onClose} title={isNew ? t('admin.markets.new') : t('admin.markets.edit')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput
              label={t('admin.markets.code')}
              description={t('admin.markets.codeHelp')}
              required
              maxLength={2}
              value={form.code}
              onChange={(e) => set('code', e.currentTarget.value.toUpperCase())}
              error={errors.code}
            />
            <TextInput
              label={t('admin.markets.currency')}
              description={t('admin.markets.currencyHelp')}
              required
              maxLength={3}
              value={form.currency}
              onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())}
              error={errors.currency}
            />
          </SimpleGrid>
          <TextInput
            label={t('admin.markets.name')}
            required
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
          />
          <Select
            label={t('admin.markets.language')}
            allowDeselect={false}
            data={UI_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={form.language}
            onChange={(v) => v && set('language', v as Language)}
            error={errors.language}
          />
          <Select
            label={t('admin.markets.countryManager')}
            placeholder={t('common.none')}
            searchable
            clearable
            data={userOptions}
            value={form.countryManagerUserId}
            onChange={(v) => set('countryManagerUserId', v)}
            error={errors.countryManagerUserId}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {isNew ? t('common.create') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
