import type { TLocalText } from './playbooks.schemas.ts';

/** A playbook's e-mail in the recipient's language (English when the playbook has no text in theirs), placeholders filled. */
type Lang = 'en' | 'nl' | 'da';
const pick = (lang: string | null | undefined): Lang => (lang === 'nl' || lang === 'da' ? lang : 'en');

export interface TEmailFacts {
  account: string;
  name: string;
  link: string;
}

const fill = (text: string, f: TEmailFacts) => text.replace(/\{(account|name|link)\}/g, (_, k: keyof TEmailFacts) => f[k]);

export function renderPlaybookEmail(subject: TLocalText, body: TLocalText, lang: string | null | undefined, facts: TEmailFacts) {
  const l = pick(lang);
  return { subject: fill(subject[l] || subject.en, facts), text: fill(body[l] || body.en, facts), template: 'playbook' };
}
