/** Pure renderers for the identity e-mails, in the recipient's language. */
type Lang = 'en' | 'nl' | 'da';
const pick = (lang: string): Lang => (lang === 'nl' || lang === 'da' ? lang : 'en');

const RESET = {
  en: {
    subject: 'Reset your Customer365 password',
    body: (name: string, link: string) =>
      `Hello ${name},\n\nSomeone asked to reset your Customer365 password. Choose a new one here (the link works for 2 hours):\n\n${link}\n\nIf this was not you, ignore this e-mail; your password stays as it is.`,
  },
  nl: {
    subject: 'Stel uw Customer365-wachtwoord opnieuw in',
    body: (name: string, link: string) =>
      `Hallo ${name},\n\nEr is gevraagd om uw Customer365-wachtwoord opnieuw in te stellen. Kies hier een nieuw wachtwoord (de link is 2 uur geldig):\n\n${link}\n\nHeeft u dit niet gevraagd? Negeer dan deze e-mail; uw wachtwoord blijft ongewijzigd.`,
  },
  da: {
    subject: 'Nulstil din Customer365-adgangskode',
    body: (name: string, link: string) =>
      `Hej ${name},\n\nNogen har bedt om at nulstille din Customer365-adgangskode. Vælg en ny her (linket virker i 2 timer):\n\n${link}\n\nHvis det ikke var dig, kan du se bort fra denne e-mail; din adgangskode forbliver uændret.`,
  },
};

const INVITE = {
  en: {
    subject: 'You have been invited to Customer365',
    body: (name: string, by: string, link: string) =>
      `Hello ${name},\n\n${by} invited you to Customer365. Choose your password here (the link works for 7 days):\n\n${link}`,
  },
  nl: {
    subject: 'U bent uitgenodigd voor Customer365',
    body: (name: string, by: string, link: string) =>
      `Hallo ${name},\n\n${by} heeft u uitgenodigd voor Customer365. Kies hier uw wachtwoord (de link is 7 dagen geldig):\n\n${link}`,
  },
  da: {
    subject: 'Du er inviteret til Customer365',
    body: (name: string, by: string, link: string) =>
      `Hej ${name},\n\n${by} har inviteret dig til Customer365. Vælg din adgangskode her (linket virker i 7 dage):\n\n${link}`,
  },
};

export function renderPasswordResetEmail(lang: string, name: string, link: string) {
  const t = RESET[pick(lang)];
  return { subject: t.subject, text: t.body(name, link), template: 'password-reset' };
}

export function renderInvitationEmail(lang: string, name: string, invitedBy: string, link: string) {
  const t = INVITE[pick(lang)];
  return { subject: t.subject, text: t.body(name, invitedBy, link), template: 'invitation' };
}
