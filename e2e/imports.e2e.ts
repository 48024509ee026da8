import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { DEMO, logIn, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectCount, expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An accounts workbook with Dutch and English headers; the third data row (sheet row 4) has a bad employee count. */
async function accountsWorkbook(tag: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Accounts');
  ws.columns = [
    { header: 'Bedrijfsnaam', key: 'name' },
    { header: 'Domain', key: 'domain' },
    { header: 'CRM id', key: 'crm' },
    { header: 'Segment', key: 'segment' },
    { header: 'Employees', key: 'employees' },
    { header: 'Favourite colour', key: 'colour' },
  ];
  ws.addRow({ name: `Xlsx Alpha ${tag}`, domain: `alpha-${tag}.example`, crm: `X-${tag}-1`, segment: 'smb', employees: 12, colour: 'red' });
  ws.addRow({
    name: `Xlsx Beta ${tag}`,
    domain: `beta-${tag}.example`,
    crm: `X-${tag}-2`,
    segment: 'enterprise',
    employees: 4500,
    colour: 'blue',
  });
  ws.addRow({
    name: `Xlsx Gamma ${tag}`,
    domain: `gamma-${tag}.example`,
    crm: `X-${tag}-3`,
    segment: 'mid_market',
    employees: 'lots',
    colour: 'green',
  });
  ws.addRow({
    name: `Xlsx Delta ${tag}`,
    domain: `delta-${tag}.example`,
    crm: `X-${tag}-4`,
    segment: 'smb',
    employees: 80,
    colour: 'teal',
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function uploadFile(
  page: Page,
  fileName: string,
  buffer: Buffer,
  mimeType = XLSX_MIME,
  entity: 'accounts' | 'contacts' = 'accounts',
) {
  await page.goto('/imports');
  await page.getByRole('link', { name: t('imports.list.new') }).click();
  await expectUrl(page, /^\/imports\/new$/);
  await page
    .getByRole('radiogroup', { name: t('imports.upload.what') })
    .getByText(t(`imports.entities.${entity}`), { exact: true })
    .click();
  await page.locator('input[type=file]').setInputFiles({ name: fileName, mimeType, buffer });
  await expectUrl(page, /^\/imports\/[0-9a-f-]{36}$/, 20_000);
}

function stat(page: Page, testId: string) {
  return page.getByTestId(testId);
}

e2e(
  'an .xlsx import with one bad row lists that row’s error in the preview, then imports the valid rows and re-imports as updates',
  async ({ page }) => {
    const tag = Date.now().toString(36);
    const file = await accountsWorkbook(tag);
    await logIn(page, DEMO.admin);
    await uploadFile(page, `accounts-${tag}.xlsx`, file);

    // Mapping: prefilled from the header names (Dutch "Bedrijfsnaam" → Name); the unknown column is left out.
    const nameSelect = page.getByRole('combobox', { name: t('imports.mapping.fieldFor', { column: 'Bedrijfsnaam' }) });
    await expectVisible(nameSelect);
    assert.equal(await nameSelect.inputValue(), `${t('imports.fields.accounts.name')} *`);
    assert.equal(
      await page.getByRole('combobox', { name: t('imports.mapping.fieldFor', { column: 'Employees' }) }).inputValue(),
      t('imports.fields.accounts.employees'),
    );
    assert.equal(
      await page.getByRole('combobox', { name: t('imports.mapping.fieldFor', { column: 'Favourite colour' }) }).inputValue(),
      t('imports.mapping.ignore'),
    );
    await expectVisible(page.getByTestId('sample-table').getByText(`Xlsx Alpha ${tag}`));
    await page.getByRole('button', { name: t('imports.mapping.continue') }).click();

    // Preview: totals, and the bad row's error with row number, field and the value from the file.
    await expectText(stat(page, 'stat-total'), '4', 20_000);
    await expectText(stat(page, 'stat-valid'), '3');
    await expectText(stat(page, 'stat-errors'), '1');
    const errorRows = page.getByTestId('import-errors-row');
    await eventually(async () => assert.equal(await errorRows.count(), 1));
    const errorRow = errorRows.first();
    await expectText(errorRow, /^4/);
    await expectText(errorRow, t('imports.fields.accounts.employees'));
    await expectText(errorRow, 'lots');

    // The errors can be downloaded as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = fs.readFileSync((await download.path()) as string, 'utf8');
    assert.match(csv, /^\uFEFF?row,field,column,message,value/);
    assert.match(csv, /\n4,employees,Employees,.*lots/);

    // The errors filter like every list: words in the value, then a field with no errors, then back.
    await page.getByTestId('import-errors-search').fill('no-such-words');
    await expectVisible(page.getByTestId('table-no-matches'));
    await page.getByTestId('import-errors-search').fill('lots');
    await eventually(async () => assert.equal(await errorRows.count(), 1));
    await page.getByTestId('clear-filters').click();
    await eventually(async () => assert.equal(await errorRows.count(), 1));

    // With errors, "skip invalid rows" (the choice that can run) is preselected; "import nothing" cannot start.
    assert.equal(await page.getByRole('radio', { name: t('imports.check.modes.skip_invalid') }).isChecked(), true);
    await page.getByRole('radio', { name: t('imports.check.modes.all_or_nothing') }).check();
    assert.equal(await page.getByRole('button', { name: t('imports.check.start_other', { formatted: '4' }) }).isDisabled(), true);
    await page.getByRole('radio', { name: t('imports.check.modes.skip_invalid') }).check();
    await page.getByRole('button', { name: t('imports.check.start_other', { formatted: '3' }) }).click();

    await expectVisible(page.getByTestId('import-done'), 30_000);
    await expectText(stat(page, 'stat-inserted'), '3');
    await expectText(stat(page, 'stat-updated'), '0');
    await expectText(stat(page, 'stat-skipped'), '1');
    const found = (await (await page.request.get(`/api/v1/accounts?q=${encodeURIComponent(`Xlsx Beta ${tag}`)}`)).json()) as {
      items: { name: string; domain: string | null; employees: number | null }[];
    };
    assert.equal(found.items.length, 1);
    assert.equal(found.items[0]?.domain, `beta-${tag}.example`);
    assert.equal(found.items[0]?.employees, 4500);

    // The same file again updates the three accounts instead of duplicating them.
    await uploadFile(page, `accounts-${tag}.xlsx`, file);
    await page.getByRole('button', { name: t('imports.mapping.continue') }).click();
    await expectText(stat(page, 'stat-errors'), '1', 20_000);
    await page.getByRole('button', { name: t('imports.check.start_other', { formatted: '3' }) }).click();
    await expectVisible(page.getByTestId('import-done'), 30_000);
    await expectText(stat(page, 'stat-inserted'), '0');
    await expectText(stat(page, 'stat-updated'), '3');
    const again = (await (await page.request.get(`/api/v1/accounts?q=${encodeURIComponent(tag)}`)).json()) as { total: number };
    assert.equal(again.total, 3);

    // Both imports are in the list as completed.
    await page.goto('/imports');
    await eventually(async () =>
      assert.equal(
        await page
          .getByTestId('imports-table-row')
          .filter({ hasText: `accounts-${tag}.xlsx` })
          .count(),
        2,
      ),
    );
  },
  { timeout: 120_000 },
);

e2e('a file with an unsupported type is refused before upload', async ({ page }) => {
  await logIn(page, DEMO.admin, '/imports/new');
  await page.locator('input[type=file]').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await expectVisible(page.getByRole('alert').filter({ hasText: t('imports.upload.wrongType') }));
  await expectUrl(page, /^\/imports\/new$/);
});

/** Runs a CSV of accounts (or contacts) through the wizard with the suggested mapping, skipping invalid rows when there are any. */
async function importCsv(
  page: Page,
  fileName: string,
  rows: string[][],
  expected: { valid: number; errors: number },
  entity: 'accounts' | 'contacts' = 'accounts',
) {
  const csv = `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  await uploadFile(page, fileName, Buffer.from(csv), 'text/csv', entity);
  await page.getByRole('button', { name: t('imports.mapping.continue') }).click();
  await expectText(stat(page, 'stat-valid'), String(expected.valid), 20_000);
  await expectText(stat(page, 'stat-errors'), String(expected.errors));
  const start = page.getByRole('button', {
    name: t(expected.valid === 1 ? 'imports.check.start_one' : 'imports.check.start_other', { formatted: String(expected.valid) }),
  });
  await start.click();
  await expectVisible(page.getByTestId('import-done'), 30_000);
}

e2e(
  'labels as the UI shows them are imported; the history names the file and only the changed fields; "Open accounts" shows them',
  async ({ page }) => {
    const tag = Date.now().toString(36);
    await logIn(page, DEMO.admin);
    // The labels the UI shows, in English, Dutch and Danish and in any case; a value that is none of them is named with them.
    await importCsv(
      page,
      `labels-${tag}.csv`,
      [
        ['Name', 'Domain', 'Segment', 'Lifecycle stage'],
        [`Label Shop ${tag}`, `shop-${tag}.example`, 'Small business', 'Trial'],
        [`Label Fabriek ${tag}`, `fabriek-${tag}.example`, 'klein bedrijf', 'PROEFPERIODE'],
        [`Label Huge ${tag}`, `huge-${tag}.example`, 'Huge', 'Adoption'],
      ],
      { valid: 2, errors: 1 },
    );
    const errorRow = page.getByTestId('import-errors-row').first();
    await expectText(errorRow, 'Huge');
    await expectText(errorRow, `${t('account.segment.smb')} (smb)`);
    const shop = (await (await page.request.get(`/api/v1/accounts?q=${encodeURIComponent(`Label Shop ${tag}`)}`)).json()) as {
      items: { id: string; segment: string; lifecycleStage: string }[];
    };
    assert.equal(shop.items[0]?.segment, 'smb');
    assert.equal(shop.items[0]?.lifecycleStage, 'trial');

    // "Open accounts" lists exactly what the import wrote, names the file, and can show all accounts again.
    await page.getByTestId('open-imported').click();
    await expectUrl(page, /^\/accounts\?.*importId=/);
    await expectText(page.getByTestId('import-filter'), `labels-${tag}.csv`);
    const listed = page.getByTestId('accounts-table-row');
    await expectCount(listed, 2);
    await expectVisible(listed.filter({ hasText: `Label Fabriek ${tag}` }));
    await expectVisible(listed.filter({ hasText: `Label Shop ${tag}` }));
    await page.getByTestId('import-filter-clear').click();
    await expectHidden(page.getByTestId('import-filter'));
    await eventually(async () => assert.ok((await listed.count()) > 2));
    await expectUrl(page, /^\/accounts(?!.*importId)/);

    // The same for contacts: "Open contacts" shows the two the contact import added, not the demo's others.
    await importCsv(
      page,
      `people-${tag}.csv`,
      [
        ['First name', 'Last name', 'Email', 'Account domain'],
        ['Ada', `Shop ${tag}`, `ada-${tag}@shop-${tag}.example`, `shop-${tag}.example`],
        ['Bo', `Fabriek ${tag}`, `bo-${tag}@fabriek-${tag}.example`, `fabriek-${tag}.example`],
      ],
      { valid: 2, errors: 0 },
      'contacts',
    );
    await page.getByTestId('open-imported').click();
    await expectUrl(page, /^\/contacts\?.*importId=/);
    await expectText(page.getByTestId('import-filter'), `people-${tag}.csv`);
    const contacts = page.getByTestId('contacts-table-row');
    await expectCount(contacts, 2);
    await expectVisible(contacts.filter({ hasText: `Shop ${tag}` }));

    // A second file changes one field of the shop: its history says so, with the field's label and the file's name.
    await importCsv(
      page,
      `segments-${tag}.csv`,
      [
        ['Name', 'Domain', 'Segment'],
        [`Label Shop ${tag}`, `shop-${tag}.example`, 'Enterprise'],
      ],
      { valid: 1, errors: 0 },
    );
    await page.goto(`/accounts/${shop.items[0]?.id}?tab=history`);
    const history = page.getByTestId('account-history');
    await expectVisible(history);
    const sources = history.getByTestId('history-import-source');
    await eventually(async () => assert.equal(await sources.count(), 2));
    await expectText(sources.first(), t('imports.history.fromFile', { file: `segments-${tag}.csv`, row: 2 }));
    await expectText(sources.nth(1), t('imports.history.fromFile', { file: `labels-${tag}.csv`, row: 2 }));
    const latest = history.getByTestId('audit-diff').first();
    await expectText(latest, t('account.fields.segment'));
    await expectText(latest, t('account.segment.smb'));
    await expectText(latest, t('account.segment.enterprise'));
    const text = (await latest.textContent()) ?? '';
    for (const hidden of ['importId', 'result', 'row', t('account.fields.name')])
      assert.ok(!text.includes(hidden), `${hidden} shown: ${text}`);
  },
  { timeout: 120_000 },
);
