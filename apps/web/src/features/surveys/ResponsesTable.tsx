import { Anchor, Group, Select, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { type ListControls, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { surveyKeys } from './queryKeys.ts';
import { useSurveyOptions } from './ResponseFormModal.tsx';
import { ScoreBadge } from './ScoreBadge.tsx';
import { CATEGORIES } from './search.ts';
import type { ResponseCategory, ResponseSort, SurveyResponse } from './types.ts';

export interface ResponseFilters {
  surveyId?: string;
  accountId?: string;
  category?: ResponseCategory;
}

/**
 * Survey answers on the list pattern: search (comment, account, contact), survey, account and category filters
 * (a filter `fixed` by the page is not offered), sort by header, paging, CSV of the same rows.
 */
export function ResponsesTable({
  controls,
  fixed = {},
  testId = 'responses-table',
}: {
  controls: ListControls<ResponseFilters, ResponseSort>;
  fixed?: { surveyId?: string; accountId?: string };
  testId?: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const canExport = useCan('export:run');
  const surveys = useSurveyOptions(!fixed.surveyId);
  const list = useServerList(controls, {
    queryKey: [...surveyKeys.responses, fixed],
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      surveyId: fixed.surveyId ?? filters.surveyId,
      accountId: fixed.accountId ?? filters.accountId,
      category: filters.category,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/surveys/responses', { params: { query } })),
  });
  const columns = useMemo<DataColumn<SurveyResponse>[]>(
    () => [
      {
        id: 'answeredAt',
        header: t('survey.response.fields.answeredAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDateTime(row.original.answeredAt),
      },
      {
        id: 'score',
        header: t('survey.response.fields.score'),
        enableSorting: true,
        cell: ({ row }) => <ScoreBadge score={row.original.score} category={row.original.category} />,
      },
      ...(fixed.accountId
        ? []
        : [
            {
              id: 'account',
              header: t('survey.response.fields.account'),
              enableSorting: true,
              meta: { noWrap: true },
              cell: ({ row }) => (
                <Anchor
                  renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} />}
                  size="sm"
                >
                  {row.original.accountName}
                </Anchor>
              ),
            } satisfies DataColumn<SurveyResponse>,
          ]),
      {
        id: 'contact',
        header: t('survey.response.fields.contact'),
        meta: { noWrap: true },
        cell: ({ row }) => row.original.contactName ?? t('common.empty'),
      },
      {
        id: 'comment',
        header: t('survey.response.fields.comment'),
        cell: ({ row }) => (
          <Text size="sm" lineClamp={2}>
            {row.original.comment ?? t('common.empty')}
          </Text>
        ),
      },
      ...(fixed.surveyId
        ? []
        : [
            {
              id: 'survey',
              header: t('survey.response.fields.survey'),
              enableSorting: true,
              meta: { noWrap: true },
              cell: ({ row }) => (
                <Anchor
                  renderRoot={(props) => <Link {...props} to="/surveys/$surveyId" params={{ surveyId: row.original.surveyId }} />}
                  size="sm"
                >
                  {row.original.surveyName}
                </Anchor>
              ),
            } satisfies DataColumn<SurveyResponse>,
          ]),
      {
        id: 'source',
        header: t('survey.response.fields.source'),
        meta: { noWrap: true },
        cell: ({ row }) => t(`survey.sources.${row.original.source}`),
      },
    ],
    [t, fixed.accountId, fixed.surveyId],
  );
  const f = list.filters;
  return (
    <DataTable
      testId={testId}
      columns={columns}
      list={list}
      getRowId={(r) => r.id}
      search={{ placeholder: t('survey.response.searchPlaceholder') }}
      filters={
        <Group gap="xs" wrap="wrap">
          <Select
            w={150}
            placeholder={t('survey.response.fields.category')}
            aria-label={t('survey.response.fields.category')}
            data={CATEGORIES.map((c) => ({ value: c, label: t(`survey.categories.${c}`) }))}
            value={f.category ?? null}
            onChange={(v) => list.setFilters({ category: (v as ResponseCategory | null) ?? undefined })}
            clearable
            data-testid="filter-category"
          />
          {fixed.surveyId ? null : (
            <Select
              w={200}
              placeholder={t('survey.response.fields.survey')}
              aria-label={t('survey.response.fields.survey')}
              data={(surveys.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={f.surveyId ?? null}
              onChange={(v) => list.setFilters({ surveyId: v ?? undefined })}
              clearable
            />
          )}
          {fixed.accountId ? null : (
            <AccountSelect
              w={220}
              placeholder={t('survey.response.fields.account')}
              aria-label={t('survey.response.fields.account')}
              clearable
              value={f.accountId ?? null}
              onChange={(accountId) => list.setFilters({ accountId: accountId ?? undefined })}
            />
          )}
        </Group>
      }
      exportUrl={canExport ? buildUrl('/api/v1/surveys/responses/export.csv', list.query) : undefined}
      columnSettings={{ storageKey: `survey-responses.${me.user.id}` }}
      emptyMessage={t('survey.response.empty')}
    />
  );
}
