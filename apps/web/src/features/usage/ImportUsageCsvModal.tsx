import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvUploadModal } from '../../components/CsvUploadModal.tsx';
import { usageKeys } from './queryKeys.ts';
import type { UsageCsvResult } from './types.ts';

/** Back-fill usage from a CSV file: the columns it reads, the upload with its progress, then what was stored and each refused row. */
export function ImportUsageCsvModal({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <CsvUploadModal<UsageCsvResult>
      opened={opened}
      onClose={onClose}
      title={t('usage.csv.title')}
      help={t('usage.csv.help')}
      example={
        'timestamp,event,account_external_id,user_id,message_id,plan\n2026-11-02 09:30,Report exported,ACME-1,ann@acme.example,evt-1,pro'
      }
      columns={t('usage.csv.columns')}
      url="/api/v1/usage/events/import"
      counts={(r) => [
        { label: t('usage.csv.received'), value: r.received },
        { label: t('usage.csv.stored'), value: r.stored },
        { label: t('usage.csv.duplicates'), value: r.duplicates },
        { label: t('usage.csv.refused'), value: r.rejectedCount, refused: true },
      ]}
      queryKey={usageKeys.all}
      processing={t('usage.csv.storing')}
      testId="usage-csv"
    />
  );
}
