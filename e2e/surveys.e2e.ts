import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, openAccountTab, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { choose } from './support/tables.ts';

e2e('the demo NPS survey with its figure and trend; an answer recorded by hand on the account’s Surveys tab', async ({ page }) => {
  await logIn(page, DEMO.admin);
  await navLink(page, 'nav.surveys').click();
  await expectUrl(page, /^\/surveys/);
  await page.getByTestId('surveys-table').getByRole('link', { name: 'Quarterly NPS' }).click();
  await expectUrl(page, /^\/surveys\/[0-9a-f-]{36}/);
  await expectText(page.getByTestId('nps-score'), '+');
  // The trailing three months and the month alone.
  await expectVisible(page.getByTestId('nps-figure').locator('.recharts-line').first());
  assert.equal(await page.getByTestId('nps-figure').locator('.recharts-line').count(), 2);
  // The segments as bars to compare; their figures in a table behind the toggle.
  await expectVisible(page.getByTestId('nps-figure').locator('.recharts-bar-rectangle').first());
  await page.getByTestId('nps-segment-view').getByText(t('survey.report.asTable'), { exact: true }).click();
  await expectVisible(page.getByTestId('nps-by-segment-table'));

  // Answers from a CSV file: one recorded, one refused with its row and column.
  const responseId = unique('csv-answer').replace(/\s+/g, '-');
  await page.getByTestId('import-survey-csv').click();
  const upload = page.getByRole('dialog', { name: t('survey.import.title') });
  const csv = `response_id,account,score\n${responseId}-1,Bakker Logistiek,9\n${responseId}-2,Bakker Logistiek,eleven\n`;
  await upload.locator('input[type=file]').setInputFiles({ name: 'answers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const result = upload.getByTestId('survey-import-result');
  await expectText(result, new RegExp(`${t('survey.import.recorded')}\\s*1`));
  await expectText(result, new RegExp(`${t('survey.import.refused')}\\s*1`));
  await expectText(upload.getByTestId('survey-import-refused'), /3\s*score/);
  await upload.getByRole('button', { name: t('csvUpload.done') }).click();
  await expectHidden(upload);

  // A detractor's answer, by hand, on an account's Surveys tab.
  const comment = unique('Too many bugs');
  await navLink(page, 'nav.accounts').click();
  await page.getByTestId('accounts-table-row').first().click();
  await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
  await openAccountTab(page, t('survey.tab'));
  await page.getByTestId('account-record-response').click();
  const form = page.getByRole('dialog', { name: t('survey.response.new') });
  await choose(page, form, t('survey.response.fields.survey'), `Quarterly NPS · ${t('survey.kinds.nps')}`);
  // A click in the comment closes the survey's list of options, then the score.
  const commentBox = form.getByRole('textbox', { name: t('survey.response.fields.comment') });
  await commentBox.click();
  await commentBox.fill(comment);
  await form.getByTestId('score-buttons').getByRole('button', { name: '3', exact: true }).click();
  await form.getByTestId('response-save').click();
  await expectHidden(form);
  const row = page.getByTestId('account-responses-table').getByRole('row').filter({ hasText: comment });
  await expectText(row, '3');
  await expectText(row, t('survey.sources.manual'));
});
