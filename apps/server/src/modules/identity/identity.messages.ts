import { defineMessages } from '../../platform/messages.ts';

/** Identity's own messages: sign-in, sessions, passwords, users and API tokens. The codes are part of the API. */
export const identityMessages = defineMessages({
  password_too_short: { en: 'must be at least 12 characters', nl: 'moet minstens 12 tekens lang zijn', da: 'skal være mindst 12 tegn' },
  incorrect: { en: 'is incorrect', nl: 'klopt niet', da: 'er forkert' },
  reset_link_invalid: {
    en: 'is invalid or has expired; request a new link',
    nl: 'is ongeldig of verlopen; vraag een nieuwe link aan',
    da: 'er ugyldigt eller udløbet; bed om et nyt link',
  },
  user_email_taken: {
    en: 'a user with this e-mail already exists',
    nl: 'er bestaat al een gebruiker met dit e-mailadres',
    da: 'der findes allerede en bruger med denne e-mail',
  },
  own_role: {
    en: 'you cannot disable yourself or change your own role',
    nl: 'je kunt jezelf niet uitschakelen en je eigen rol niet wijzigen',
    da: 'du kan ikke deaktivere dig selv eller ændre din egen rolle',
  },
  scope_not_held: {
    en: 'you cannot grant permissions you do not have: {scopes}',
    nl: 'je kunt geen rechten toekennen die je zelf niet hebt: {scopes}',
    da: 'du kan ikke give rettigheder, som du ikke selv har: {scopes}',
  },
  // The same words as the platform's shared entry, so the code stays one.
  must_be_future: { en: 'must be in the future', nl: 'moet in de toekomst liggen', da: 'skal ligge i fremtiden' },
  sign_in_incorrect: {
    en: 'E-mail or password is incorrect',
    nl: 'E-mailadres of wachtwoord klopt niet',
    da: 'E-mail eller adgangskode er forkert',
  },
  too_many_attempts: {
    en: 'Too many failed sign-in attempts; try again in {minutes} minutes',
    nl: 'Te veel mislukte aanmeldpogingen; probeer het over {minutes} minuten opnieuw',
    da: 'For mange mislykkede loginforsøg; prøv igen om {minutes} minutter',
  },
  session_only: {
    en: 'This can only be done when signed in, not with an API token',
    nl: 'Dit kan alleen wanneer je bent aangemeld, niet met een API-token',
    da: 'Dette kan kun gøres, når du er logget ind, ikke med et API-token',
  },
  user_not_found: { en: 'User not found', nl: 'Gebruiker niet gevonden', da: 'Brugeren blev ikke fundet' },
  api_token_not_found: { en: 'API token not found', nl: 'API-token niet gevonden', da: 'API-tokenet blev ikke fundet' },
});
