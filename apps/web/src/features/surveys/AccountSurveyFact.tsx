import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { surveyKeys } from './queryKeys.ts';
import { ScoreBadge } from './ScoreBadge.tsx';

/** The account header's fact: the account's latest survey answer, its score coloured by its side, and when. */
export function AccountSurveyFact({ accountId }: { accountId: string }): ReactNode {
  const { t } = useTranslation();
  const latest = useQuery({
    queryKey: [...surveyKeys.responses, 'latest', accountId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/surveys/responses', {
          params: { query: { accountId, pageSize: 1, sort: 'answeredAt', order: 'desc' } },
        }),
      ).items[0] ?? null,
  });
  if (latest.data === undefined) return '…';
  const r = latest.data;
  if (!r) return '—';
  return (
    <Group gap={6} wrap="nowrap" title={`${r.surveyName} · ${t(`survey.categories.${r.category}`)}`}>
      <ScoreBadge score={r.score} category={r.category} />
      <Text size="sm" c="dimmed">
        {formatDate(r.answeredAt)}
      </Text>
    </Group>
  );
}
