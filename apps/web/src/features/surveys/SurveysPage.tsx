import { Anchor, Badge, Button, Group, Select, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconListDetails, IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatScore } from './NpsFigure.tsx';
import { surveyKeys } from './queryKeys.ts';
import { ResponseFormModal } from './ResponseFormModal.tsx';
import { SurveyFormModal } from './SurveyFormModal.tsx';
import { SURVEY_KINDS, type SurveysSearch } from './search.ts';
import type { Survey, SurveyKind } from './types.ts';

const route = getRouteApi('/app/surveys');

/** The organisation's surveys with their figures: search, kind, sort by header, paging, CSV; define one, record an answer. */
export function SurveysPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/surveys' });
  const canManage = useCan('survey:manage');
  const canRecord = useCan('survey_response:write');
  const canExport = useCan('export:run');
  const me = useMe();
  const [createOpened, createModal] = useDisclosure();
  const [answerOpened, answerModal] = useDisclosure();
  const controls = urlListControls(search, (changes: Partial<SurveysSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }), {
    sort: 'createdAt',
    order: 'desc',
    filters: {},
  });
  const list = useServerList(controls, {
    queryKey: surveyKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, kind: filters.kind, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/surveys', { params: { query } })),
  });

  const columns = useMemo<DataColumn<Survey>[]>(
    () => [
      {
        id: 'name',
        header: t('survey.fields.name'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => (
          <Anchor renderRoot={(props) => <Link {...props} to="/surveys/$surveyId" params={{ surveyId: row.original.id }} />} size="sm">
            {row.original.name}
          </Anchor>
        ),
      },
      {
        id: 'kind',
        header: t('survey.fields.kind'),
        enableSorting: true,
        cell: ({ row }) => <Badge variant="light">{t(`survey.kinds.${row.original.kind}`)}</Badge>,
      },
      { id: 'respondents', header: t('survey.fields.respondents'), enableSorting: true, cell: ({ row }) => row.original.respondents },
      {
        id: 'score',
        header: t('survey.fields.score'),
        enableSorting: true,
        cell: ({ row }) => <Text fw={600}>{formatScore(row.original.kind, row.original.score)}</Text>,
      },
      {
        id: 'split',
        header: t('survey.fields.split'),
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {row.original.promoters} / {row.original.passives} / {row.original.detractors}
          </Text>
        ),
      },
      {
        id: 'lastAnsweredAt',
        header: t('survey.fields.lastAnsweredAt'),
        meta: { noWrap: true },
        cell: ({ row }) => formatDate(row.original.lastAnsweredAt),
      },
      {
        id: 'createdAt',
        header: t('survey.fields.createdAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDate(row.original.createdAt),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('nav.surveys')}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconListDetails size={16} />}
              renderRoot={(props) => <Link {...props} to="/surveys/responses" />}
            >
              {t('survey.response.all')}
            </Button>
            {canRecord ? (
              <Button variant="default" onClick={answerModal.open} data-testid="record-response">
                {t('survey.response.new')}
              </Button>
            ) : null}
            {canManage ? (
              <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="new-survey">
                {t('survey.new')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <DataTable
        testId="surveys-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('survey.searchPlaceholder') }}
        filters={
          <Select
            w={160}
            placeholder={t('survey.fields.kind')}
            aria-label={t('survey.fields.kind')}
            data={SURVEY_KINDS.map((k) => ({ value: k, label: t(`survey.kinds.${k}`) }))}
            value={list.filters.kind ?? null}
            onChange={(v) => list.setFilters({ kind: (v as SurveyKind | null) ?? undefined })}
            clearable
          />
        }
        exportUrl={canExport ? buildUrl('/api/v1/surveys/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `surveys.${me.user.id}` }}
        emptyMessage={t('survey.empty')}
      />
      <SurveyFormModal opened={createOpened} onClose={createModal.close} />
      <ResponseFormModal opened={answerOpened} onClose={answerModal.close} />
    </>
  );
}
