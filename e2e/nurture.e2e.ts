import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO, logIn, navLink, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectText, expectUrl, expectVisible } from './support/expect.ts';

/** Fill one step's subject and body in each language tab. */
async function fillStep(page: Page, index: number, subject: string, body: string) {
  const step = page.getByTestId('nurture-step').nth(index);
  for (const [lang, tab] of [
    ['en', t('languages.en')],
    ['nl', t('languages.nl')],
    ['da', t('languages.da')],
  ] as const) {
    await step.getByRole('tab', { name: tab }).click();
    await step.getByTestId(`nurture-subject-${lang}`).fill(`${subject} (${lang})`);
    await step.getByTestId(`nurture-body-${lang}`).fill(`${body} {firstName}`);
  }
}

e2e('the VP of customer success makes a two-e-mail programme for a segment, starts it and sees its contacts enrolled', async ({ page }) => {
  const name = unique('Mid-market tips');
  await logIn(page, DEMO.vp);
  await navLink(page, 'nav.nurture').click();
  await expectUrl(page, /^\/nurture/);
  // Every organisation has the "Onboarding tips" draft.
  await expectVisible(page.getByTestId('nurture-table').getByRole('link', { name: 'Onboarding tips' }));

  await page.getByTestId('new-nurture-programme').click();
  await expectUrl(page, /^\/nurture\/new\/edit$/);
  await page.getByTestId('nurture-name').fill(name);
  await page.getByTestId('nurture-segment').click();
  await page.getByRole('option', { name: t('account.segment.mid_market'), exact: true }).click();
  await fillStep(page, 0, 'Welcome', 'Hello');
  await page.getByTestId('nurture-add-step').click();
  await fillStep(page, 1, 'Reports', 'Try the reports');
  await page.getByTestId('nurture-save').click();

  await expectUrl(page, /^\/nurture\/[0-9a-f-]{36}$/);
  await expectText(page.getByTestId('nurture-status'), t('nurture.status.draft'));
  await page.getByTestId('nurture-start').click();
  await expectText(page.getByTestId('nurture-status'), t('nurture.status.running'));
  const enrolled = await eventually(async () => {
    const n = Number(((await page.getByTestId('nurture-enrolled').textContent()) ?? '').replace(/\D/g, ''));
    assert.ok(n > 0, 'contacts enrolled');
    return n;
  });
  const rows = page.getByTestId('nurture-contacts-row');
  await expectVisible(rows.first());
  assert.equal(await rows.count(), Math.min(enrolled, 50));
  await expectText(rows.first(), t('nurture.state.active'));
});
