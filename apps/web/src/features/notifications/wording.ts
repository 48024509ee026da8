import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import type { ResponseOf } from '../../lib/types.ts';

export type Notification = ResponseOf<'/api/v1/notifications', 'get'>['items'][number];

/** A notification in the reader's language, from its kind and data (the API's subject is English). */
export function useWording() {
  const { t } = useTranslation();
  return (n: Notification) => {
    const d = n.data as { accountName?: string; reminder?: string; dueOn?: string };
    if (n.kind === 'renewal_reminder')
      return d.reminder === 'overdue'
        ? t('notification.renewalOverdue', { account: d.accountName, date: formatDate(d.dueOn) })
        : t('notification.renewalDue', { account: d.accountName, date: formatDate(d.dueOn), count: Number(d.reminder) });
    return n.subject;
  };
}
