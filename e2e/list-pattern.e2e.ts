import assert from 'node:assert/strict';
import { DEMO, logIn, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectCount, expectHidden, expectUrl, expectVisible } from './support/expect.ts';

// Every list is the same pattern (components/list): a search box that narrows the rows, "nothing
// matches" with a way back when search or filters leave nothing, and "Clear filters". Checked here on a
// list held in the browser (markets), one the API pages (users) and one kept in the URL (contacts).

e2e('a list held in the browser searches, says when nothing matches and clears back to every row', async ({ page }) => {
  await logIn(page, DEMO.admin, '/admin/markets');
  const rows = page.getByTestId('markets-table-row');
  // The demo's two markets, and any an earlier test added (the browser tests share one server).
  await expectVisible(rows.filter({ hasText: 'Netherlands' }));
  const all = await rows.count();
  assert.ok(all >= 2, `expected the demo's markets, got ${all} rows`);
  const search = page.getByTestId('markets-search');

  await search.fill('denm');
  await expectCount(rows, 1);
  assert.match((await rows.first().textContent()) ?? '', /Denmark/);

  await search.fill('no market is called this');
  await expectCount(rows, 0);
  await expectVisible(page.getByTestId('table-no-matches'));
  await page
    .getByTestId('table-no-matches')
    .locator('..')
    .getByRole('button', { name: t('common.clearFilters') })
    .click();
  await expectCount(rows, all);
  assert.equal(await search.inputValue(), '');
  await expectHidden(page.getByTestId('clear-filters'));
});

e2e('a list the API pages searches on the server and clears its filters in one click', async ({ page }) => {
  await logIn(page, DEMO.admin, '/admin/users');
  const rows = page.getByTestId('users-table-row');
  await eventually(async () => assert.ok((await rows.count()) > 3));
  const all = await rows.count();
  const search = page.getByPlaceholder(t('admin.users.searchPlaceholder'));

  await search.fill('readonly@demo');
  await expectCount(rows, 1);
  assert.match((await rows.first().textContent()) ?? '', /readonly@demo\.customer365\.test/);

  await search.fill('nobody-by-this-name');
  await expectVisible(page.getByTestId('table-no-matches'));
  await page.getByTestId('clear-filters').click();
  await expectCount(rows, all);
  assert.equal(await search.inputValue(), '');
});

e2e('a list kept in the URL restores its search after a reload and clears it from the address', async ({ page }) => {
  await logIn(page, DEMO.vp, '/contacts');
  const rows = page.getByTestId('contacts-table-row');
  await expectVisible(rows.first());
  const search = page.getByTestId('contacts-search');
  await search.fill('andersen');
  await expectUrl(page, /[?&]q=andersen(&|$)/);
  await eventually(async () => {
    const texts = await rows.allTextContents();
    assert.ok(texts.length > 0);
    for (const text of texts) assert.match(text, /andersen/i);
  });

  await page.reload();
  assert.equal(await search.inputValue(), 'andersen');
  await page.getByTestId('clear-filters').click();
  await eventually(() => assert.doesNotMatch(page.url(), /[?&]q=/));
  assert.equal(await search.inputValue(), '');
});
