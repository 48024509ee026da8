import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvUploadModal } from '../../components/CsvUploadModal.tsx';
import { surveyKeys } from './queryKeys.ts';
import type { ImportResult } from './types.ts';

/** Answers from a CSV file: the columns it reads, the upload, then what was recorded and each refused row. */
export function ImportResponsesModal({
  opened,
  onClose,
  surveyId,
}: {
  opened: boolean;
  onClose: () => void;
  surveyId: string;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <CsvUploadModal<ImportResult>
      opened={opened}
      onClose={onClose}
      title={t('survey.import.title')}
      help={t('survey.import.help')}
      example={'response_id,contact_email,account,score,comment,answered_at\nr-1,ann@acme.example,,9,Great support,2026-11-02 09:30'}
      url={`/api/v1/surveys/${surveyId}/responses/import`}
      counts={(r) => [
        { label: t('survey.import.received'), value: r.received },
        { label: t('survey.import.recorded'), value: r.recorded },
        { label: t('survey.import.duplicates'), value: r.duplicates },
        { label: t('survey.import.refused'), value: r.rejectedCount, refused: true },
      ]}
      queryKey={surveyKeys.all}
      processing={t('survey.import.recording')}
      testId="survey-import"
    />
  );
}
