import { DEMO, logIn, navLink, openAccountTab, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { choose } from './support/tables.ts';

e2e('a competitor with a plan priced against ours, and an account marked as evaluating it', async ({ page }) => {
  const name = unique('Rivalry');
  await logIn(page, DEMO.admin);
  await navLink(page, 'nav.competitors').click();
  await expectUrl(page, /^\/competitors/);
  await page.getByTestId('new-competitor').click();
  const form = page.getByRole('dialog', { name: t('competitor.new') });
  await form.getByTestId('competitor-name').fill(name);
  await form.getByTestId('save-competitor').click();
  await expectUrl(page, /^\/competitors\/[0-9a-f-]{36}/);
  await expectText(page.getByTestId('competitor-title'), name);

  // Their plan against our Professional edition: €179 a month against our €199 is 10% cheaper.
  await page.getByTestId('new-competitor-plan').click();
  const planForm = page.getByRole('dialog', { name: t('competitor.plan.new') });
  await planForm.getByTestId('competitor-plan-name').fill('Team');
  await choose(page, planForm, t('competitor.plan.comparable'), 'Professional (PRO)');
  await planForm.getByTestId('price-amount').first().fill('179');
  await planForm.getByRole('button', { name: t('common.create') }).click();
  await expectHidden(planForm);
  const plans = page.getByTestId('competitor-plans');
  await expectText(plans, '€179');
  await expectText(plans, '€199');
  await expectText(plans, '-10%');

  // An account evaluates them, from the account's Competitors tab.
  await navLink(page, 'nav.accounts').click();
  await page.getByTestId('accounts-table-row').first().click();
  await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
  const account = ((await page.getByTestId('account-name').textContent()) ?? '').trim();
  await openAccountTab(page, t('competitor.tab'));
  await page.getByTestId('add-account-competitor').click();
  const link = page.getByRole('dialog', { name: t('competitor.link.add') });
  await choose(page, link, t('competitor.fields.name'), name);
  await choose(page, link, t('competitor.link.status'), t('competitor.linkStatus.evaluating'));
  await link.getByTestId('save-account-competitor').click();
  await expectHidden(link);
  const row = page.getByTestId('account-competitors').getByRole('row').filter({ hasText: name });
  await expectText(row, t('competitor.linkStatus.evaluating'));

  // … and the competitor's page lists the account.
  await row.getByRole('link', { name }).click();
  await expectUrl(page, /^\/competitors\/[0-9a-f-]{36}/);
  await expectVisible(page.getByTestId('competitor-accounts').getByRole('row').filter({ hasText: account }));
});
