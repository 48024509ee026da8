import { notifications } from '@mantine/notifications';
import i18n from 'i18next';
import { type CsvColumn, downloadCsv } from '../../lib/csv.ts';

/**
 * CSV of every row a paged list matches (the API has no export route for it): pages of 200 fetched in
 * turn, with a notification that counts them, then the browser's download.
 */
export async function exportAllPages<T>(
  fileName: string,
  columns: readonly CsvColumn<T>[],
  fetchPage: (page: number) => Promise<{ items: T[]; total: number }>,
) {
  const id = notifications.show({
    loading: true,
    autoClose: false,
    withCloseButton: false,
    message: i18n.t('subscription.exporting', { done: 0, total: '…' }),
  });
  try {
    const rows: T[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = await fetchPage(page);
      rows.push(...items);
      notifications.update({ id, message: i18n.t('subscription.exporting', { done: rows.length, total }) });
      if (!items.length || rows.length >= total || page >= 500) break;
    }
    downloadCsv(fileName, columns, rows);
  } finally {
    notifications.hide(id);
  }
}
