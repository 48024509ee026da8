import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { choose, exportCsv } from './support/tables.ts';

e2e('the upsell candidates list filters by a reason and opens an account that says why it is a candidate', async ({ page }) => {
  await logIn(page, DEMO.vp);
  await navLink(page, 'nav.upsellCandidates').click();
  await expectUrl(page, /^\/upsell-candidates/);
  const rows = page.getByTestId('upsell-candidates-table-row');
  await expectVisible(rows.first());
  const all = await rows.count();

  // Only the cross-sell candidates: every row shows the reason, and the URL keeps the filter.
  await choose(page, page, t('upsellCandidate.fields.reasons'), t('upsellCandidate.reason.cross_sell'));
  await expectUrl(page, /reason=cross_sell/);
  await eventually(async () => assert.ok((await rows.count()) < all, 'the filter narrows the list'));
  const shown = await rows.count();
  assert.ok(shown >= 1, 'the demo has a cross-sell candidate');
  for (let i = 0; i < shown; i++) await expectVisible(rows.nth(i).getByTestId('reason-cross_sell'));

  // The CSV has the same rows.
  const csv = await exportCsv(page);
  assert.equal(csv.fileName, 'upsell-candidates.csv');
  assert.equal(csv.rows.length, shown);
  assert.ok(csv.rows.every((r) => (r[csv.header.indexOf('reasons')] ?? '').includes('cross_sell')));

  // The account opens from its name and explains itself from the badge beside its name.
  const link = rows.first().getByTestId('candidate-account');
  const name = ((await link.textContent()) ?? '').trim();
  await link.click();
  await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
  await expectText(page.getByTestId('account-name'), name);
  await page.getByTestId('upsell-badge').click();
  const why = page.getByTestId('upsell-why');
  await expectText(why, t('upsellCandidate.why'));
  await expectText(why, t('upsellCandidate.reasonText.cross_sell', { plan: 'Extra user', percent: '' }).split(',')[0] ?? '');
});
