import { defineMessages } from '../../platform/messages.ts';

/** What the journeys module tells a user, in every UI language. The codes are part of the API: keep them. */
export const journeysMessages = defineMessages({
  journey_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
  journey_unknown_template: {
    en: 'no journey template of this organisation has this id',
    nl: 'geen reissjabloon van deze organisatie heeft dit id',
    da: 'ingen rejseskabelon i denne organisation har dette id',
  },
  journey_template_default_archived: {
    en: 'the default journey template cannot be archived; make another the default first',
    nl: 'het standaard reissjabloon kan niet worden gearchiveerd; maak eerst een ander de standaard',
    da: 'standardrejseskabelonen kan ikke arkiveres; gør først en anden til standard',
  },
  journey_template_name_taken: {
    en: 'another journey template has this name',
    nl: 'een ander reissjabloon heeft deze naam',
    da: 'en anden rejseskabelon har dette navn',
  },
  journey_milestone_key_twice: {
    en: 'two milestones have the key {key}',
    nl: 'twee mijlpalen hebben de sleutel {key}',
    da: 'to milepæle har nøglen {key}',
  },
  journey_duration_too_long: {
    en: 'a milestone cannot run longer than the weeks up to its due week ({week})',
    nl: 'een mijlpaal kan niet langer lopen dan de weken tot zijn week ({week})',
    da: 'en milepæl kan ikke løbe længere end ugerne frem til dens uge ({week})',
  },
  journey_not_active: {
    en: 'this journey has ended; start a new one to change it',
    nl: 'deze reis is afgelopen; start een nieuwe om iets te wijzigen',
    da: 'denne rejse er afsluttet; start en ny for at ændre den',
  },
  journey_unknown_owner: {
    en: 'no active person of this organisation has this id',
    nl: 'geen actieve persoon van deze organisatie heeft dit id',
    da: 'ingen aktiv person i denne organisation har dette id',
  },
});
