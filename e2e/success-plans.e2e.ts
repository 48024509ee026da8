import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { DEMO, logIn, navLink, openAccountTab, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e(
  'a CSM adds an objective to an account’s success plan, records progress, sees it on the tab and downloads the Customer ROI PDF',
  async ({ page }) => {
    await logIn(page, DEMO.admin);
    await navLink(page, 'nav.accounts').click();
    await page.getByTestId('accounts-table-row').nth(2).click();
    await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
    const account = ((await page.getByTestId('account-name').textContent()) ?? '').trim();
    await openAccountTab(page, t('successPlan.tab'));
    const tab = page.getByTestId('success-plan-tab');
    await expectVisible(tab);

    // A new objective: 50 more demo requests a month, from 40.
    await tab.getByTestId('objective-new').click();
    const form = page.getByRole('dialog', { name: t('successPlan.objective.new') });
    await form.getByLabel(t('successPlan.fields.title')).fill('More demo requests');
    await form.getByLabel(t('successPlan.fields.unit')).fill('requests/month');
    await form.getByLabel(t('successPlan.fields.baseline')).fill('40');
    await form.getByLabel(t('successPlan.fields.target')).fill('90');
    await form.getByTestId('objective-save').click();
    await expectHidden(form);
    const card = tab.getByTestId('objective-card').filter({ hasText: 'More demo requests' });
    await expectVisible(card);

    // A measurement of 65: half way, shown on the card.
    await card.getByTestId('progress-value').fill('65');
    await card.getByTestId('progress-record').click();
    await expectText(card.getByTestId('objective-percent'), '50');

    // The Customer ROI PDF, in English: a PDF with the account's name and the objective.
    await tab.getByTestId('success-plan-pdf').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('success-plan-pdf-en').click()]);
    assert.match(download.suggestedFilename(), /^customer-roi-.*\.pdf$/);
    const pdf = fs.readFileSync((await download.path()) as string);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
    assert.ok(text.includes(account), `the PDF names ${account}`);
    assert.ok(text.includes('Customer ROI'));
    assert.ok(text.includes('More demo requests'));
  },
);
