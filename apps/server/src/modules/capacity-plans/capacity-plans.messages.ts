import { defineMessages } from '../../platform/messages.ts';

/** What the capacity-plans module tells a user, in every UI language. The codes are part of the API: keep them. */
export const capacityPlansMessages = defineMessages({
  capacity_person_unknown: {
    en: 'there is no such active user in this organisation',
    nl: 'er is geen actieve gebruiker met dit id in deze organisatie',
    da: 'der er ingen sådan aktiv bruger i denne organisation',
  },
});
