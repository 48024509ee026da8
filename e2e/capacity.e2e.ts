import { DEMO, logIn, navLink, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectText, expectUrl, expectVisible } from './support/expect.ts';

e2e("an admin finds a person in the capacity page's team list by name and team, and exports the list and the weeks", async ({ page }) => {
  await logIn(page, DEMO.admin);
  await navLink(page, 'nav.capacity').click();
  await expectUrl(page, /capacity/);
  const people = page.getByTestId('capacity-people-table');
  await expectVisible(people);
  // The demo's first person by name, found by a search; the team filter narrows to their team.
  const first = (await people.getByTestId('capacity-people-table-row').first().locator('td').first().textContent()) ?? '';
  await page.getByPlaceholder(t('capacity.people.searchPlaceholder')).fill(first);
  await expectText(people, first);
  let href: string | null = null;
  for (let i = 0; i < 50 && !href?.includes('q='); i++) {
    href = await page.getByTestId('capacity-people').getByTestId('export-csv').getAttribute('href');
    if (!href?.includes('q=')) await page.waitForTimeout(100);
  }
  if (!href?.startsWith('/api/v1/capacity/people/export.csv?') || !href.includes('q=')) throw new Error(`the people export is ${href}`);
  const weeks = await page.getByTestId('capacity-weeks-export').getAttribute('href');
  if (weeks !== '/api/v1/capacity/weeks/export.csv') throw new Error(`the weeks export is ${weeks}`);
  const csv = await page.evaluate(async (url) => (await fetch(url)).text(), weeks);
  if (!csv.includes('week_start,team,milestone_hours')) throw new Error(`the weeks CSV starts ${csv.slice(0, 80)}`);
});
