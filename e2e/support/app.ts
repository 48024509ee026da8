/** Shared steps and fixtures for the browser tests: demo users, logging in, the UI's own strings. */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expectVisible } from './expect.ts';
import { WEB_SRC } from './paths.ts';

export const DEMO_PASSWORD = 'customer365-demo';
export const DEMO = {
  admin: 'admin@demo.customer365.test',
  vp: 'vp@demo.customer365.test',
  csm: 'csm@demo.customer365.test',
  cse: 'cse@demo.customer365.test',
  advocate: 'advocate@demo.customer365.test',
  readOnly: 'readonly@demo.customer365.test',
} as const;

type Tree = { [key: string]: string | Tree };
const locales = new Map<string, Tree>();

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Tree;

/** Adds the strings of `source` that `target` lacks; never replaces one. */
function fill(target: Tree, source: Tree) {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && (existing === undefined || typeof existing === 'object')) {
      const child: Tree = existing ?? {};
      target[key] = child;
      fill(child, value);
    } else if (existing === undefined) target[key] = value;
  }
}

/**
 * The UI's strings: the shared file plus each feature's features/<name>/i18n/<lang>.json. A feature's
 * index.ts merges its file at the root (accounts: account.fields.name) or under its name (admin:
 * admin.users.subtitle); without running that code the tests add each file both ways, filling gaps only,
 * so every key the app has resolves to the app's text.
 */
function loadStrings(lang: string): Tree {
  const web = WEB_SRC;
  const tree: Tree = readJson(path.join(web, `i18n/${lang}.json`));
  for (const feature of fs.readdirSync(path.join(web, 'features'))) {
    const file = path.join(web, 'features', feature, 'i18n', `${lang}.json`);
    if (!fs.existsSync(file)) continue;
    const strings = readJson(file);
    fill(tree, strings);
    fill(tree, { [feature]: strings });
  }
  return tree;
}

/** The web UI's own translation for a key, so tests follow wording changes instead of breaking. */
export function t(key: string, vars: Record<string, string | number> = {}, lang: Lang = 'en'): string {
  let tree = locales.get(lang);
  if (!tree) {
    tree = loadStrings(lang);
    locales.set(lang, tree);
  }
  let node: string | Tree | undefined = tree[key];
  if (node === undefined) {
    node = tree;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  }
  if (typeof node !== 'string') throw new Error(`no "${lang}" translation for ${key}`);
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, v: string) => String(vars[v] ?? ''));
}

/**
 * Signs in and opens `at` (the home page unless told), waiting for the signed-in layout's navigation. The
 * session comes from the login API, the request the login form makes, so its cookies land in the page's
 * context: the form itself is tested in auth.e2e.ts (logInThroughForm), and every other test skips loading
 * the login page and, when it goes on elsewhere, the home page (measured: 3.3 s for the form and the home page
 * against 2.6 s for the API and the home page, and 6.3 s against 3.8 s with the accounts list opened after,
 * on the shared 2-core machine at load 8; docs/benchmarks.md, "Test suite time").
 */
export async function logIn(page: Page, email: string, at = '/') {
  await signIn(page, email);
  await page.goto(at);
  await expectVisible(mainNavigation(page));
}

/** Signs in through the login API only: the page's context gets the session and CSRF cookies, no page opens. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const res = await page.request.post('/api/v1/auth/login', { data: { email, password } });
  if (!res.ok()) throw new Error(`signing in as ${email} answered ${res.status()}: ${await res.text()}`);
}

/** Signs in through the login form, as a person does, and waits for the signed-in layout's navigation. */
export async function logInThroughForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(t('login.email')).fill(email);
  await page.getByLabel(t('login.password')).first().fill(password);
  await page.getByRole('button', { name: t('login.submit') }).click();
  await expectVisible(mainNavigation(page));
}

export type Lang = 'en' | 'nl' | 'da';

export function mainNavigation(page: Page, lang: Lang = 'en') {
  return page.getByRole('navigation', { name: t('nav.main', {}, lang) });
}

/** A link in the left navigation, by its label key (e.g. 'nav.accounts'). */
export function navLink(page: Page, key: string, lang: Lang = 'en') {
  return mainNavigation(page, lang).getByRole('link', { name: t(key, {}, lang), exact: true });
}

/** Opens a tab of the account page by its label: from the row, or from "More" when it does not fit the row. */
export async function openAccountTab(page: Page, label: string) {
  await expectVisible(page.getByRole('tab').first());
  const tab = page.getByRole('tab', { name: label, exact: true });
  if ((await tab.count()) > 0) return tab.click();
  await page.getByTestId('tabs-more').click();
  await page.getByRole('menuitem', { name: label, exact: true }).click();
}

/** Every tab the account page offers the user: the row's and those under "More". */
export async function accountTabLabels(page: Page): Promise<string[]> {
  await expectVisible(page.getByRole('tab').first());
  const labels = (await page.getByRole('tab').allTextContents()).map((s) => s.trim());
  if ((await page.getByTestId('tabs-more').count()) === 0) return labels;
  await page.getByTestId('tabs-more').click();
  // The menu opens with a transition: read its items only once the first is there.
  await expectVisible(page.getByRole('menuitem').first());
  const more = (await page.getByRole('menuitem').allTextContents()).map((s) => s.trim());
  await page.keyboard.press('Escape');
  return [...labels, ...more];
}

/** A unique suffix so tests that share one database never collide. */
export function unique(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
