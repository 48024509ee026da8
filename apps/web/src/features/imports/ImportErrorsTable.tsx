import { Anchor, Code, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { type MouseEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { fieldLabel, type ImportDetail, type ImportError } from './api.ts';

/**
 * Every problem the server found in the import's rows, a page at a time, worded by the server in the UI
 * language: search (the message as stored, in English, the column and the value), filter by field, sort by row;
 * the CSV download has those the filters keep (in English, with codes).
 */
export function ImportErrorsTable({ imp }: { imp: ImportDetail }) {
  const { t, i18n } = useTranslation();
  const fieldsByKey = useMemo(() => new Map(imp.targetFields.map((f) => [f.key, f])), [imp.targetFields]);

  const controls = useListState<{ field?: string[] }, 'rowNumber'>({ sort: 'rowNumber', order: 'asc', filters: {}, pageSize: 25 });
  const errors = useServerList(controls, {
    // The language is part of the key: the server words the messages in it.
    queryKey: ['imports', 'errors', imp.id, i18n.language],
    toQuery: ({ q, filters, sort, order }) => ({ q, field: filters.field, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/imports/{id}/errors', { params: { path: { id: imp.id }, query } })),
  });

  const columns = useMemo<DataColumn<ImportError>[]>(
    () => [
      {
        id: 'rowNumber',
        header: t('imports.check.row'),
        accessorKey: 'rowNumber',
        enableSorting: true,
        meta: { width: 70, align: 'right' },
      },
      {
        id: 'field',
        header: t('imports.check.field'),
        cell: ({ row }) => (
          <div>
            <Text size="sm">{fieldLabel(t, imp.entity, fieldsByKey.get(row.original.field), row.original.field)}</Text>
            {row.original.column ? (
              <Text size="xs" c="dimmed">
                {t('imports.check.inColumn', { column: row.original.column })}
              </Text>
            ) : null}
          </div>
        ),
      },
      { id: 'message', header: t('imports.check.message'), accessorKey: 'message' },
      {
        id: 'value',
        header: t('imports.check.value'),
        cell: ({ row }) => {
          const { value, field } = row.original;
          if (!value) return <Text c="dimmed">{t('imports.check.empty')}</Text>;
          // A row the undo kept names the record it left in place: open it.
          if (field === 'row' && imp.entity === 'accounts') {
            return (
              <Anchor
                size="sm"
                style={{ whiteSpace: 'nowrap' }}
                renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: value }} />}
                onClick={(e: MouseEvent) => e.stopPropagation()}
              >
                {t('imports.check.openAccount')}
              </Anchor>
            );
          }
          return <Code fz="xs">{value}</Code>;
        },
      },
    ],
    [t, imp.entity, fieldsByKey],
  );

  // The fields a row can fail on (the file's targets) and the whole row (an undo's kept rows).
  const fieldOptions = useMemo(
    () => [
      ...imp.targetFields.map((f) => ({ value: f.key, label: fieldLabel(t, imp.entity, f, f.key) })),
      { value: 'row', label: t('imports.check.wholeRow') },
    ],
    [t, imp.entity, imp.targetFields],
  );

  return (
    <DataTable
      testId="import-errors"
      columns={columns}
      list={errors}
      getRowId={(e) => `${e.rowNumber}:${e.field}`}
      exportUrl={buildUrl('/api/v1/imports/{id}/errors.csv', errors.query).replace('{id}', imp.id)}
      search={{ placeholder: t('imports.check.searchErrors'), testId: 'import-errors-search' }}
      filters={
        <FilterMultiSelect
          label={t('imports.check.field')}
          data={fieldOptions}
          value={controls.filters.field}
          onChange={(field) => controls.setFilters({ field })}
          searchable
          testId="import-errors-field"
        />
      }
    />
  );
}
