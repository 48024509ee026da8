import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO, type Lang, logIn, mainNavigation, navLink, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { eventually, expectVisible } from './support/expect.ts';

async function switchLanguage(page: Page, from: Lang, to: Lang) {
  await page.getByRole('button', { name: t('userMenu.open', {}, from) }).click();
  await page.getByRole('menuitem', { name: t(`languages.${to}`, {}, from) }).click();
}

e2e('the UI switches between English, Dutch and Danish and remembers the choice', async ({ page }) => {
  await logIn(page, DEMO.cse);
  for (const key of ['nav.accounts', 'nav.contacts', 'nav.dashboard']) await expectVisible(navLink(page, key, 'en'));

  await switchLanguage(page, 'en', 'nl');
  for (const key of ['nav.accounts', 'nav.contacts', 'nav.dashboard', 'nav.customers']) {
    await expectVisible(mainNavigation(page, 'nl').getByText(t(key, {}, 'nl'), { exact: true }));
  }
  await eventually(async () => assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl'));

  await switchLanguage(page, 'nl', 'da');
  for (const key of ['nav.accounts', 'nav.contacts', 'nav.dashboard', 'nav.customers']) {
    await expectVisible(mainNavigation(page, 'da').getByText(t(key, {}, 'da'), { exact: true }));
  }
  // The Dutch words are gone where the languages differ.
  assert.notEqual(t('nav.contacts', {}, 'nl'), t('nav.contacts', {}, 'da'));
  assert.equal(
    await mainNavigation(page, 'da')
      .getByText(t('nav.contacts', {}, 'nl'), { exact: true })
      .count(),
    0,
  );

  // The language is stored on the user: it survives a reload and is what the API reports.
  await page.reload();
  await expectVisible(navLink(page, 'nav.contacts', 'da'));
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { user: { language: string } };
  assert.equal(me.user.language, 'da');

  await switchLanguage(page, 'da', 'en');
  await expectVisible(navLink(page, 'nav.contacts', 'en'));
});
