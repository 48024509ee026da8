/** Shared steps and fixtures for the browser tests: demo users, logging in, the UI's own strings. */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expectVisible } from './expect.ts';
import { ROOT } from './paths.ts';

export const DEMO_PASSWORD = 'customer365-demo';
export const DEMO = {
  admin: 'admin@demo.customer365.test',
  vp: 'vp@demo.customer365.test',
  csm: 'csm@demo.customer365.test',
  readOnly: 'readonly@demo.customer365.test',
} as const;

type Tree = { [key: string]: string | Tree };
const locales = new Map<string, Tree>();

/** The web UI's own translation for a key, so tests follow wording changes instead of breaking. */
export function t(key: string, vars: Record<string, string | number> = {}, lang: 'en' | 'nl' | 'da' = 'en'): string {
  let tree = locales.get(lang);
  if (!tree) {
    tree = JSON.parse(fs.readFileSync(path.join(ROOT, `apps/web/src/i18n/${lang}.json`), 'utf8')) as Tree;
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

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(t('auth.email')).fill(email);
  await page.getByLabel(t('auth.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: t('auth.signIn') }).click();
  await expectVisible(page.getByRole('navigation'));
}
