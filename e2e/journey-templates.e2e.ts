import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';
import { columnTexts, exportCsv } from './support/tables.ts';

e2e('an admin finds a journey template by search and sort, exports the list, archives it and restores it', async ({ page }) => {
  await logIn(page, DEMO.admin);
  // A template of one milestone, made through the API as the page would (session cookie and CSRF token).
  const name = unique('Pilot onboarding');
  const made = await page.evaluate(async (templateName) => {
    const csrf = document.cookie.match(/(?:^|; )c365_csrf=([^;]+)/)?.[1] ?? '';
    const res = await fetch('/api/v1/journey-templates', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
      body: JSON.stringify({
        name: templateName,
        triggers: [],
        milestones: [{ name: 'Kick-off', week: 1, checklist: [], effort: 'low' }],
      }),
    });
    return res.status;
  }, name);
  if (made !== 201) throw new Error(`making the template answered ${made}`);

  await navLink(page, 'nav.journeyTemplates').click();
  await expectUrl(page, /^\/journeys\/templates$/);
  // The list sorts on the server (fewest weeks first puts the one-week template before the 52-week default) and
  // searches; the CSV has the same rows.
  await page.getByTestId('sort-weeks').click();
  await expectUrl(page, /[?&]sort=weeks(&|$)/);
  const weeks = t('journey.templates.weeks');
  await eventually(async () => {
    const shown = (await columnTexts(page, 'journey-templates-table', weeks)).map(Number);
    assert.deepEqual(
      shown,
      [...shown].sort((a, b) => a - b),
    );
    assert.ok(shown.length >= 2, `expected the default and the new template, got ${shown.length}`);
  });
  await page.getByPlaceholder(t('journey.templates.searchPlaceholder')).fill(name);
  await expectUrl(page, /[?&]q=/);
  const rows = page.getByTestId('journey-templates-table-row');
  await expectText(rows.first(), name);
  const csv = await exportCsv(page);
  assert.equal(csv.fileName, 'journey-templates.csv');
  assert.deepEqual(
    csv.rows.map((r) => [r[1], r[4], r[5]]),
    [[name, '1', '1']],
  );
  await rows.filter({ hasText: name }).getByRole('link').click();
  await expectUrl(page, /^\/journeys\/templates\/[0-9a-f-]{36}$/);
  await page.getByTestId('journey-template-archive').click();
  await expectVisible(page.getByTestId('journey-template-archived'));
  await expectText(page.getByTestId('journey-template-archive'), t('journey.templates.restore'));

  await navLink(page, 'nav.journeyTemplates').click();
  const table = page.getByTestId('journey-templates-table');
  await expectText(table, 'Customer365');
  await expectHidden(table.getByText(name));
  await page.getByTestId('journey-templates-status').getByText(t('journey.templates.archived'), { exact: true }).click();
  await expectText(table, name);

  await table.getByRole('link', { name }).click();
  await page.getByTestId('journey-template-archive').click();
  await expectText(page.getByTestId('journey-template-archive'), t('journey.templates.archive'));
});
