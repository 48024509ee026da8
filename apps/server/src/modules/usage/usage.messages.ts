import { defineMessages } from '../../platform/messages.ts';

/** What the usage module tells a user, in every UI language. The codes are part of the API: keep them. */
export const usageMessages = defineMessages({
  usage_trait_format: {
    en: 'use letters, digits, _ . $ or - only',
    nl: 'gebruik alleen letters, cijfers, _ . $ of -',
    da: 'brug kun bogstaver, tal, _ . $ eller -',
  },
  usage_trait_required: {
    en: 'name the trait that holds the account key',
    nl: 'noem de trait die de accountsleutel bevat',
    da: 'angiv den trait, der indeholder kontonøglen',
  },
  usage_native_source: {
    en: 'the built-in source of the API and imports has no key to revoke',
    nl: 'de ingebouwde bron van de API en imports heeft geen sleutel om in te trekken',
    da: 'den indbyggede kilde til API og import har ingen nøgle at tilbagekalde',
  },
  usage_key_unknown: {
    en: 'this source has sent no such key',
    nl: 'deze bron heeft zo’n sleutel niet gestuurd',
    da: 'denne kilde har ikke sendt en sådan nøgle',
  },
  usage_event_not_object: { en: 'must be a JSON object', nl: 'moet een JSON-object zijn', da: 'skal være et JSON-objekt' },
  usage_event_bad_id: {
    en: 'must be a string of at most 200 characters',
    nl: 'moet een tekst van hoogstens 200 tekens zijn',
    da: 'skal være en tekst på højst 200 tegn',
  },
  usage_event_bad_type: {
    en: 'must be track, identify, group, page, screen or alias',
    nl: 'moet track, identify, group, page, screen of alias zijn',
    da: 'skal være track, identify, group, page, screen eller alias',
  },
  usage_event_no_user: {
    en: 'a userId or an anonymousId is required',
    nl: 'een userId of anonymousId is verplicht',
    da: 'et userId eller anonymousId er påkrævet',
  },
  usage_event_no_name: {
    en: 'a track call needs an event name (at most 200 characters)',
    nl: 'een track-aanroep heeft een eventnaam nodig (hoogstens 200 tekens)',
    da: 'et track-kald skal have et hændelsesnavn (højst 200 tegn)',
  },
  usage_event_no_group: {
    en: 'a group call needs a groupId',
    nl: 'een group-aanroep heeft een groupId nodig',
    da: 'et group-kald skal have et groupId',
  },
  usage_event_no_previous: {
    en: 'an alias call needs a previousId',
    nl: 'een alias-aanroep heeft een previousId nodig',
    da: 'et alias-kald skal have et previousId',
  },
  usage_event_bad_timestamp: {
    en: 'must be an ISO 8601 date and time',
    nl: 'moet een ISO 8601-datum en -tijd zijn',
    da: 'skal være en ISO 8601-dato og -tid',
  },
  usage_event_timestamp_range: {
    en: 'must lie between the year 2000 and one day from now',
    nl: 'moet tussen het jaar 2000 en één dag vanaf nu liggen',
    da: 'skal ligge mellem år 2000 og én dag fra nu',
  },
  usage_event_too_large: {
    en: 'the event is larger than 32 KB',
    nl: 'het event is groter dan 32 KB',
    da: 'hændelsen er større end 32 KB',
  },
  usage_event_account_unknown: {
    en: 'no account has this id or external id',
    nl: 'geen account heeft dit id of externe id',
    da: 'ingen konto har dette id eller eksterne id',
  },
  usage_event_no_account: {
    en: 'give accountId or accountExternalId',
    nl: 'geef accountId of accountExternalId',
    da: 'angiv accountId eller accountExternalId',
  },
});
