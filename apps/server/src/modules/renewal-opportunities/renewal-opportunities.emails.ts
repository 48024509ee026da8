/** Pure renderers of the renewal reminders (e-mail and the notification's English subject), in the owner's language. */
type Lang = 'en' | 'nl' | 'da';
const pick = (lang: string | null): Lang => (lang === 'nl' || lang === 'da' ? lang : 'en');

export interface TReminderFacts {
  accountName: string;
  /** The renewal date, ISO. */
  dueOn: string;
  /** A number of days as text ("90"), or "overdue". */
  reminder: string;
  link: string;
}

const LOCALES: Record<Lang, string> = { en: 'en-GB', nl: 'nl-NL', da: 'da-DK' };
// One formatter per language (a first daily run words thousands of reminders; making one per date costs more than the rest).
const FORMATS = Object.fromEntries(
  (Object.keys(LOCALES) as Lang[]).map((l) => [
    l,
    new Intl.DateTimeFormat(LOCALES[l], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ]),
) as Record<Lang, Intl.DateTimeFormat>;
const dateIn = (lang: Lang, day: string) => FORMATS[lang].format(new Date(`${day}T00:00:00Z`));

const WORDS = {
  en: {
    subject: (f: TReminderFacts) =>
      f.reminder === 'overdue' ? `Renewal overdue: ${f.accountName}` : `Renewal in ${f.reminder} days: ${f.accountName}`,
    body: (name: string, f: TReminderFacts, date: string) =>
      `Hello ${name},\n\n${
        f.reminder === 'overdue'
          ? `The renewal of ${f.accountName} was due on ${date} and is still open.`
          : `${f.accountName} renews on ${date}, in ${f.reminder} days.`
      }\n\nOpen the renewal:\n${f.link}`,
  },
  nl: {
    subject: (f: TReminderFacts) =>
      f.reminder === 'overdue' ? `Verlenging te laat: ${f.accountName}` : `Verlenging over ${f.reminder} dagen: ${f.accountName}`,
    body: (name: string, f: TReminderFacts, date: string) =>
      `Hallo ${name},\n\n${
        f.reminder === 'overdue'
          ? `De verlenging van ${f.accountName} stond op ${date} en staat nog open.`
          : `${f.accountName} verlengt op ${date}, over ${f.reminder} dagen.`
      }\n\nOpen de verlenging:\n${f.link}`,
  },
  da: {
    subject: (f: TReminderFacts) =>
      f.reminder === 'overdue' ? `Fornyelse forfalden: ${f.accountName}` : `Fornyelse om ${f.reminder} dage: ${f.accountName}`,
    body: (name: string, f: TReminderFacts, date: string) =>
      `Hej ${name},\n\n${
        f.reminder === 'overdue'
          ? `Fornyelsen af ${f.accountName} forfaldt den ${date} og er stadig åben.`
          : `${f.accountName} fornyes den ${date}, om ${f.reminder} dage.`
      }\n\nÅbn fornyelsen:\n${f.link}`,
  },
};

export function renderReminderEmail(lang: string | null, name: string, f: TReminderFacts) {
  const l = pick(lang);
  return { subject: WORDS[l].subject(f), text: WORDS[l].body(name, f, dateIn(l, f.dueOn)), template: 'renewal-reminder' };
}

/** The notification's English subject (the web words it from kind and data in the reader's language). */
export const reminderSubject = (f: TReminderFacts) => WORDS.en.subject(f);
