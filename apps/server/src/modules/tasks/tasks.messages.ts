import { defineMessages } from '../../platform/messages.ts';

/** What the tasks module tells a user, in every UI language. The codes are part of the API: keep them. */
export const tasksMessages = defineMessages({
  task_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
  task_unknown_owner: {
    en: 'no active person of this organisation has this id',
    nl: 'geen actieve persoon van deze organisatie heeft dit id',
    da: 'ingen aktiv person i denne organisation har dette id',
  },
  task_assign_own_only: {
    en: 'you may give tasks on your own accounts only to yourself',
    nl: 'taken op je eigen accounts mag je alleen aan jezelf geven',
    da: 'opgaver på dine egne konti kan du kun give til dig selv',
  },
  task_bulk_needs_owner: {
    en: 'reassigning needs the new owner (ownerUserId)',
    nl: 'opnieuw toewijzen heeft de nieuwe eigenaar nodig (ownerUserId)',
    da: 'omfordeling kræver den nye ejer (ownerUserId)',
  },
  task_bulk_needs_day: {
    en: 'snoozing needs the day (snoozedUntil)',
    nl: 'uitstellen heeft de dag nodig (snoozedUntil)',
    da: 'udsættelse kræver dagen (snoozedUntil)',
  },
  task_snooze_past: {
    en: 'the day must be after today',
    nl: 'de dag moet na vandaag liggen',
    da: 'dagen skal ligge efter i dag',
  },
});
