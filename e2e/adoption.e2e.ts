import assert from 'node:assert/strict';
import { DEMO, logIn, navLink, signIn, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectText, expectUrl, expectVisible } from './support/expect.ts';

type Summary = { hasUsage: boolean; flags: string[] };

e2e('the Adoption tab charts an account’s usage and features; the Adoption page compares features across accounts', async ({ page }) => {
  await signIn(page, DEMO.csm);
  const accounts = (
    (await (await page.request.get('/api/v1/accounts?pageSize=30&sort=name&order=asc')).json()) as { items: { id: string }[] }
  ).items;
  let used: string | null = null;
  for (const a of accounts) {
    const { summary } = (await (await page.request.get(`/api/v1/accounts/${a.id}/adoption`)).json()) as { summary: Summary };
    if (summary.hasUsage && summary.flags.length === 0) {
      used = a.id;
      break;
    }
  }
  assert.ok(used, 'the demo has an account adopting well');
  await page.goto(`/accounts/${used}?tab=adoption`);
  const tab = page.getByTestId('account-adoption');
  await expectVisible(tab);
  await expectText(page.getByTestId('adoption-flags'), t('adoption.flag.none'));
  await expectText(page.getByTestId('stat-breadth'), t('adoption.breadth'));
  const features = page.getByTestId('adoption-features');
  await expectText(features, 'Email campaign sent');
  // A click on a feature draws it per day.
  await features.getByText('Workflow activated').click();
  await eventually(async () => assert.equal(await page.getByTestId('feature-select').inputValue(), 'Workflow activated'));
  assert.ok((await tab.locator('.recharts-surface').count()) >= 3, 'the users, events and feature charts are drawn');

  await navLink(page, 'nav.adoption').click();
  await expectUrl(page, /^\/adoption/);
  const table = page.getByTestId('feature-adoption-table');
  await expectText(table, 'Email campaign sent');
  await page.getByPlaceholder(t('adoption.searchPlaceholder')).fill('workflow');
  await eventually(async () => {
    const rows = await table.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 1);
    assert.match(rows[0] as string, /Workflow activated/);
  });
});

e2e('an admin marks a seen event name as a key feature for every plan', async ({ page }) => {
  await logIn(page, DEMO.admin);
  await navLink(page, 'nav.adoptionKeyFeatures').click();
  await expectUrl(page, /^\/usage\/key-features/);
  const list = page.getByTestId('key-features');
  await expectText(list, 'Email campaign sent');
  await page.getByTestId('key-feature-event').fill('Report viewed');
  await page.getByRole('button', { name: t('adoption.addKeyFeature') }).click();
  await page.getByTestId('save-key-features').click();
  await expectText(page.locator('body'), t('adoption.keyFeaturesSaved'));
  const saved = (await (await page.request.get('/api/v1/usage/key-features')).json()) as {
    items: { event: string; planId: string | null }[];
  };
  assert.ok(saved.items.some((i) => i.event === 'Report viewed' && i.planId === null));
});
