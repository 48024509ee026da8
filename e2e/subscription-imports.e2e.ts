import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO, logIn, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectText, expectUrl, expectVisible } from './support/expect.ts';

/** Three paid periods of two new customers: one upgrades, the other is still running. */
const periodsFile = (tag: string) =>
  Buffer.from(
    [
      'customer_id,start_date,end_date,monthly_amount',
      `SUB-${tag}-1,2025-01-01,2025-04-01,100`,
      `SUB-${tag}-1,2025-04-01,,150`,
      `SUB-${tag}-2,2025-02-01,,80`,
    ].join('\r\n'),
  );

async function uploadPeriods(page: Page, tag: string) {
  await page.goto('/imports/new');
  await page
    .getByRole('radiogroup', { name: t('imports.upload.what') })
    .getByText(t('imports.entities.subscriptions'), { exact: true })
    .click();
  await expectVisible(page.getByText(t('imports.upload.formatHelp.periods')));
  await page.getByRole('checkbox', { name: t('imports.upload.createMissingAccounts') }).check();
  await page.locator('input[type=file]').setInputFiles({ name: `periods-${tag}.csv`, mimeType: 'text/csv', buffer: periodsFile(tag) });
  await expectUrl(page, /^\/imports\/[0-9a-f-]{36}$/, 20_000);
  await expectText(page.getByTestId('import-options'), t('imports.upload.createMissingAccounts'));
  assert.equal(
    await page.getByRole('combobox', { name: t('imports.mapping.fieldFor', { column: 'monthly_amount' }) }).inputValue(),
    `${t('imports.fields.subscriptions.monthlyAmount')} *`,
  );
  await page.getByRole('button', { name: t('imports.mapping.continue') }).click();
  await expectText(page.getByTestId('stat-total'), '3', 20_000);
  await expectText(page.getByTestId('stat-valid'), '3');
  await page.getByRole('button', { name: t('imports.check.start_other', { formatted: '3' }) }).click();
  await expectVisible(page.getByTestId('import-done'), 30_000);
}

e2e(
  'a subscriptions file in the periods form creates its customers and their subscriptions; the same file again changes nothing',
  async ({ page }) => {
    const tag = Date.now().toString(36);
    await logIn(page, DEMO.admin);
    await uploadPeriods(page, tag);
    await expectText(page.getByTestId('stat-inserted'), '3');
    await expectText(page.getByTestId('stat-unchanged'), '0');

    const accounts = (await (await page.request.get(`/api/v1/accounts?q=${encodeURIComponent(`SUB-${tag}`)}`)).json()) as { total: number };
    assert.equal(accounts.total, 2);
    const subs = (await (await page.request.get(`/api/v1/subscriptions?q=${encodeURIComponent(`SUB-${tag}`)}`)).json()) as {
      items: { accountName: string; mrr: number }[];
    };
    assert.deepEqual(subs.items.map((s) => [s.accountName, s.mrr]).sort(), [
      [`SUB-${tag}-1`, 150],
      [`SUB-${tag}-2`, 80],
    ]);

    await uploadPeriods(page, tag);
    await expectText(page.getByTestId('stat-inserted'), '0');
    await expectText(page.getByTestId('stat-unchanged'), '3');
  },
);
