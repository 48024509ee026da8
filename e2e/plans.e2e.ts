import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { choose } from './support/tables.ts';

e2e('the VP of customer success creates a plan with prices and features and finds it in the plan comparison', async ({ page }) => {
  const name = unique('Growth');
  const code = `G${Date.now().toString(36).toUpperCase()}`;
  await logIn(page, DEMO.vp);
  await navLink(page, 'nav.plans').click();
  await expectUrl(page, /^\/plans/);

  // The plan, priced monthly and yearly in euros.
  await page.getByTestId('new-plan').click();
  const form = page.getByRole('dialog', { name: t('plan.new') });
  await choose(page, form, t('plan.fields.product'), 'Customer365');
  await form.getByTestId('plan-name').fill(name);
  await form.getByTestId('plan-code').fill(code);
  await form.getByLabel(t('plan.fields.tier')).fill('2');
  await form.getByTestId('price-amount').first().fill('129');
  await form.getByTestId('add-price').click();
  await form.getByTestId('price-amount').nth(1).fill('1290');
  await form.getByTestId('save-plan').click();
  await expectHidden(form);

  // Its features: workflows up to 25 (a key feature), and CRM integration.
  await page.getByTestId('plans-search').fill(code);
  const row = page.getByTestId('plans-table-row').filter({ hasText: code });
  await expectText(row, name);
  await expectText(row, '€1,290');
  await row.getByTestId('plan-actions').click();
  await page.getByRole('menuitem', { name: t('plan.editFeatures') }).click();
  const features = page.getByRole('dialog', { name: t('plan.featuresOf', { name }) });
  await features.getByLabel(t('plan.features.includeFeature', { name: 'Workflows' })).check();
  await features.getByLabel(t('plan.features.limitOf', { name: 'Workflows' })).fill('25');
  await features.getByLabel(t('plan.features.keyOf', { name: 'Workflows' })).check();
  await features.getByLabel(t('plan.features.includeFeature', { name: 'CRM integration' })).check();
  await features.getByTestId('save-plan-features').click();
  await expectHidden(features);
  await expectText(row.getByRole('cell').nth(6), '2');

  // The comparison: the new plan sits between Self-service (tier 1) and Professional (tier 2, by name), yearly in EUR.
  await navLink(page, 'nav.planComparison').click();
  await expectUrl(page, /^\/plan-comparison/);
  const table = page.getByTestId('comparison-table');
  await expectVisible(table);
  const heads = table.getByTestId('comparison-plan');
  await expectText(heads.filter({ hasText: name }), '€1,290');
  const names = await heads.allInnerTexts();
  const column = names.findIndex((n) => n.includes(name));
  assert.ok(column > names.findIndex((n) => n.includes('Self-service')), names.join(' | '));
  const workflows = table.getByTestId('comparison-feature').filter({ hasText: 'Workflows' });
  await expectText(workflows.getByRole('cell').nth(column + 1), t('plan.comparison.upTo', { value: '25' }));
  const sso = table.getByTestId('comparison-feature').filter({ hasText: 'Single sign-on' });
  await expectVisible(
    sso
      .getByRole('cell')
      .nth(column + 1)
      .getByLabel(t('plan.comparison.notIncluded')),
  );

  // Monthly: the monthly price.
  await page.getByTestId('comparison-interval').getByText('Month', { exact: true }).click();
  await expectUrl(page, /interval=1\b/);
  await expectText(table.getByTestId('comparison-plan').filter({ hasText: name }), '€129');
});
