import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, signIn, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e(
  'the Health tab explains an account’s score and keeps a new CSM pulse; the scorecard editor and the evaluation open',
  async ({ page }) => {
    await signIn(page, DEMO.vp);
    const res = await page.request.get('/api/v1/accounts?pageSize=1&sort=name&order=asc');
    const [account] = ((await res.json()) as { items: { id: string }[] }).items;
    assert.ok(account, 'the demo has accounts');
    await page.goto(`/accounts/${account.id}?tab=health`);
    const measures = page.getByTestId('health-measures');
    await expectVisible(measures);
    await expectText(measures, t('health.measure'));

    const reason = unique('Quarterly review went well');
    await page.getByLabel(t('health.pulse.value')).fill('85');
    await page.getByLabel(t('health.pulse.reason')).fill(reason);
    await page.getByTestId('add-pulse').click();
    await expectText(page.locator('body'), reason);

    await navLink(page, 'nav.healthScorecards').click();
    await expectUrl(page, /^\/health\/scorecards/);
    await expectVisible(page.getByTestId('scorecard-measures'));
    await page.getByRole('link', { name: t('health.eval.title') }).click();
    await expectUrl(page, /^\/health\/evaluate/);
    await page.getByTestId('run-evaluation').click();
    await expectVisible(page.getByTestId('eval-stat').first());
  },
);

e2e('an account’s pulses page through their history instead of stopping at the latest ten', async ({ page, context }) => {
  await logIn(page, DEMO.vp);
  const res = await page.request.get('/api/v1/accounts?pageSize=1&sort=name&order=desc');
  const [account] = ((await res.json()) as { items: { id: string }[] }).items;
  assert.ok(account, 'the demo has accounts');
  const accountId: string = account.id;
  const csrf = (await context.cookies()).find((c) => c.name === 'c365_csrf')?.value ?? '';
  const before = (await (await page.request.get(`/api/v1/accounts/${accountId}/health/pulses?pageSize=1`)).json()) as { total: number };
  for (let i = before.total; i < 12; i++) {
    const url = `/api/v1/accounts/${accountId}/health/pulses`;
    const status = (
      await page.request.post(url, {
        data: { value: 60 + i, reason: unique('Check-in'), expiresOn: null },
        headers: { 'x-csrf-token': csrf },
      })
    ).status();
    assert.equal(status, 201);
  }
  await page.goto(`/accounts/${accountId}?tab=health`);
  const pages = page.getByTestId('pulse-pages');
  await expectVisible(pages);
  await expectText(pages, /1–10/);
  await pages.getByRole('button', { name: '2' }).click();
  await expectText(pages, /11–/);
});
