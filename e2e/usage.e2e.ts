import assert from 'node:assert/strict';
import { Analytics } from '@segment/analytics-node';
import { DEMO, logIn, navLink, t, unique } from './support/app.ts';
import { baseUrl, e2e } from './support/browser.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e('an admin makes a write key, the official Segment client sends with it, and the unknown account is mapped', async ({ page }) => {
  const name = unique('Web app');
  await logIn(page, DEMO.admin);
  await navLink(page, 'nav.usageSources').click();
  await expectUrl(page, /^\/usage\/sources$/);
  await page.getByTestId('new-usage-source').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(t('usage.sources.name')).fill(name);
  await dialog.getByRole('button', { name: t('usage.create.create') }).click();
  const keyBox = dialog.getByTestId('new-write-key');
  await expectVisible(keyBox);
  const writeKey = ((await keyBox.textContent()) ?? '').trim();
  assert.match(writeKey, /^c365w_/);
  await dialog.getByRole('button', { name: t('usage.create.done') }).click();
  await expectHidden(dialog);
  await expectText(page.getByTestId('usage-sources-table'), name);

  // The real client, pointed at the product: a group call naming an account key no account has, then tracks.
  const group = unique('northwind-e2e').replace(/\s+/g, '-').toLowerCase();
  const analytics = new Analytics({ writeKey, host: baseUrl(), flushAt: 20, maxRetries: 2 });
  const failures: unknown[] = [];
  analytics.on('error', (e) => failures.push(e));
  const first = new Analytics({ writeKey, host: baseUrl(), maxRetries: 2 });
  first.on('error', (e) => failures.push(e));
  first.group({ userId: 'e2e-user', groupId: group, traits: { name: 'Northwind' } });
  await first.closeAndFlush({ timeout: 20_000 });
  for (let i = 0; i < 3; i++) analytics.track({ userId: 'e2e-user', event: 'Report exported', properties: { format: 'pdf' } });
  await analytics.closeAndFlush({ timeout: 20_000 });
  assert.deepEqual(failures, []);

  await navLink(page, 'nav.usageUnmapped').click();
  await expectUrl(page, /^\/usage\/unmapped$/);
  await page.getByPlaceholder(t('usage.keys.searchPlaceholder')).fill(group);
  const row = page.getByTestId('usage-keys-table-row').filter({ hasText: group });
  await expectVisible(row);
  await expectText(row, name);
  await expectText(row.getByRole('cell').nth(2), /^4$/); // the group call and three tracks

  await row.getByRole('button', { name: t('usage.keys.map') }).click();
  const map = page.getByRole('dialog');
  await map.getByRole('combobox', { name: t('usage.keys.account') }).click();
  const option = page.getByRole('option').first();
  await expectVisible(option);
  const accountName = ((await option.textContent()) ?? '').trim();
  await option.click();
  await map.getByRole('button', { name: t('usage.keys.map') }).click();
  await expectHidden(map);
  await expectHidden(row);

  await page
    .getByRole('radiogroup', { name: t('usage.keys.status') })
    .getByText(t('usage.keys.statuses.mapped'), { exact: true })
    .click();
  const mapped = page.getByTestId('usage-keys-table-row').filter({ hasText: group });
  await expectVisible(mapped);
  await expectText(mapped, accountName);
});

e2e('an admin back-fills usage from a CSV file and sees what was stored and which row was refused', async ({ page }) => {
  const key = unique('csv-co').replace(/\s+/g, '-').toLowerCase();
  await logIn(page, DEMO.admin);
  await navLink(page, 'nav.usageSources').click();
  await page.getByTestId('import-usage-csv').click();
  const dialog = page.getByRole('dialog');
  await expectText(dialog, t('usage.csv.title'));
  const csv = [
    'timestamp,event,account_external_id,user_id,message_id,plan',
    `2026-11-02 09:30,Report exported,${key},ann@example.com,${key}-1,pro`,
    `2026-11-02,Logged in,${key},bob@example.com,${key}-2,`,
    `not a date,Logged in,${key},bob@example.com,${key}-3,`,
  ].join('\n');
  await dialog.locator('input[type=file]').setInputFiles({ name: 'usage.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const result = dialog.getByTestId('usage-csv-result');
  await expectVisible(result);
  await expectText(result, new RegExp(`${t('usage.csv.stored')}\\s*2`));
  await expectText(result, new RegExp(`${t('usage.csv.refused')}\\s*1`));
  const refused = dialog.getByTestId('usage-csv-refused');
  await expectText(refused, /4\s*timestamp/);
  await dialog.getByRole('button', { name: t('csvUpload.done') }).click();
  await expectHidden(dialog);
  // The unknown account key waits for mapping with its two events.
  await navLink(page, 'nav.usageUnmapped').click();
  await page.getByPlaceholder(t('usage.keys.searchPlaceholder')).fill(key);
  const row = page.getByTestId('usage-keys-table-row').filter({ hasText: key });
  await expectText(row.getByRole('cell').nth(2), /^2$/);
});
