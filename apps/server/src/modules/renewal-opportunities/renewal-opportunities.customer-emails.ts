/**
 * The e-mails to a customer's contacts about their renewal (pure): the built-in templates per kind and language, the
 * organisation's own wording over them, and the rendering of `{placeholders}` with the renewal's facts in the
 * contact's language (dates and amounts in its format).
 */
import type { TRenewalEmailTemplate } from './renewal-opportunities.schemas.ts';

export type TEmailLang = 'en' | 'nl' | 'da';
export type TEmailKind = 'reminder' | 'confirmation';
export const EMAIL_LANGS: TEmailLang[] = ['en', 'nl', 'da'];
export const EMAIL_KINDS: TEmailKind[] = ['reminder', 'confirmation'];

/** The contact's language when a template has it, else the organisation's, else English. */
export const emailLanguage = (contact: string | null | undefined, organisation: string | null | undefined): TEmailLang =>
  (EMAIL_LANGS as (string | null | undefined)[]).includes(contact)
    ? (contact as TEmailLang)
    : (EMAIL_LANGS as (string | null | undefined)[]).includes(organisation)
      ? (organisation as TEmailLang)
      : 'en';

export const BUILT_IN_TEMPLATES: Record<TEmailKind, Record<TEmailLang, { subject: string; body: string }>> = {
  reminder: {
    en: {
      subject: 'Your {organisationName} subscription renews on {renewalDate}',
      body: 'Dear {contactName},\n\nThe subscription of {accountName} renews on {renewalDate}, in {daysLeft} days, at {amount} a year.\n\nIf anything should change before then, reply to this e-mail or contact your account manager.\n\nKind regards,\n{organisationName}',
    },
    nl: {
      subject: 'Uw abonnement bij {organisationName} wordt verlengd op {renewalDate}',
      body: 'Beste {contactName},\n\nHet abonnement van {accountName} wordt verlengd op {renewalDate}, over {daysLeft} dagen, voor {amount} per jaar.\n\nMoet er vóór die datum iets veranderen, beantwoord dan deze e-mail of neem contact op met uw accountmanager.\n\nMet vriendelijke groet,\n{organisationName}',
    },
    da: {
      subject: 'Jeres abonnement hos {organisationName} fornyes den {renewalDate}',
      body: 'Kære {contactName},\n\nAbonnementet for {accountName} fornyes den {renewalDate}, om {daysLeft} dage, til {amount} om året.\n\nHvis noget skal ændres inden da, så svar på denne e-mail eller kontakt jeres kundeansvarlige.\n\nMed venlig hilsen\n{organisationName}',
    },
  },
  confirmation: {
    en: {
      subject: 'Your {organisationName} subscription has been renewed',
      body: 'Dear {contactName},\n\nThank you: the subscription of {accountName} has been renewed from {renewalDate}, at {amount} a year.\n\nKind regards,\n{organisationName}',
    },
    nl: {
      subject: 'Uw abonnement bij {organisationName} is verlengd',
      body: 'Beste {contactName},\n\nDank u wel: het abonnement van {accountName} is verlengd vanaf {renewalDate}, voor {amount} per jaar.\n\nMet vriendelijke groet,\n{organisationName}',
    },
    da: {
      subject: 'Jeres abonnement hos {organisationName} er fornyet',
      body: 'Kære {contactName},\n\nTak: abonnementet for {accountName} er fornyet fra den {renewalDate} til {amount} om året.\n\nMed venlig hilsen\n{organisationName}',
    },
  },
};

/** Every kind and language, the organisation's own wording where it has one. */
export function templatesWith(own: { kind: string; language: string; subject: string; body: string }[]): TRenewalEmailTemplate[] {
  return EMAIL_KINDS.flatMap((kind) =>
    EMAIL_LANGS.map((language) => {
      const o = own.find((t) => t.kind === kind && t.language === language);
      return { kind, language, ...(o ? { subject: o.subject, body: o.body } : BUILT_IN_TEMPLATES[kind][language]), custom: !!o };
    }),
  );
}

export interface TCustomerEmailFacts {
  contactName: string;
  accountName: string;
  /** ISO day. */
  renewalDate: string;
  daysLeft: number;
  amountCents: number;
  currency: string;
  organisationName: string;
}

const LOCALES: Record<TEmailLang, string> = { en: 'en-GB', nl: 'nl-NL', da: 'da-DK' };

/** The facts as the contact reads them: the date and the amount in the language's format. */
const dates = new Map<TEmailLang, Intl.DateTimeFormat>();
const money = new Map<string, Intl.NumberFormat>();
/** Formatters made once per language (and currency): a daily run words many e-mails. */
const dateFormat = (lang: TEmailLang) => {
  const made = dates.get(lang);
  if (made) return made;
  const f = new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  dates.set(lang, f);
  return f;
};
const moneyFormat = (lang: TEmailLang, currency: string) => {
  const made = money.get(`${lang}:${currency}`);
  if (made) return made;
  const f = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency });
  money.set(`${lang}:${currency}`, f);
  return f;
};

export function placeholderValues(lang: TEmailLang, f: TCustomerEmailFacts): Record<string, string> {
  return {
    contactName: f.contactName,
    accountName: f.accountName,
    renewalDate: dateFormat(lang).format(new Date(`${f.renewalDate}T00:00:00Z`)),
    daysLeft: String(f.daysLeft),
    amount: moneyFormat(lang, f.currency).format(f.amountCents / 100),
    organisationName: f.organisationName,
  };
}

export const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (all, k: string) => values[k] ?? all);

export function renderCustomerEmail(template: { subject: string; body: string }, lang: TEmailLang, f: TCustomerEmailFacts) {
  const values = placeholderValues(lang, f);
  return { subject: fill(template.subject, values).replace(/\s+/g, ' ').trim(), text: fill(template.body, values) };
}

/** The sample a preview renders with. */
export const SAMPLE_FACTS: TCustomerEmailFacts = {
  contactName: 'Anna de Vries',
  accountName: 'Northwind Logistics',
  renewalDate: '2027-03-01',
  daysLeft: 30,
  amountCents: 2_400_000,
  currency: 'EUR',
  organisationName: 'Customer365',
};
