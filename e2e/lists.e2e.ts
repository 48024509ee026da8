import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO, type Lang, logIn, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { choose, columnHeaders, columnTexts, exportCsv } from './support/tables.ts';

const ACCOUNTS = 'accounts-table';

async function csrfHeader(page: Page): Promise<Record<string, string>> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '';
  return { 'x-csrf-token': csrf };
}

async function expectOnlySegments(page: Page, keys: string[]) {
  const allowed = keys.map((k) => t(`account.segment.${k}`));
  await eventually(async () => {
    const segments = await columnTexts(page, ACCOUNTS, t('account.fields.segment'));
    assert.ok(segments.length > 0, 'no rows');
    for (const s of segments) assert.ok(allowed.includes(s), `${s} is not one of ${allowed.join(', ')}`);
  });
}

e2e('list filters sit in the URL as plain repeated keys, survive reload and back, and old JSON links still open', async ({ page }) => {
  await logIn(page, DEMO.vp, '/accounts');
  await expectVisible(page.getByTestId(`${ACCOUNTS}-row`).first());

  await choose(page, page, t('account.fields.segment'), t('account.segment.smb'));
  await choose(page, page, t('account.fields.segment'), t('account.segment.enterprise'));
  await expectUrl(page, /[?&]segment=smb&segment=enterprise(&|$)/);
  assert.doesNotMatch(page.url(), /%5B|%22|\[/, 'no JSON in the address bar');
  await expectOnlySegments(page, ['smb', 'enterprise']);

  await page.reload();
  await expectUrl(page, /[?&]segment=smb&segment=enterprise(&|$)/);
  await expectOnlySegments(page, ['smb', 'enterprise']);

  // Sorting is a new history entry; back returns to the filtered, unsorted list.
  await page.getByTestId('sort-employees').click();
  await expectUrl(page, /sort=employees/);
  await page.goBack();
  await eventually(() => assert.doesNotMatch(page.url(), /sort=/));
  await expectUrl(page, /[?&]segment=smb&segment=enterprise(&|$)/);
  await expectOnlySegments(page, ['smb', 'enterprise']);

  // A link saved before the readable format: ?segment=["mid_market"]&page=1
  await page.goto(`/accounts?segment=${encodeURIComponent('["mid_market"]')}`);
  await expectOnlySegments(page, ['mid_market']);
});

e2e('a wide list lets the user choose columns, remembers them after a reload and keeps the name column in view', async ({ page }) => {
  await logIn(page, DEMO.vp, '/accounts');
  await expectVisible(page.getByTestId(`${ACCOUNTS}-row`).first());
  const owner = t('account.fields.owner');
  const domain = t('account.fields.domain');
  let headers = await columnHeaders(page, ACCOUNTS);
  assert.ok(headers.includes(owner));
  assert.ok(!headers.includes(domain), 'the domain column starts hidden');

  await page.getByTestId('column-chooser').click();
  await page.getByTestId('column-toggle-owner').click();
  await page.getByTestId('column-toggle-domain').click();
  await page.keyboard.press('Escape');
  await eventually(async () => {
    headers = await columnHeaders(page, ACCOUNTS);
    assert.ok(!headers.includes(owner) && headers.includes(domain), headers.join(' | '));
  });

  await page.reload();
  await expectVisible(page.getByTestId(`${ACCOUNTS}-row`).first());
  headers = await columnHeaders(page, ACCOUNTS);
  assert.ok(!headers.includes(owner) && headers.includes(domain), `after reload: ${headers.join(' | ')}`);

  // Scrolled sideways, the name column is still at the left edge of the list's frame.
  const offset = await page.getByTestId(ACCOUNTS).evaluate((table) => {
    const frame = table.closest('.mantine-TableScrollContainer-scrollContainer') as HTMLElement;
    frame.scrollLeft = frame.scrollWidth;
    const firstCell = table.querySelector('tbody tr td') as HTMLElement;
    return {
      scrolled: frame.scrollLeft,
      gap: firstCell.getBoundingClientRect().left - frame.getBoundingClientRect().left,
    };
  });
  assert.ok(offset.scrolled > 0, 'the list is wider than its frame');
  assert.ok(Math.abs(offset.gap) < 2, `name column moved ${offset.gap}px`);

  await page.getByTestId('column-chooser').click();
  await page.getByTestId('column-reset').click();
  await eventually(async () => {
    headers = await columnHeaders(page, ACCOUNTS);
    assert.ok(headers.includes(owner) && !headers.includes(domain), headers.join(' | '));
  });
});

async function switchLanguage(page: Page, from: Lang, to: Lang) {
  await page.getByRole('button', { name: t('userMenu.open', {}, from) }).click();
  await page.getByRole('menuitem', { name: t(`languages.${to}`, {}, from) }).click();
}

e2e('after switching to Dutch a form error comes back in Dutch, and a date is typed day first', async ({ page }) => {
  await logIn(page, DEMO.csm);
  try {
    await switchLanguage(page, 'en', 'nl');
    await eventually(async () => assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl'));
    await page.goto('/accounts');
    await page.getByTestId('new-account').click();
    const form = page.getByTestId('account-form');
    const name = unique('Zaandam Zeilmakers');
    await form
      .getByLabel(t('account.fields.name', {}, 'nl'))
      .first()
      .fill(name);
    await form.getByLabel(t('account.fields.domain', {}, 'nl')).fill('geen domein');
    const date = page.getByTestId('custom-contract_end');
    await date.fill('31-12-2026');
    await date.press('Tab');
    await page.getByTestId('account-form-submit').click();
    // The server's message, in Dutch, under the field.
    await expectVisible(form.getByText('moet een domein zijn, zoals example.com').first());

    await form.getByLabel(t('account.fields.domain', {}, 'nl')).fill(`${name.split(' ').pop()}.example`);
    await page.getByTestId('account-form-submit').click();
    await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
    const id = new URL(page.url()).pathname.split('/')[2];
    const account = (await (await page.request.get(`/api/v1/accounts/${id}`)).json()) as { custom: Record<string, unknown> };
    assert.equal(account.custom.contract_end, '2026-12-31');
  } finally {
    await page.request.patch('/api/v1/auth/me', { data: { language: 'en' }, headers: await csrfHeader(page) });
  }
});

e2e('administration lists sort, search and export what they show', async ({ page }) => {
  // Audit log: server-paged; the export follows the chosen sort.
  await logIn(page, DEMO.admin, '/admin/audit-log');
  await expectVisible(page.getByTestId('audit-table-row').first());
  await page.getByTestId('sort-action').click();
  const audit = await exportCsv(page);
  assert.equal(audit.fileName, 'audit-log.csv');
  const action = audit.header.indexOf('action');
  assert.ok(action >= 0, audit.header.join(','));
  const actions = audit.rows.map((r) => r[action] ?? '');
  assert.ok(actions.length > 0);
  assert.deepEqual(actions, [...actions].sort());

  // Markets: held whole in the browser, searched and exported there.
  await page.goto('/admin/markets');
  await expectVisible(page.getByTestId('markets-table-row').first());
  await page.getByTestId('markets-search').fill('nether');
  await eventually(async () => assert.deepEqual(await columnTexts(page, 'markets-table', t('admin.markets.code')), ['NL']));
  const markets = await exportCsv(page);
  assert.equal(markets.fileName, 'markets.csv');
  assert.deepEqual(
    markets.rows.map((r) => r[0]),
    ['NL'],
  );

  // An account's timeline: searched, in the URL, exported with the same filter.
  const created = await page.request.post('/api/v1/accounts', {
    data: { name: unique('Timeline Export') },
    headers: await csrfHeader(page),
  });
  const accountId = ((await created.json()) as { id: string }).id;
  for (const subject of ['Renewal call', 'Workshop', 'Renewal quote sent']) {
    const res = await page.request.post(`/api/v1/accounts/${accountId}/interactions`, {
      data: { kind: 'note', subject },
      headers: await csrfHeader(page),
    });
    assert.equal(res.status(), 201);
  }
  await page.goto(`/accounts/${accountId}?tab=timeline`);
  await page.getByTestId('timeline-search').fill('renewal');
  await expectUrl(page, /[?&]q=renewal/);
  await eventually(async () => assert.equal(await page.getByTestId('timeline-item').count(), 2));
  const timeline = await exportCsv(page);
  const subject = timeline.header.indexOf('subject');
  assert.deepEqual(timeline.rows.map((r) => r[subject]).sort(), ['Renewal call', 'Renewal quote sent']);
  await expectText(page.getByTestId('timeline'), 'Renewal');
});
