import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e(
  'the Health tab explains an account’s score and keeps a new CSM pulse; the scorecard editor and the evaluation open',
  async ({ page }) => {
    await logIn(page, DEMO.vp);
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
