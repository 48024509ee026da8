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
