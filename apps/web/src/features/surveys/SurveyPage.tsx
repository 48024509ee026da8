import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconPlus, IconUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { useListState } from '../../components/list/listState.ts';
import { api, unwrap } from '../../lib/api.ts';
import { ImportResponsesModal } from './ImportResponsesModal.tsx';
import { NpsFigure } from './NpsFigure.tsx';
import { surveyKeys } from './queryKeys.ts';
import { ResponseFormModal } from './ResponseFormModal.tsx';
import { type ResponseFilters, ResponsesTable } from './ResponsesTable.tsx';
import type { ResponseSort } from './types.ts';

const route = getRouteApi('/app/surveys/$surveyId');

/** One survey: its figure over the last 12 months with the monthly trend and the segments, and its answers. */
export function SurveyPage() {
  const { t } = useTranslation();
  const { surveyId } = route.useParams();
  const canRecord = useCan('survey_response:write');
  const [answerOpened, answerModal] = useDisclosure();
  const [importOpened, importModal] = useDisclosure();
  const survey = useQuery({
    queryKey: surveyKeys.detail(surveyId),
    queryFn: async () => unwrap(await api.GET('/api/v1/surveys/{id}', { params: { path: { id: surveyId } } })),
  });
  const report = useQuery({
    queryKey: surveyKeys.report(surveyId),
    queryFn: async () => unwrap(await api.GET('/api/v1/surveys/{id}/report', { params: { path: { id: surveyId }, query: {} } })),
  });
  const controls = useListState<ResponseFilters, ResponseSort>({ sort: 'answeredAt', order: 'desc', filters: {}, pageSize: 25 });
  const s = survey.data;
  if (!s) return <Text c="dimmed">{survey.isError ? t('survey.notFound') : t('common.loading')}</Text>;
  return (
    <Stack gap="md">
      <Anchor renderRoot={(props) => <Link {...props} to="/surveys" />} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('survey.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2} fz={22} data-testid="survey-name">
            {s.name}
          </Title>
          <Text c="dimmed" size="sm">
            {t(`survey.kinds.${s.kind}`)}
            {s.question ? ` · ${s.question}` : ''}
          </Text>
        </Stack>
        {canRecord ? (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconUpload size={16} />} onClick={importModal.open} data-testid="import-survey-csv">
              {t('survey.import.open')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={answerModal.open} data-testid="record-response">
              {t('survey.response.new')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {report.data ? <NpsFigure report={report.data} /> : null}
      <ResponsesTable controls={controls} fixed={{ surveyId }} />
      <ResponseFormModal opened={answerOpened} onClose={answerModal.close} surveyId={surveyId} />
      <ImportResponsesModal opened={importOpened} onClose={importModal.close} surveyId={surveyId} />
    </Stack>
  );
}
