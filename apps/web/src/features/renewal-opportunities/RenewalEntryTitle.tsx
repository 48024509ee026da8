import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';

/** A renewal's timeline entry in the reader's language: opened (with its renewal date), or a move between stages. */
export function RenewalEntryTitle({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const from = typeof data.from === 'string' ? data.from : null;
  const to = typeof data.to === 'string' ? data.to : '';
  const reason = typeof data.closeReason === 'string' && data.closeReason ? ` — ${data.closeReason}` : '';
  if (!from) return <>{t('renewalPipeline.timeline.opened', { date: formatDate(String(data.dueOn ?? '')) })}</>;
  return (
    <>
      {t('renewalPipeline.timeline.moved', { from: t(`renewalPipeline.stages.${from}`), to: t(`renewalPipeline.stages.${to}`) })}
      {reason}
    </>
  );
}
