import { defineMessages } from '../../platform/messages.ts';

/** What the subscriptions module tells a user, in every UI language. The codes are part of the API: keep them. */
export const subscriptionMessages = defineMessages({
  subscription_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
  subscription_plan_unknown: {
    en: 'no such plan in the catalogue',
    nl: 'dit plan staat niet in de catalogus',
    da: 'denne plan findes ikke i kataloget',
  },
  subscription_no_price: {
    en: 'the plan has no list price in {currency} for this billing interval; give a unit price',
    nl: 'het plan heeft geen lijstprijs in {currency} voor deze factuurperiode; geef een stuksprijs op',
    da: 'planen har ingen listepris i {currency} for denne faktureringsperiode; angiv en enhedspris',
  },
  subscription_line_unknown: {
    en: 'the subscription has no line {lineKey} on {date}',
    nl: 'het abonnement heeft op {date} geen regel {lineKey}',
    da: 'abonnementet har ingen linje {lineKey} den {date}',
  },
  subscription_before_start: {
    en: 'the subscription starts on {date}; a change cannot take effect before that',
    nl: 'het abonnement begint op {date}; een wijziging kan niet eerder ingaan',
    da: 'abonnementet starter den {date}; en ændring kan ikke gælde før',
  },
  subscription_not_running: {
    en: 'the subscription is not running on {date}',
    nl: 'het abonnement loopt niet op {date}',
    da: 'abonnementet kører ikke den {date}',
  },
  subscription_still_running: {
    en: 'the subscription is still running on {date}; only an ended subscription can be reactivated',
    nl: 'het abonnement loopt nog op {date}; alleen een beëindigd abonnement kan worden heractiveerd',
    da: 'abonnementet kører stadig den {date}; kun et afsluttet abonnement kan genaktiveres',
  },
  subscription_no_cancellation: {
    en: 'there is no cancellation to withdraw',
    nl: 'er is geen opzegging om in te trekken',
    da: 'der er ingen opsigelse at trække tilbage',
  },
  subscription_ends_before_change: {
    en: 'the last paid day cannot be before the day of the request',
    nl: 'de laatste betaalde dag kan niet voor de dag van het verzoek liggen',
    da: 'den sidste betalte dag kan ikke ligge før anmodningens dag',
  },
  subscription_until_required: {
    en: 'a discount "until a date" needs that date',
    nl: 'een korting "tot een datum" heeft die datum nodig',
    da: 'en rabat "indtil en dato" skal have datoen',
  },
  subscription_term_order: {
    en: 'the term cannot end before it starts',
    nl: 'de termijn kan niet eindigen voordat hij begint',
    da: 'perioden kan ikke slutte før den begynder',
  },
  subscription_reason_unknown: {
    en: 'no such cancel reason',
    nl: 'deze opzegreden bestaat niet',
    da: 'denne opsigelsesårsag findes ikke',
  },
  subscription_last_line: {
    en: 'a subscription keeps at least one line; cancel it instead',
    nl: 'een abonnement houdt minstens één regel; zeg het anders op',
    da: 'et abonnement beholder mindst én linje; opsig det i stedet',
  },
  cancel_reason_taken: {
    en: 'a cancel reason with this label exists',
    nl: 'er bestaat al een opzegreden met deze naam',
    da: 'der findes allerede en opsigelsesårsag med denne betegnelse',
  },
});
