import { defineMessages } from '../../platform/messages.ts';

/** The timeline module's own messages (codes are part of the API: error details carry them). */
export const timelineMessages = defineMessages({
  too_far_in_future: {
    en: 'must not be more than a day in the future',
    nl: 'mag niet meer dan een dag in de toekomst liggen',
    da: 'må ikke ligge mere end en dag ude i fremtiden',
  },
  unknown_contact: {
    en: 'no such contact on this account',
    nl: 'deze contactpersoon hoort niet bij dit account',
    da: 'denne kontakt hører ikke til denne konto',
  },
});
