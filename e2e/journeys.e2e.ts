import { DEMO, logIn, navLink, openAccountTab, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectHidden, expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e(
  'an admin edits the journey template, starts it for an account, logs a challenge and an issue, completes a checklist and sees it in the portfolio',
  async ({ page }) => {
    await logIn(page, DEMO.admin);

    // The default template, edited: one more outcome for the technical set-up publishes version 2.
    await navLink(page, 'nav.journeyTemplates').click();
    await expectUrl(page, /^\/journeys\/templates$/);
    await page.getByTestId('journey-templates-table-row').filter({ hasText: 'Customer365' }).getByRole('link').click();
    await expectUrl(page, /^\/journeys\/templates\/[0-9a-f-]{36}$/);
    const setup = page.getByTestId('milestone-editor-0');
    const checklist = setup.getByLabel(t('journey.fields.checklist'));
    await checklist.fill('SSO configured');
    await checklist.press('Enter');
    await page.getByTestId('journey-template-save').click();
    await expectText(page.getByRole('heading', { level: 2 }).first(), 'Customer365 (v2)');

    // An account starts it by hand, from its Journey tab.
    await navLink(page, 'nav.accounts').click();
    await page.getByTestId('accounts-table-row').nth(3).click();
    await expectUrl(page, /^\/accounts\/[0-9a-f-]{36}/);
    const account = ((await page.getByTestId('account-name').textContent()) ?? '').trim();
    await openAccountTab(page, t('journey.tab'));
    await page.getByTestId('journey-start').click();
    const start = page.getByRole('dialog', { name: t('journey.start') });
    await start.getByTestId('journey-start-save').click();
    await expectHidden(start);
    const tab = page.getByTestId('account-journey');
    await expectText(tab, 'Customer365 (v2)');
    await expectVisible(tab.getByTestId('journey-timeline'));

    // On the technical set-up: a customer challenge and one of our issues, then every outcome ticked.
    const milestone = tab.getByTestId('journey-milestone-technical_setup');
    const challenges = milestone.getByTestId('journey-log-challenge');
    await challenges.getByRole('textbox', { name: t('journey.logs.placeholder.challenge') }).fill('Subdomain takes time');
    await challenges.getByRole('button', { name: t('journey.logs.add') }).click();
    await expectText(challenges, 'Subdomain takes time');
    const issues = milestone.getByTestId('journey-log-issue');
    await issues.getByRole('textbox', { name: t('journey.logs.placeholder.issue') }).fill('Blog migration is slow');
    await issues.getByRole('button', { name: t('journey.logs.add') }).click();
    await expectText(issues, 'Blog migration is slow');
    for (const label of ['Blog migrated', 'CRM integrated', 'Website code deployed', 'SSO configured']) {
      // Ticked once the server has it (the box follows the saved journey).
      await milestone.getByRole('checkbox', { name: label }).click();
      await expectVisible(milestone.getByRole('checkbox', { name: label, checked: true }));
    }
    await expectText(tab.getByTestId('journey-open-technical_setup'), t('journey.milestoneStatus.done'));

    // The portfolio: the account is on its next milestone, with the outcomes done and the logs open.
    await navLink(page, 'nav.journeys').click();
    await expectUrl(page, /^\/journeys/);
    await page.getByPlaceholder(t('journey.searchPlaceholder')).fill(account);
    const row = page.getByTestId('journeys-table-row').filter({ hasText: account });
    await expectVisible(row);
    await expectText(row, 'Active');
    await expectText(row, '4/17');
    await expectText(row, t('journey.lateness.on_track'));
  },
);
