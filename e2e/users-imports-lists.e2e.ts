import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO, DEMO_PASSWORD, logIn, mainNavigation, signIn, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectText, expectVisible } from './support/expect.ts';
import { choose, columnTexts, exportCsv } from './support/tables.ts';

async function csrfHeader(page: Page): Promise<Record<string, string>> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '';
  return { 'x-csrf-token': csrf };
}

/** Uploads a CSV of accounts through the API, saves the suggested mapping and waits for the check. */
async function checkedImport(page: Page, fileName: string, csv: string) {
  const up = await page.request.post('/api/v1/imports', {
    multipart: { entity: 'accounts', file: { name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) } },
    headers: await csrfHeader(page),
  });
  assert.equal(up.status(), 201, await up.text());
  const imp = (await up.json()) as { id: string; suggestedMapping: Record<string, string | null> };
  const mapped = await page.request.put(`/api/v1/imports/${imp.id}/mapping`, {
    data: { mapping: imp.suggestedMapping },
    headers: await csrfHeader(page),
  });
  assert.equal(mapped.status(), 200, await mapped.text());
  await waitForStatus(page, imp.id, 'validated');
  return imp.id;
}

async function waitForStatus(page: Page, id: string, status: string) {
  await eventually(
    async () => assert.equal(((await (await page.request.get(`/api/v1/imports/${id}`)).json()) as { status: string }).status, status),
    30_000,
    200,
  );
}

e2e('the users list sorts by a column header and exports what it shows, without secrets', async ({ page }) => {
  await logIn(page, DEMO.admin, '/admin/users');
  await expectVisible(page.getByTestId('users-table-row').first());
  const emailHeader = t('admin.users.email');

  await page.getByTestId('sort-email').click();
  const shown = await eventually(async () => {
    const emails = await columnTexts(page, 'users-table', emailHeader);
    assert.ok(emails.length > 1);
    assert.deepEqual(
      emails,
      [...emails].sort((a, b) => a.localeCompare(b)),
    );
    return emails;
  });
  await page.getByTestId('sort-email').click();
  await eventually(async () => assert.deepEqual(await columnTexts(page, 'users-table', emailHeader), [...shown].reverse()));

  const users = await exportCsv(page);
  assert.equal(users.fileName, 'users.csv');
  const email = users.header.indexOf('email');
  assert.ok(email >= 0, users.header.join(','));
  assert.deepEqual(
    users.rows.map((r) => r[email]),
    [...shown].reverse(),
  );
  for (const column of users.header) assert.doesNotMatch(column, /password|hash|token/i);

  // A search narrows the export too.
  await page.getByRole('textbox', { name: t('common.search') }).fill('readonly@');
  await eventually(async () => assert.deepEqual(await columnTexts(page, 'users-table', emailHeader), [DEMO.readOnly]));
  assert.deepEqual(
    (await exportCsv(page)).rows.map((r) => r[email]),
    [DEMO.readOnly],
  );
});

e2e('import history searches file names, filters, sorts and exports the same imports', async ({ page }) => {
  await logIn(page, DEMO.admin);
  const tag = unique('hist').replace(/\W+/g, '-').toLowerCase();
  await checkedImport(page, `${tag}-beta.csv`, 'Name,Domain\r\nBeta One,beta-one.example\r\nBeta Two,beta-two.example\r\n');
  await checkedImport(page, `${tag}-alpha.csv`, 'Name,Domain\r\nAlpha One,alpha-one.example\r\n');

  await page.goto('/imports');
  await page.getByPlaceholder(t('imports.list.searchPlaceholder')).fill(tag);
  const fileHeader = t('imports.list.file');
  // Newest first.
  await eventually(async () =>
    assert.deepEqual(await columnTexts(page, 'imports-table', fileHeader), [`${tag}-alpha.csv`, `${tag}-beta.csv`]),
  );
  await page.getByTestId('sort-totalRows').click();
  await page.getByTestId('sort-totalRows').click();
  await eventually(async () =>
    assert.deepEqual(await columnTexts(page, 'imports-table', fileHeader), [`${tag}-beta.csv`, `${tag}-alpha.csv`]),
  );

  await choose(page, page, t('imports.list.status'), t('imports.statuses.completed'));
  // Filtered down to nothing: the list says so and offers to clear the filters.
  await expectVisible(page.getByText(t('table.noMatches')));
  await choose(page, page, t('imports.list.status'), t('imports.statuses.validated'));
  await eventually(async () => assert.equal((await columnTexts(page, 'imports-table', fileHeader)).length, 2));

  const exported = await exportCsv(page);
  assert.equal(exported.fileName, 'imports.csv');
  const file = exported.header.indexOf('file_name');
  const status = exported.header.indexOf('status');
  assert.deepEqual(
    exported.rows.map((r) => r[file]),
    [`${tag}-beta.csv`, `${tag}-alpha.csv`],
  );
  assert.deepEqual(
    exported.rows.map((r) => r[status]),
    ['validated', 'validated'],
  );
});

e2e('a Dutch user reads the row errors of a finished import in Dutch', async ({ page }) => {
  await signIn(page, DEMO.admin);
  // A user of their own, so switching the language leaves the shared demo users alone.
  const email = `${unique('nl').replace(/\W+/g, '-').toLowerCase()}@e2e.example`;
  const created = await page.request.post('/api/v1/users', {
    data: { email, name: 'Nederlandse Beheerder', role: 'admin', language: 'nl', password: DEMO_PASSWORD },
    headers: await csrfHeader(page),
  });
  assert.equal(created.status(), 201, await created.text());
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel(t('login.email')).fill(email);
  await page.getByLabel(t('login.password')).first().fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: t('login.submit') }).click();
  // The UI follows the user's language after sign-in.
  await expectVisible(mainNavigation(page, 'nl'));

  const id = await checkedImport(page, 'fouten.csv', 'Name,Domain\r\nGoed BV,goed-bv.example\r\nFout BV,geen domein\r\n,leeg.example\r\n');
  const started = await page.request.post(`/api/v1/imports/${id}/start`, {
    data: { mode: 'skip_invalid' },
    headers: await csrfHeader(page),
  });
  assert.equal(started.status(), 202, await started.text());
  await waitForStatus(page, id, 'completed');

  await page.goto(`/imports/${id}`);
  await expectVisible(page.getByTestId('import-done'));
  const rows = page.getByTestId('import-errors-row');
  await eventually(async () => assert.equal(await rows.count(), 2));
  await expectText(rows.nth(0), t('imports.fields.accounts.domain', {}, 'nl'));
  await expectText(rows.nth(0), 'moet een domein zijn, zoals example.com');
  await expectText(rows.nth(1), 'is verplicht');
  await expectText(page.getByTestId('stat-skipped'), '2');
});
