import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, openAccountTab, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { exportCsv } from './support/tables.ts';

e2e('the renewal pipeline moves a renewal by its menu and by dragging; the list, CSV and account follow', async ({ page }) => {
  await logIn(page, DEMO.vp);
  await navLink(page, 'nav.renewalOpportunities').click();
  await expectUrl(page, /^\/renewal-opportunities/);
  const upcoming = page.getByTestId('renewal-column-upcoming');
  const contacted = page.getByTestId('renewal-column-contacted');
  const negotiating = page.getByTestId('renewal-column-negotiating');
  const cards = upcoming.locator('[data-testid^="renewal-card-"]');
  await expectVisible(cards.first());
  const before = await cards.count();
  assert.ok(before >= 2, 'the demo has upcoming renewals');

  // By the card's stage menu.
  const card = cards.first();
  const id = ((await card.getAttribute('data-testid')) ?? '').replace('renewal-card-', '');
  const account = ((await card.locator('p').first().textContent()) ?? '').trim();
  await page.getByTestId(`renewal-menu-${id}`).click();
  await page.getByTestId('renewal-move-contacted').click();
  await expectVisible(contacted.getByTestId(`renewal-card-${id}`));
  await eventually(async () => assert.equal(await upcoming.getByTestId(`renewal-card-${id}`).count(), 0));

  // By dragging another card onto the negotiating column.
  const other = cards.first();
  const otherId = ((await other.getAttribute('data-testid')) ?? '').replace('renewal-card-', '');
  await other.dragTo(negotiating);
  await expectVisible(negotiating.getByTestId(`renewal-card-${otherId}`));

  // Closing asks why: churned needs a reason.
  await page.getByTestId(`renewal-menu-${otherId}`).click();
  await page.getByTestId('renewal-move-churned').click();
  await page.getByTestId('renewal-close-reason').fill('Moved to a competitor');
  await page.getByTestId('renewal-close-save').click();
  await expectVisible(page.getByTestId('renewal-column-churned').getByTestId(`renewal-card-${otherId}`));

  // The list shows the new stage, and its CSV says the same.
  await page.getByTestId('renewal-view').getByText(t('renewalPipeline.views.list')).click();
  await expectUrl(page, /view=list/);
  const row = page.getByTestId('renewals-table-row').filter({ has: page.getByTestId(`renewal-open-${id}`) });
  await expectText(row, t('renewalPipeline.stages.contacted'));
  const csv = await exportCsv(page);
  assert.equal(csv.fileName, 'renewals.csv');
  const line = csv.rows.find((r) => r[csv.header.indexOf('id')] === id);
  assert.equal(line?.[csv.header.indexOf('stage')], 'contacted');

  // The renewal opens beside the list; its account's Renewal tab and timeline show it.
  await page.getByTestId(`renewal-open-${id}`).click();
  const drawer = page.getByTestId('renewal-drawer');
  await expectText(drawer, account);
  await drawer.getByRole('link', { name: account }).click();
  await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
  await openAccountTab(page, t('renewalPipeline.tab'));
  await expectText(page.getByTestId('account-renewals'), t('renewalPipeline.stages.contacted'));
  await page.getByRole('tab', { name: t('account.tabs.timeline') }).click();
  await expectText(
    page.getByTestId('timeline-item').first(),
    t('renewalPipeline.timeline.moved', { from: t('renewalPipeline.stages.upcoming'), to: t('renewalPipeline.stages.contacted') }),
  );

  // "Create quote" is on the Renewal tab too: the quote is made from this renewal and opens.
  await openAccountTab(page, t('renewalPipeline.tab'));
  const renewalCard = page
    .getByTestId('account-renewals')
    .locator('.mantine-Card-root')
    .filter({ hasText: t('renewalPipeline.stages.contacted') })
    .first();
  const create = renewalCard.getByTestId('create-quote');
  await expectText(create, t('quote.create'));
  await create.click();
  await page.getByTestId('quote-create-submit').click();
  await expectUrl(page, /^\/quotes\/[0-9a-f-]{36}$/);
  const quoteId = new URL(page.url()).pathname.split('/').pop() as string;
  const quote = await page.evaluate(async (qid) => (await fetch(`/api/v1/quotes/${qid}`)).json(), quoteId);
  assert.equal(quote.renewalId, id);
  assert.equal(quote.kind, 'renewal');
  await expectText(page.locator('body'), account);
});
