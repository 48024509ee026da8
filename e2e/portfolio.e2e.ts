import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { choose, columnTexts, exportCsv } from './support/tables.ts';

e2e(
  'the portfolio shows the unhealthy share against the target, its breakdowns and the poor-health accounts to act on',
  async ({ page }) => {
    await logIn(page, DEMO.vp);
    const api = (await (await page.request.get('/api/v1/health/portfolio')).json()) as {
      targetPct: number;
      current: { scored: number; unhealthy: number };
    };
    assert.ok(api.current.scored > 0, 'the demo has scored customers');
    await navLink(page, 'nav.portfolio').click();
    await expectUrl(page, /^\/health\/portfolio/);
    await expectText(
      page.getByTestId('portfolio-figure'),
      t('health.portfolio.ofScored', { unhealthy: api.current.unhealthy, scored: api.current.scored }),
    );
    await expectText(page.getByTestId('portfolio-figure'), t('health.portfolio.target', { target: `${api.targetPct}%` }));
    await expectVisible(page.getByTestId('portfolio-trend').locator('svg').first());

    // The breakdown by segment names the segments, never their keys.
    await page.getByTestId('breakdown-dimension').getByText(t('health.portfolio.by.segment'), { exact: true }).click();
    const segments = await eventually(async () => {
      const names = await columnTexts(page, 'portfolio-breakdown-table', t('health.portfolio.by.segment'));
      assert.ok(names.includes(t('account.segment.smb')), names.join(', '));
      return names;
    });
    assert.ok(!segments.includes('smb'));

    // The poor-health list: every unhealthy customer, filtered by segment, each a link to its account; its CSV.
    const table = 'poor-health-table';
    await eventually(async () =>
      assert.equal((await columnTexts(page, table, t('health.portfolio.fields.account'))).length, api.current.unhealthy),
    );
    await choose(page, page, t('health.portfolio.fields.segment'), t('account.segment.smb'));
    await eventually(async () => {
      const shown = await columnTexts(page, table, t('health.portfolio.fields.segment'));
      assert.ok(shown.length > 0 && shown.every((s) => s === t('account.segment.smb')), shown.join(', '));
    });
    const { fileName, header, rows } = await exportCsv(page, page.getByTestId('export-csv').nth(1));
    assert.equal(fileName, 'poor-health.csv');
    assert.equal(header[1], 'account');
    assert.ok(rows.length > 0 && rows.every((r) => r[3] === 'smb'));
    const first = page.getByTestId(table).locator('tbody a').first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await expectUrl(page, /^\/accounts\/[0-9a-f-]+/);
    await expectText(page.locator('body'), name);
  },
);
