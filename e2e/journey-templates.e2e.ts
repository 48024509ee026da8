import { DEMO, logIn, navLink, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e(
  'an admin archives a journey template: it leaves the templates in use for the archived ones, and comes back restored',
  async ({ page }) => {
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
    await page.getByTestId('journey-template-row').filter({ hasText: name }).getByRole('link').click();
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
  },
);
