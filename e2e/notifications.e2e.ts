import assert from 'node:assert/strict';
import { DEMO, logIn, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectText, expectUrl, expectVisible } from './support/expect.ts';
import { exportCsv } from './support/tables.ts';

e2e('the bell links to all notifications: read or unread, by date, paged, marked read, as CSV', async ({ page }) => {
  await logIn(page, DEMO.csm);
  const mine = (await (await page.request.get('/api/v1/notifications?pageSize=1')).json()) as { total: number; unread: number };
  assert.ok(mine.total > 0, 'the demo CSM has renewal reminders');

  await page.getByTestId('notification-bell').click();
  await expectVisible(page.getByTestId('notification-list'));
  // The bell shows the latest few and says so when there are more.
  if (mine.total > 15) await expectText(page.getByTestId('notification-shown'), '15');
  await page.getByTestId('notification-all').click();
  await expectUrl(page, /^\/notifications/);
  const table = page.getByTestId('notifications-table');
  await expectVisible(table.getByTestId('notifications-table-row').first());
  await expectText(page.getByTestId('table-total'), String(mine.total));

  // Only the unread, then one marked read from its row.
  await page.getByTestId('notification-state').getByText(t('notification.state.unread'), { exact: true }).click();
  await expectText(page.getByTestId('table-total'), String(mine.unread));
  await table.getByTestId('notification-mark-read').first().click();
  await expectText(page.getByTestId('table-total'), String(mine.unread - 1));
  await page.getByTestId('notification-state').getByText(t('notification.state.read'), { exact: true }).click();
  await expectText(page.getByTestId('table-total'), String(mine.total - mine.unread + 1));

  // Oldest first by the date column.
  await page.getByTestId('notification-state').getByText(t('common.all'), { exact: true }).click();
  await page.getByTestId('sort-createdAt').click();
  await expectVisible(table.locator('th[aria-sort="ascending"]'));

  const csv = await exportCsv(page);
  assert.equal(csv.fileName, 'notifications.csv');
  assert.deepEqual(csv.header, ['created_at', 'kind', 'subject', 'read_at', 'link']);
  assert.equal(csv.rows.length, mine.total);
  assert.ok(csv.rows[0]?.[0] && csv.rows.at(-1)?.[0] && csv.rows[0][0] <= (csv.rows.at(-1)?.[0] ?? ''), 'oldest first');
});
