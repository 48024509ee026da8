import { defineMessages } from '../../platform/messages.ts';

/** What the nurture module tells a user, in every UI language. The codes are part of the API: keep them. */
export const nurtureMessages = defineMessages({
  nurture_name_taken: {
    en: 'another nurture programme has this name',
    nl: 'een ander nurtureprogramma heeft deze naam',
    da: 'et andet nurture-program har dette navn',
  },
  nurture_programme_ended: {
    en: 'this programme has ended; make a new one to send again',
    nl: 'dit programma is beëindigd; maak een nieuw om opnieuw te versturen',
    da: 'dette program er afsluttet; opret et nyt for at sende igen',
  },
  nurture_status_move: {
    en: 'a programme cannot go from {from} to {to}',
    nl: 'een programma kan niet van {from} naar {to}',
    da: 'et program kan ikke gå fra {from} til {to}',
  },
  nurture_unknown_market: {
    en: 'no market of this organisation has this id',
    nl: 'geen markt van deze organisatie heeft dit id',
    da: 'intet marked i denne organisation har dette id',
  },
  nurture_step_unknown_placeholder: {
    en: 'unknown placeholder {name}; use {known}',
    nl: 'onbekende plaatshouder {name}; gebruik {known}',
    da: 'ukendt pladsholder {name}; brug {known}',
  },
  nurture_unknown_contact: {
    en: 'no contact of this organisation has this id',
    nl: 'geen contactpersoon van deze organisatie heeft dit id',
    da: 'ingen kontaktperson i denne organisation har dette id',
  },
});
