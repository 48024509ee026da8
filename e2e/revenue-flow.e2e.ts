import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, openAccountTab, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { choose } from './support/tables.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Issue 7's browser test, in one flow: a plan made in the catalogue with a monthly price, an account subscribed
 * to it, the subscription upgraded (quantity 1 → 4), and on the revenue dashboard — filtered to that plan — the
 * month's expansion is exactly the upgrade (3 × €129), drawn in the movement bars; its cell drills down to the
 * account and the change.
 */
e2e(
  'a plan from the catalogue, subscribed and upgraded, shows its expansion on the revenue dashboard and drills down to the change',
  async ({ page, context }) => {
    await logIn(page, DEMO.vp);

    // The plan: Customer365 "Scale …", tier 4, €129 a month.
    const plan = unique('Scale');
    const code = `S${Date.now().toString(36).toUpperCase()}`;
    await navLink(page, 'nav.plans').click();
    await expectUrl(page, /^\/plans/);
    await page.getByTestId('new-plan').click();
    const planForm = page.getByRole('dialog', { name: t('plan.new') });
    await choose(page, planForm, t('plan.fields.product'), 'Customer365');
    await planForm.getByTestId('plan-name').fill(plan);
    await planForm.getByTestId('plan-code').fill(code);
    await planForm.getByLabel(t('plan.fields.tier')).fill('4');
    await planForm.getByTestId('price-amount').first().fill('129');
    await planForm.getByTestId('save-plan').click();
    await expectHidden(planForm);
    await page.getByTestId('plans-search').fill(code);
    await expectText(page.getByTestId('plans-table-row').filter({ hasText: code }), '€129');

    // An account, subscribed to the plan two months back at its list price.
    const name = unique('Lofoten Logistics');
    const csrf = (await context.cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '';
    const created = await page.request.post('/api/v1/accounts', { data: { name }, headers: { 'x-csrf-token': csrf } });
    assert.equal(created.status(), 201);
    const accountId = ((await created.json()) as { id: string }).id;
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
    await page.goto(`/accounts/${accountId}`);
    await openAccountTab(page, t('subscription.tab'));
    await page.getByTestId('start-subscription').click();
    const form = page.getByTestId('start-subscription-form');
    const option = `${plan} (Customer365)`; // plans are offered with their product
    await choose(page, form, t('subscription.fields.plan'), option);
    await form.getByLabel(t('subscription.fields.termStart')).fill(iso(start));
    await form.getByTestId('line-quantity').click();
    await page.getByTestId('save-subscription').click();
    await expectHidden(form);
    const card = page.getByTestId('subscription-card');
    await expectText(card.getByTestId('subscription-status'), t('subscription.statuses.active'));
    await expectText(card.getByTestId('subscription-history'), t('subscription.changeText.start', { lines: plan }));

    // The upgrade, today: quantity 1 → 4.
    await card.getByTestId('record-change').click();
    await page.getByTestId('op-quantity').click();
    const change = page.getByTestId('change-form');
    await change.getByTestId('change-quantity').fill('4');
    await page.getByTestId('save-change').click();
    await expectHidden(change);
    const upgrade = t('subscription.changeText.quantity', { item: plan, fromQuantity: '1', quantity: '4' });
    await expectText(card.getByTestId('subscription-history'), upgrade);
    // The account's header follows: ARR is twelve months of 4 × €129.
    await expectText(page.getByTestId('account-fact-arr'), '€6,192');

    // The revenue dashboard, filtered to the plan: this month's expansion is the upgrade, in the figures and the bars.
    await navLink(page, 'nav.revenue').click();
    await expectUrl(page, /^\/revenue/);
    await choose(page, page.getByTestId('revenue-filters'), t('revenue.filters.plan'), option);
    await expectUrl(page, new RegExp(`plan=${code}`));
    // choose() leaves the focus in the Tag filter, whose blur navigates (and scrolls to the top) even when the tag
    // did not change: a click on a cell below would be lost in that scroll. Leave the field first.
    await page.getByTestId('revenue-filters').getByLabel(t('revenue.filters.tag')).blur();
    const month = iso(now).slice(0, 7);
    const cell = page.getByTestId(`cell-expansion-${month}`);
    await expectText(cell, /^€387$/);
    await expectVisible(page.getByTestId('chart-movements'));
    await expectText(page.getByTestId(`cell-new-${iso(start).slice(0, 7)}`), /^€129$/);

    // Its cell drills down to the account and the change behind it.
    await cell.click();
    const drawer = page.getByRole('dialog');
    const row = drawer.getByTestId('drill-row').filter({ hasText: name });
    await expectVisible(row);
    await expectText(row, t('revenue.movements.expansion'));
    await row.getByTestId('drill-expand').click();
    await expectText(drawer.getByTestId('drill-changes'), upgrade);
    await row.getByRole('link', { name }).click();
    await expectUrl(page, new RegExp(`^/accounts/${accountId}`));
    await expectText(page.getByTestId('account-name'), name);
  },
);
