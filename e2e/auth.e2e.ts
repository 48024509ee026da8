import assert from 'node:assert/strict';
import { DEMO, logIn, logInThroughForm, mainNavigation, navLink, t } from './support/app.ts';
import { e2e } from './support/browser.ts';
import { expectHidden, expectUrl, expectVisible } from './support/expect.ts';

e2e('a user logs in and sees the navigation laid out by domain', async ({ page }) => {
  await logInThroughForm(page, DEMO.admin);
  await expectUrl(page, /^\/$/);
  const nav = mainNavigation(page);
  for (const group of ['nav.overview', 'nav.customers', 'nav.administration'])
    await expectVisible(nav.getByText(t(group), { exact: true }));
  for (const item of ['nav.dashboard', 'nav.accounts', 'nav.contacts', 'nav.imports', 'admin.nav.users', 'admin.nav.auditLog'])
    await expectVisible(navLink(page, item));
  await expectVisible(page.getByTestId('organisation-name'));
});

e2e('a wrong password is refused with a message and no session', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(t('login.email')).fill(DEMO.admin);
  await page.getByLabel(t('login.password')).first().fill('not-the-password');
  await page.getByRole('button', { name: t('login.submit') }).click();
  await expectVisible(page.getByText(t('login.invalid')));
  const me = await page.request.get('/api/v1/auth/me');
  assert.equal(me.status(), 401);
});

e2e('signing out ends the session and returns to the login page', async ({ page }) => {
  await logIn(page, DEMO.csm);
  await page.getByRole('button', { name: t('userMenu.open') }).click();
  await page.getByRole('menuitem', { name: t('userMenu.signOut') }).click();
  await expectUrl(page, /^\/login/);
  await expectHidden(mainNavigation(page));
  assert.equal((await page.request.get('/api/v1/auth/me')).status(), 401);
  // The old page is gone for good: going back to a signed-in page lands on the login page again.
  await page.goto('/accounts');
  await expectUrl(page, /^\/login/);
});

e2e('a signed-out visitor is sent to the login page and back after signing in', async ({ page }) => {
  await page.goto('/admin/users');
  await expectUrl(page, /^\/login\?redirect=/);
  await page.getByLabel(t('login.email')).fill(DEMO.admin);
  await page.getByLabel(t('login.password')).first().fill('customer365-demo');
  await page.getByRole('button', { name: t('login.submit') }).click();
  await expectUrl(page, /^\/admin\/users/);
});
