import { defineMessages } from '../../platform/messages.ts';

/** What the renewal-opportunities module tells a user, in every UI language. The codes are part of the API: keep them. */
export const renewalOpportunitiesMessages = defineMessages({
  renewal_close_reason_required: {
    en: 'say why it churned (closeReason)',
    nl: 'geef aan waarom het verloren ging (closeReason)',
    da: 'angiv hvorfor den blev mistet (closeReason)',
  },
  renewal_unknown_owner: {
    en: 'no active person of this organisation has this id',
    nl: 'geen actieve persoon van deze organisatie heeft dit id',
    da: 'ingen aktiv person i denne organisation har dette id',
  },
  renewal_no_term_end: {
    en: 'the subscription has no current term with an end to renew',
    nl: 'het abonnement heeft geen lopende termijn met een einddatum om te verlengen',
    da: 'abonnementet har ingen løbende periode med en slutdato at forny',
  },
  renewal_offsets_unique: {
    en: 'each reminder offset once',
    nl: 'elke herinneringstermijn één keer',
    da: 'hver påmindelsesfrist kun én gang',
  },
  renewal_unknown_placeholder: {
    en: 'only these placeholders in braces: contactName, accountName, renewalDate, daysLeft, amount, organisationName',
    nl: 'alleen deze plaatshouders tussen accolades: contactName, accountName, renewalDate, daysLeft, amount, organisationName',
    da: 'kun disse pladsholdere i krøllede parenteser: contactName, accountName, renewalDate, daysLeft, amount, organisationName',
  },
});
