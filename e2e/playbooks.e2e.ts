import { DEMO, logIn, navLink, t, unique } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectText, expectUrl, expectVisible } from './support/expect.ts';

/** Picks an option of a Mantine select found by its accessible name. */
async function choose(page: import('playwright-core').Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

e2e(
  'an admin builds a playbook with the rule editor, dry-runs it and sees the accounts it would match, then saves it',
  async ({ page }) => {
    await logIn(page, DEMO.admin);
    await navLink(page, 'nav.playbooks').click();
    await expectUrl(page, /^\/playbooks/);
    // The five preloaded playbooks, each with its run log filled by the demo.
    const table = page.getByTestId('playbooks-table');
    for (const name of ['Onboarding', 'Poor health', 'Low activity', 'Renewal at 90 days', 'Win-back']) await expectText(table, name);

    await page.getByTestId('new-playbook').click();
    await expectUrl(page, /^\/playbooks\/new$/);
    const name = unique('Enterprise at risk');
    await page.getByRole('textbox', { name: t('playbook.fields.name') }).fill(name);

    // When: a detractor says it needs surveys; the playbook uses health turned red.
    await choose(page, t('playbook.fields.trigger'), t('playbook.trigger.detractor'));
    await expectVisible(page.getByTestId('needs-surveys'));
    await choose(page, t('playbook.fields.trigger'), t('playbook.trigger.health_red'));

    // If: enterprise accounts.
    await page.getByTestId('add-condition').click();
    const ifLabel = `${t('playbook.if')} 1`;
    await choose(page, `${ifLabel}: ${t('playbook.conditionField')}`, t('playbook.field.segment'));
    await choose(page, `${ifLabel}: ${t('playbook.conditionValue')}`, 'Enterprise');

    // Then: a task for the owner and an e-mail to the champions.
    const task = page.getByTestId('action-0');
    await task.getByRole('textbox', { name: t('playbook.task.title') }).fill('Call the sponsor');
    await page.getByTestId('add-action').click();
    await page.getByRole('menuitem', { name: t('playbook.action.email') }).click();
    const mail = page.getByTestId('action-1');
    await mail.getByRole('textbox', { name: `${t('playbook.email.subject')} (English)` }).fill('How are we doing, {name}?');
    await mail.getByRole('textbox', { name: `${t('playbook.email.body')} (English)` }).fill('We would like to hear from {account}.');

    // The dry run lists the enterprise accounts by name, as the accounts list has them.
    await page.getByTestId('dry-run').click();
    const results = page.getByTestId('dry-run-results');
    await expectVisible(results);
    const enterprise = (await (await page.request.get('/api/v1/accounts?segment=enterprise&pageSize=100&sort=name&order=asc')).json()) as {
      items: { name: string }[];
      total: number;
    };
    await expectText(
      results,
      t(enterprise.total === 1 ? 'playbook.dryRun.summary_one' : 'playbook.dryRun.summary_other', {
        count: enterprise.total,
        shown: Math.min(enterprise.total, 100),
      }),
    );
    const shown = (await results.locator('tbody tr td:first-child').allTextContents()).map((x) => x.trim()).sort();
    const expected = enterprise.items.map((a) => a.name).sort();
    if (enterprise.total > 100 || JSON.stringify(shown) !== JSON.stringify(expected))
      throw new Error(`the dry run shows ${shown.join(', ')}; the enterprise accounts are ${expected.join(', ')}`);

    // Saved: it opens as itself, its run log empty, and the list has it.
    await page.getByTestId('save-playbook').click();
    await expectUrl(page, /^\/playbooks\/[0-9a-f-]{36}$/);
    await expectText(page.getByTestId('playbook-runs'), t('playbook.runs.empty'));
    await navLink(page, 'nav.playbooks').click();
    await page.getByPlaceholder(t('playbook.searchPlaceholder')).fill(name);
    await expectText(page.getByTestId('playbooks-table'), t('playbook.trigger.health_red'));

    // A preloaded playbook's run log (the demo's): searched by an account's name, exported as CSV with the same filter.
    await page.getByPlaceholder(t('playbook.searchPlaceholder')).fill('Poor health');
    await page.getByTestId('playbooks-table').getByRole('link', { name: 'Poor health', exact: true }).click();
    const runs = page.getByTestId('playbook-runs');
    const account = (await runs.getByRole('link').first().textContent()) ?? '';
    await page.getByPlaceholder(t('playbook.runs.searchPlaceholder')).fill(account);
    await expectText(runs, account);
    // The search applies after its debounce; the export link then carries it.
    const wanted = `q=${encodeURIComponent(account).replace(/%20/g, '+')}`;
    let href: string | null = null;
    for (let i = 0; i < 50 && !href?.includes(wanted); i++) {
      href = await page.getByTestId('export-csv').getAttribute('href');
      if (!href?.includes(wanted)) await page.waitForTimeout(100);
    }
    if (!href?.includes('/runs/export.csv') || !href.includes(wanted)) throw new Error(`the run log's export is ${href}`);
  },
);
