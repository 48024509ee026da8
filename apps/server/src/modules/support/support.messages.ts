import { defineMessages } from '../../platform/messages.ts';

/** What the support module tells a user, in every UI language. The codes are part of the API: keep them. */
export const supportMessages = defineMessages({
  support_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
  support_unknown_contact: {
    en: 'no contact of this account has this id',
    nl: 'geen contactpersoon van dit account heeft dit id',
    da: 'ingen kontaktperson på denne konto har dette id',
  },
  support_unknown_assignee: {
    en: 'no active person of this organisation has this id',
    nl: 'geen actieve persoon van deze organisatie heeft dit id',
    da: 'ingen aktiv person i denne organisation har dette id',
  },
  support_no_recipient: {
    en: 'the request has no e-mail address to reply to; give it a contact with one',
    nl: 'het verzoek heeft geen e-mailadres om op te antwoorden; geef het een contactpersoon met een adres',
    da: 'anmodningen har ingen e-mailadresse at svare til; giv den en kontaktperson med en adresse',
  },
  support_closed: {
    en: 'the request is closed; reopen it first',
    nl: 'het verzoek is gesloten; heropen het eerst',
    da: 'anmodningen er lukket; genåbn den først',
  },
  support_target_order: {
    en: 'the first response must be due before the resolution',
    nl: 'de eerste reactie moet eerder vallen dan de oplossing',
    da: 'første svar skal ligge før løsningen',
  },
});
