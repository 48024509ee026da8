import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3791';
const out = '/tmp/c365-rev/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
const page = await ctx.newPage();
page.setDefaultTimeout(15000);
const errors: string[] = [];
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(String(e)));
const lang = process.argv[2] ?? 'en';
await page.goto('/login');
await page.getByLabel('E-mail address').fill('admin@demo.customer365.test');
await page.getByLabel('Password').first().fill('customer365-demo');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
if (lang !== 'en') await page.request.patch('/api/v1/auth/me', { data: { language: lang } }).catch(() => {});
const shot = async (name: string) => {
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${out}/${lang}-${name}.png` });
};
const accounts = await (await page.request.get('/api/v1/accounts?pageSize=5')).json();
const acc = accounts.items[0];
await page.goto(`/accounts/${acc.id}?tab=subscriptions`);
await shot('account-subs');
if (process.argv[3] === 'create') {
  await page.getByTestId('start-subscription').click();
  await page.getByTestId('line-description').fill('Professional');
  await page.getByTestId('line-unit-price').fill('400');
  await shot('start-modal');
  await page.getByTestId('save-subscription').click();
  await page.waitForTimeout(1500);
  await page.getByTestId('record-change').first().click();
  await page.getByTestId('op-quantity').click();
  await page.getByTestId('change-quantity').fill('3');
  await shot('change-modal');
  await page.getByTestId('save-change').click();
  await page.waitForTimeout(1500);
  await page.getByTestId('record-change').first().click();
  await page.getByTestId('op-cancel').click();
  await shot('cancel-modal');
  await page.keyboard.press('Escape');
  await page.goto(`/accounts/${acc.id}?tab=subscriptions`);
  await shot('account-subs-after');
}
await page.goto('/subscriptions');
await shot('subscriptions');
await page.goto('/subscriptions/changes');
await shot('changes');
await page.goto('/revenue');
await shot('revenue');
await page.mouse.wheel(0, 700);
await shot('revenue-2');
await page.mouse.wheel(0, 900);
await shot('revenue-3');
const cell = page.locator('[data-testid^="cell-expansion-"], [data-testid^="cell-new-"]').last();
if (await cell.count()) {
  await cell.click();
  await page.getByTestId('drill-expand').first().click().catch(() => {});
  await shot('drill');
  await page.keyboard.press('Escape');
}
await page.goto('/revenue?groupBy=market');
await shot('revenue-grouped');
for (const tab of ['conventions', 'rates', 'costs', 'reasons']) {
  await page.goto(`/revenue/settings?tab=${tab}`);
  await shot(`settings-${tab}`);
}
await page.goto('/');
await shot('home');
console.log('errors:', errors.slice(0, 10).join('\n'));
await browser.close();
