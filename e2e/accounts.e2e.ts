import assert from 'node:assert/strict';
import fs from 'node:fs';
import { accountTabLabels, DEMO, logIn, navLink, openAccountTab, signIn, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { choose, columnTexts, csvRows } from './support/tables.ts';

e2e('a CSM creates an account and adds a contact to it', async ({ page }) => {
  const name = unique('Fjordline Logistics');
  const domain = `${name.split(' ').pop()}.example`;
  await logIn(page, DEMO.csm);
  await navLink(page, 'nav.accounts').click();
  await expectUrl(page, /^\/accounts/);
  await page.getByTestId('new-account').click();
  const form = page.getByTestId('account-form');
  await form.getByLabel(t('account.fields.name')).first().fill(name);
  await form.getByLabel(t('account.fields.domain')).fill(domain);
  await choose(page, form, t('account.fields.segment'), t('account.segment.mid_market'));
  await form.getByLabel(t('account.fields.employees')).fill('240');
  await page.getByTestId('account-form-submit').click();

  await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
  await expectText(page.getByTestId('account-name'), name);
  const accountId = new URL(page.url()).pathname.split('/')[2] as string;

  await page.getByTestId('add-contact').click();
  const contactForm = page.getByTestId('contact-form');
  await contactForm.getByLabel(t('contact.fields.firstName')).fill('Ingrid');
  await contactForm.getByLabel(t('contact.fields.lastName')).fill('Solberg');
  await contactForm.getByLabel(t('contact.fields.email')).fill(`ingrid@${domain}`);
  await contactForm.getByLabel(t('contact.fields.jobTitle')).fill('Head of Operations');
  await choose(page, contactForm, t('contact.fields.roles'), t('contact.role.champion'));
  await page.getByTestId('contact-save').click();
  await expectHidden(contactForm);

  const row = page.getByRole('row').filter({ hasText: 'Ingrid Solberg' });
  await expectText(row, `ingrid@${domain}`);
  await expectText(row, t('contact.role.champion'));

  // What the page shows is what the server stored.
  const contacts = (await (await page.request.get(`/api/v1/accounts/${accountId}/contacts`)).json()) as {
    items: { firstName: string; email: string; roles: string[]; jobTitle: string }[];
  };
  assert.equal(contacts.items.length, 1);
  const [contact] = contacts.items;
  assert.equal(contact?.firstName, 'Ingrid');
  assert.equal(contact?.email, `ingrid@${domain}`);
  assert.equal(contact?.jobTitle, 'Head of Operations');
  assert.deepEqual(contact?.roles, ['champion']);
  const account = (await (await page.request.get(`/api/v1/accounts/${accountId}`)).json()) as { segment: string; employees: number };
  assert.equal(account.segment, 'mid_market');
  assert.equal(account.employees, 240);
});

e2e('the accounts list filters, sorts and exports the filtered rows as CSV', async ({ page }) => {
  await logIn(page, DEMO.vp, '/accounts');
  const table = 'accounts-table';
  await expectVisible(page.getByTestId(`${table}-row`).first());

  // Filter: only enterprise accounts, and the filter is in the URL.
  await choose(page, page, t('account.fields.segment'), t('account.segment.enterprise'));
  await expectUrl(page, /segment=[^&]*enterprise/);
  await eventually(async () => {
    const segments = await columnTexts(page, table, t('account.fields.segment'));
    assert.ok(segments.length > 0);
    assert.deepEqual([...new Set(segments)], [t('account.segment.enterprise')]);
  });

  // Sort: by employees, largest first.
  await page.getByTestId('sort-employees').click();
  await expectUrl(page, /sort=[^&]*employees/);
  if (!/order=[^&]*desc/.test(page.url())) await page.getByTestId('sort-employees').click();
  await expectUrl(page, /order=[^&]*desc/);
  await eventually(async () => {
    const employees = (await columnTexts(page, table, t('account.fields.employees'))).map((s) => Number(s.replace(/\D/g, '')) || 0);
    assert.ok(employees.length > 1);
    assert.deepEqual(
      employees,
      [...employees].sort((a, b) => b - a),
    );
  });

  // Export: a CSV download with the same filter, one row per listed account.
  const total = Number((await page.getByTestId('table-total').textContent())?.match(/of\s+([\d,]+)/)?.[1]?.replace(/,/g, ''));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const rows = csvRows(fs.readFileSync((await download.path()) as string, 'utf8'));
  const header = rows[0] ?? [];
  const segmentIndex = header.indexOf('segment');
  assert.ok(segmentIndex >= 0, `segment column in ${header.join(',')}`);
  assert.equal(rows.length - 1, total);
  for (const row of rows.slice(1)) assert.equal(row[segmentIndex], 'enterprise');
});

e2e('an admin sees an account’s change history with before and after; a CSM does not', async ({ page, context }) => {
  const name = unique('Audited Account');
  await signIn(page, DEMO.admin);
  const csrf = (await context.cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '';
  const created = await page.request.post('/api/v1/accounts', { data: { name, employees: 10 }, headers: { 'x-csrf-token': csrf } });
  assert.equal(created.status(), 201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/accounts/${id}`);
  await page.getByTestId('edit-account').click();
  const form = page.getByTestId('account-form');
  await form.getByLabel(t('account.fields.employees')).fill('4321');
  await page.getByTestId('account-form-submit').click();
  await expectHidden(form);

  await openAccountTab(page, t('account.tabs.history'));
  const history = page.getByTestId('account-history');
  await expectVisible(history);
  const change = history.getByTestId('audit-diff').first();
  const employeesRow = change.locator('tr[data-changed]').filter({ hasText: 'employees' });
  await expectText(employeesRow, '10');
  await expectText(employeesRow, '4,321'); // with the UI language's digit grouping, as the form and the list show it
  await expectText(history, 'Alex Admin');

  // A CSM has no audit:read, so no history tab.
  const csm = await context.browser()?.newContext({ baseURL: new URL(page.url()).origin });
  assert.ok(csm);
  const csmPage = await csm.newPage();
  try {
    await logIn(csmPage, DEMO.csm, `/accounts/${id}`);
    await expectText(csmPage.getByTestId('account-name'), name);
    await expectVisible(csmPage.getByRole('tab', { name: t('account.tabs.contacts') }));
    const csmTabs = await accountTabLabels(csmPage);
    assert.ok(csmTabs.includes(t('account.tabs.details')), 'the tabs under More are listed too');
    assert.ok(!csmTabs.includes(t('account.tabs.history')));
  } finally {
    await csm.close();
  }
});

e2e('a read-only user sees accounts but no button to change them', async ({ page }) => {
  await logIn(page, DEMO.readOnly);
  await navLink(page, 'nav.accounts').click();
  await expectVisible(page.getByTestId('accounts-table-row').first());
  assert.equal(await page.getByTestId('new-account').count(), 0);
  assert.equal(await page.getByTestId('export-csv').count(), 0, 'read-only has no export permission');

  await page.getByTestId('accounts-table-row').first().click();
  await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
  await expectVisible(page.getByTestId('account-name'));
  await expectVisible(page.getByRole('tab', { name: t('account.tabs.contacts') }));
  for (const id of ['edit-account', 'archive-account', 'unarchive-account', 'add-contact']) {
    assert.equal(await page.getByTestId(id).count(), 0, `${id} is hidden`);
  }
  assert.equal(await page.getByRole('button', { name: t('common.delete') }).count(), 0);
  assert.ok(!(await accountTabLabels(page)).includes(t('account.tabs.history')));
  await expectHidden(navLink(page, 'nav.imports'));

  // The server refuses the change the UI does not offer.
  const csrf = (await page.context().cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '';
  const refused = await page.request.post('/api/v1/accounts', { data: { name: 'Not allowed' }, headers: { 'x-csrf-token': csrf } });
  assert.equal(refused.status(), 403);
});
