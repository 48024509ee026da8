import { Anchor, Badge, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { useListState, useLocalList } from '../../components/list/listState.ts';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';
import { formatDate } from '../../lib/format.ts';
import { type AccountCompetitor, LINK_COLORS, LINK_STATUSES, type LinkStatus } from './types.ts';

type Row = AccountCompetitor;
type Sort = 'account' | 'status' | 'since';

const CSV: CsvColumn<Row>[] = [
  ['account', (a) => a.accountName],
  ['status', (a) => a.status],
  ['since', (a) => a.since],
  ['note', (a) => a.note],
];

/** The accounts that use, evaluate, were won from or lost to one competitor: search, status filter, sorting, paging, CSV. */
export function CompetitorAccountsTable({
  rows,
  isLoading,
  fileName,
}: {
  rows: readonly Row[] | undefined;
  isLoading: boolean;
  fileName: string;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const controls = useListState<{ status?: LinkStatus[] }, Sort>({ sort: 'account', order: 'asc', filters: {}, pageSize: 10 });
  const list = useLocalList(rows, controls, {
    sortValues: { account: (a) => a.accountName, status: (a) => t(`competitor.linkStatus.${a.status}`), since: (a) => a.since },
    searchText: (a) => `${a.accountName} ${a.note ?? ''}`,
    filter: (a, f) => !f.status?.length || f.status.includes(a.status),
    language: i18n.language,
    isLoading,
    isFetching: false,
  });
  const columns = useMemo<DataColumn<Row>[]>(
    () => [
      {
        id: 'account',
        header: t('competitor.account'),
        enableSorting: true,
        cell: ({ row: { original: a } }) => (
          <Anchor
            renderRoot={(props) => (
              <Link {...props} to="/accounts/$accountId" params={{ accountId: a.accountId }} search={{ tab: 'competitors' }} />
            )}
            size="sm"
          >
            {a.accountName}
          </Anchor>
        ),
      },
      {
        id: 'status',
        header: t('competitor.link.status'),
        enableSorting: true,
        cell: ({ row: { original: a } }) => (
          <Badge color={LINK_COLORS[a.status]} variant="light">
            {t(`competitor.linkStatus.${a.status}`)}
          </Badge>
        ),
      },
      { id: 'since', header: t('competitor.link.since'), enableSorting: true, cell: ({ row }) => formatDate(row.original.since) },
      {
        id: 'note',
        header: t('competitor.link.note'),
        cell: ({ row }) => (
          <Text size="sm" lineClamp={2}>
            {row.original.note ?? '—'}
          </Text>
        ),
      },
    ],
    [t],
  );
  return (
    <DataTable
      testId="competitor-accounts"
      columns={columns}
      list={list}
      getRowId={(a) => a.id}
      onExport={() => downloadCsv(fileName, CSV, list.all ?? [])}
      emptyMessage={t('competitor.noAccounts')}
      search={{ placeholder: t('competitor.accountSearch') }}
      filters={
        <FilterMultiSelect
          label={t('competitor.link.status')}
          data={LINK_STATUSES.map((s) => ({ value: s, label: t(`competitor.linkStatus.${s}`) }))}
          value={controls.filters.status}
          onChange={(status) => controls.setFilters({ status })}
        />
      }
    />
  );
}
