/** Pure renderers of nurture e-mails and the unsubscribe page, in the contact's language. */
import type { TLocalised, TNurtureStep } from './nurture.table.ts';

export type TLang = 'en' | 'nl' | 'da';
export const pickLang = (lang: string | null | undefined, fallback: string | null | undefined): TLang => {
  for (const l of [lang, fallback]) if (l === 'en' || l === 'nl' || l === 'da') return l;
  return 'en';
};

export interface TNurtureFacts {
  firstName: string;
  lastName: string;
  accountName: string;
  organisationName: string;
}

/** `{firstName}` … replaced by the facts; an unknown name is left as written. */
export const fillPlaceholders = (text: string, f: TNurtureFacts) =>
  text.replace(/\{(firstName|lastName|accountName|organisationName)\}/g, (_m, k: keyof TNurtureFacts) => f[k]);

const FOOTER: Record<TLang, (org: string) => string> = {
  en: (org) => `You receive these e-mails as a customer of ${org}. Unsubscribe with one click:`,
  nl: (org) => `U ontvangt deze e-mails als klant van ${org}. Afmelden met één klik:`,
  da: (org) => `Du modtager disse e-mails som kunde hos ${org}. Afmeld med ét klik:`,
};

/** The e-mail of a step: subject, text with the unsubscribe link, and the RFC 8058 one-click headers. */
export function renderNurtureEmail(
  step: Pick<TNurtureStep, 'subject' | 'body'>,
  lang: TLang,
  facts: TNurtureFacts,
  unsubscribeUrl: string,
) {
  const subject = fillPlaceholders(step.subject[lang], facts);
  const text = `${fillPlaceholders(step.body[lang], facts)}\n\n--\n${FOOTER[lang](facts.organisationName)}\n${unsubscribeUrl}\n`;
  return {
    subject,
    text,
    template: 'nurture',
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

const l = (en: string, nl: string, da: string): TLocalised => ({ en, nl, da });

/** The programme every organisation starts with (a draft): onboarding tips one, four and eight weeks in. */
export const DEFAULT_PROGRAMME = {
  name: 'Onboarding tips',
  steps: [
    {
      weekOffset: 1,
      subject: l('Welcome aboard, {firstName}', 'Welkom aan boord, {firstName}', 'Velkommen om bord, {firstName}'),
      body: l(
        'Hello {firstName},\n\nA week in: three things that help {accountName} most in the first month — invite your team, connect your data, and book your kick-off with your customer success manager.\n\nKind regards,\n{organisationName}',
        'Hallo {firstName},\n\nEen week onderweg: drie dingen die {accountName} de eerste maand het meest helpen — nodig uw team uit, koppel uw gegevens en plan de kick-off met uw customer success manager.\n\nMet vriendelijke groet,\n{organisationName}',
        'Hej {firstName},\n\nEn uge inde: tre ting, der hjælper {accountName} mest den første måned — inviter dit team, forbind jeres data, og book kick-off med jeres customer success manager.\n\nVenlig hilsen\n{organisationName}',
      ),
    },
    {
      weekOffset: 4,
      subject: l(
        'Your first month: tips from other customers',
        'Uw eerste maand: tips van andere klanten',
        'Din første måned: tips fra andre kunder',
      ),
      body: l(
        'Hello {firstName},\n\nA month in, the teams that get the most out of it set up their reports and automate one routine task. Here is how {accountName} can do both in under an hour.\n\nKind regards,\n{organisationName}',
        'Hallo {firstName},\n\nNa een maand halen de teams die rapporten instellen en één routinetaak automatiseren er het meeste uit. Zo doet {accountName} beide in minder dan een uur.\n\nMet vriendelijke groet,\n{organisationName}',
        'Hej {firstName},\n\nEfter en måned får de teams mest ud af det, der sætter rapporter op og automatiserer én rutineopgave. Sådan gør {accountName} begge dele på under en time.\n\nVenlig hilsen\n{organisationName}',
      ),
    },
    {
      weekOffset: 8,
      subject: l(
        'Two months in: what is next for {accountName}',
        'Twee maanden verder: wat is de volgende stap voor {accountName}',
        'To måneder inde: hvad er det næste for {accountName}',
      ),
      body: l(
        'Hello {firstName},\n\nTwo months in, it is a good moment to look back at your goals with your customer success manager and plan the next quarter.\n\nKind regards,\n{organisationName}',
        'Hallo {firstName},\n\nNa twee maanden is het een goed moment om met uw customer success manager terug te kijken op uw doelen en het volgende kwartaal te plannen.\n\nMet vriendelijke groet,\n{organisationName}',
        'Hej {firstName},\n\nEfter to måneder er det et godt tidspunkt at se tilbage på jeres mål med jeres customer success manager og planlægge næste kvartal.\n\nVenlig hilsen\n{organisationName}',
      ),
    },
  ],
};

const PAGE: Record<TLang, { title: string; ask: (org: string) => string; button: string; done: (org: string) => string }> = {
  en: {
    title: 'Unsubscribe',
    ask: (org) => `Stop receiving tips and news e-mails from ${org}?`,
    button: 'Unsubscribe',
    done: (org) => `You are unsubscribed: ${org} will send you no more of these e-mails.`,
  },
  nl: {
    title: 'Afmelden',
    ask: (org) => `Geen tips- en nieuwsmails meer ontvangen van ${org}?`,
    button: 'Afmelden',
    done: (org) => `U bent afgemeld: ${org} stuurt u deze e-mails niet meer.`,
  },
  da: {
    title: 'Afmeld',
    ask: (org) => `Vil du ikke længere modtage tips og nyheder fra ${org}?`,
    button: 'Afmeld',
    done: (org) => `Du er afmeldt: ${org} sender dig ikke flere af disse e-mails.`,
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The public page: asking (a form that posts back to the same address), or confirming. */
export function renderUnsubscribePage(lang: TLang, organisationName: string, state: 'ask' | 'done') {
  const w = PAGE[lang];
  const org = escapeHtml(organisationName);
  const main =
    state === 'ask'
      ? `<p>${w.ask(org)}</p><form method="post"><button type="submit" name="List-Unsubscribe" value="One-Click">${w.button}</button></form>`
      : `<p role="status">${w.done(org)}</p>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${w.title} · ${org}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1b1e}button{font:inherit;padding:.5rem 1.25rem;border-radius:6px;border:0;background:#228be6;color:#fff;cursor:pointer}</style></head><body><h1>${w.title}</h1>${main}</body></html>`;
}
