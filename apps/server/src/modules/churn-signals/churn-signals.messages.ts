import { defineMessages } from '../../platform/messages.ts';

/** What the churn-signals module tells a user, in every UI language. The codes are part of the API: keep them. */
export const churnSignalsMessages = defineMessages({
  churn_signal_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
});
