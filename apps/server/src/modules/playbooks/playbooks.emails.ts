import type { TLocalText } from './playbooks.schemas.ts';

/**
 * A playbook's e-mail prepared for the database to fill in, row by row, in one statement: its subject and body per
 * language (English when the playbook has no text in one), the placeholders {account}, {name} and {link} marked by
 * the control characters 1, 2 and 3 (removed from the text first), which the statement replaces with the account's
 * name, the recipient's name and the link — each once, so a name that reads "{link}" stays as it is.
 */
export type TEmailTemplate = Record<'en' | 'nl' | 'da', { subject: string; text: string }>;

export const PLACEHOLDER = { account: '\u0001', name: '\u0002', link: '\u0003' } as const;

const mark = (text: string) =>
  [...Object.values(PLACEHOLDER)]
    .reduce((t, c) => t.replaceAll(c, ''), text)
    .replace(/\{(account|name|link)\}/g, (_, k: keyof typeof PLACEHOLDER) => PLACEHOLDER[k]);

export function emailTemplate(subject: TLocalText, body: TLocalText): TEmailTemplate {
  const one = (l: 'en' | 'nl' | 'da') => ({ subject: mark(subject[l] || subject.en), text: mark(body[l] || body.en) });
  return { en: one('en'), nl: one('nl'), da: one('da') };
}
