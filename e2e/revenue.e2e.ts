import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, openAccountTab, signIn, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { exportCsv } from './support/tables.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);

e2e(
  'a subscription upgraded by quantity shows as expansion on the revenue dashboard and drills down to its change',
  async ({ page, context }) => {
    await signIn(page, DEMO.vp);
    const name = unique('Nordkap Ferries');
    const csrf = (await context.cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '';
    const created = await page.request.post('/api/v1/accounts', { data: { name }, headers: { 'x-csrf-token': csrf } });
    assert.equal(created.status(), 201);
    const accountId = ((await created.json()) as { id: string }).id;

    // Subscribe the account two months back, with a free-text line.
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
    await page.goto(`/accounts/${accountId}`);
    await openAccountTab(page, t('subscription.tab'));
    await expectText(page.getByTestId('account-subscriptions'), t('subscription.noneForAccount'));
    await page.getByTestId('start-subscription').click();
    const form = page.getByTestId('start-subscription-form');
    await form.getByTestId('line-description').fill('Professional');
    await form.getByTestId('line-unit-price').fill('400');
    const termStart = form.getByLabel(t('subscription.fields.termStart'));
    await termStart.fill(iso(start));
    await form.getByTestId('line-description').click();
    await page.getByTestId('save-subscription').click();
    await expectHidden(form);
    const card = page.getByTestId('subscription-card');
    await expectText(card.getByTestId('subscription-status'), t('subscription.statuses.active'));
    await expectText(card.getByTestId('subscription-history'), t('subscription.changeText.start', { lines: 'Professional' }));

    // Record the upgrade: quantity 1 → 3 today.
    await card.getByTestId('record-change').click();
    await page.getByTestId('op-quantity').click();
    const change = page.getByTestId('change-form');
    await change.getByTestId('change-quantity').fill('3');
    await page.getByTestId('save-change').click();
    await expectHidden(change);
    const quantityText = t('subscription.changeText.quantity', { item: 'Professional', fromQuantity: '1', quantity: '3' });
    await expectText(card.getByTestId('subscription-history'), quantityText);
    await expectVisible(page.getByTestId('account-mrr-chart'));

    // The revenue dashboard shows the expansion in this month; its cell opens the accounts behind it.
    await navLink(page, 'nav.revenue').click();
    await expectUrl(page, /^\/revenue/);
    const month = iso(now).slice(0, 7);
    const cell = page.getByTestId(`cell-expansion-${month}`);
    await expectVisible(cell);
    await expectVisible(page.getByTestId('chart-movements'));
    await cell.click();
    const drawer = page.getByRole('dialog');
    const row = drawer.getByTestId('drill-row').filter({ hasText: name });
    await expectVisible(row);
    await expectText(row, t('revenue.movements.expansion'));
    await row.getByTestId('drill-expand').click();
    await expectText(drawer.getByTestId('drill-changes'), quantityText);

    // From the drill-down to the account's subscriptions.
    await row.getByRole('link', { name }).click();
    await expectUrl(page, new RegExp(`^/accounts/${accountId}`));
    await expectText(page.getByTestId('account-name'), name);
    await expectText(page.getByTestId('subscription-history'), quantityText);

    // The series the dashboard drew agrees with the API.
    const series = (await (await page.request.get(`/api/v1/metrics/mrr?from=${month}&to=${month}`)).json()) as {
      periods: { expansion: number }[];
    };
    assert.ok((series.periods[0]?.expansion ?? 0) >= 800);
  },
);

e2e('the changes page separates downgrades from cancellations and the revenue settings show the conventions', async ({ page }) => {
  await logIn(page, DEMO.vp);
  await navLink(page, 'nav.subscriptionChanges').click();
  await expectUrl(page, /^\/subscription-changes/);
  await page.getByText(t('subscription.groups.down'), { exact: true }).click();
  await expectVisible(page.getByText(t('subscription.kinds.downgrade'), { exact: true }).first());
  await page.goto('/revenue-settings');
  await expectVisible(page.getByTestId('convention-discounts'));
  await page.getByRole('tab', { name: t('revenue.settings.reasons') }).click();
  await expectVisible(page.getByTestId('reasons-table'));
});

e2e(
  'an admin adds a cancellation reason; a cancellation with it reads on the account and on the changes page',
  async ({ page, context }) => {
    const reason = unique('Too expensive');
    await logIn(page, DEMO.admin, '/revenue-settings?tab=reasons');
    await page.getByRole('button', { name: t('revenue.reasons.add') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(t('revenue.reasons.label')).fill(reason);
    await dialog.getByRole('button', { name: t('common.save') }).click();
    await expectHidden(dialog);
    await expectVisible(page.getByTestId('reasons-table-row').filter({ hasText: reason }));

    const name = unique('Skagen Salmon');
    const csrf = (await context.cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '';
    const created = await page.request.post('/api/v1/accounts', { data: { name }, headers: { 'x-csrf-token': csrf } });
    const accountId = ((await created.json()) as { id: string }).id;
    const sub = await page.request.post(`/api/v1/accounts/${accountId}/subscriptions`, {
      data: { currency: 'EUR', intervalMonths: 1, termStart: '2025-01-01', lines: [{ description: 'Self-service', unitPrice: 49 }] },
      headers: { 'x-csrf-token': csrf },
    });
    assert.equal(sub.status(), 201);

    await page.goto(`/accounts/${accountId}?tab=subscriptions`);
    await page.getByTestId('record-change').click();
    await page.getByTestId('op-cancel').click();
    const form = page.getByTestId('change-form');
    await form.getByTestId('change-reason').click();
    await page.getByRole('option', { name: reason, exact: true }).click();
    await page.getByTestId('save-change').click();
    await expectHidden(form);
    await expectText(page.getByTestId('subscription-status'), t('subscription.statuses.cancelling'));
    await expectText(page.getByTestId('subscription-history'), new RegExp(`${t('subscription.kinds.cancel_request')}[\\s\\S]*${reason}`));

    await page.goto('/subscription-changes');
    await page.getByText(t('subscription.groups.cancel'), { exact: true }).click();
    const row = page.getByTestId('changes-table-row').filter({ hasText: name });
    await expectText(row, reason);
    await expectText(row, t('subscription.kinds.cancel_request'));

    // Searched by the account's name, the list keeps its changes only; the CSV is the same rows, from the server.
    await page.getByPlaceholder(t('subscription.changesSearchPlaceholder')).fill(name);
    // The search is debounced: the other accounts' rows leave a moment after the input is typed.
    await eventually(async () => {
      const texts = await page.getByTestId('changes-table-row').allTextContents();
      assert.ok(texts.length > 0 && texts.every((text) => text.includes(name)), `rows: ${texts.length}`);
    });
    const csv = await exportCsv(page);
    assert.equal(csv.fileName, 'subscription-changes.csv');
    const at = (column: string) => csv.header.indexOf(column);
    assert.deepEqual(
      csv.rows.map((r) => [r[at('account')], r[at('kind')], r[at('reason')]]),
      [[name, 'cancel_request', reason]],
    );
  },
);
