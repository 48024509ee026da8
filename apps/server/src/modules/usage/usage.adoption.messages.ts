import { defineMessages } from '../../platform/messages.ts';

/** What adoption tells a user, in every UI language. The codes are part of the API: keep them. */
export const adoptionMessages = defineMessages({
  usage_plan_unknown: { en: 'no plan has this id', nl: 'geen plan heeft dit id', da: 'ingen plan har dette id' },
  usage_key_feature_twice: {
    en: 'this feature is listed twice for the same plan',
    nl: 'deze functie staat twee keer bij hetzelfde plan',
    da: 'denne funktion står to gange for samme plan',
  },
  usage_range_order: {
    en: 'must not be before the start of the range',
    nl: 'mag niet vóór het begin van de periode liggen',
    da: 'må ikke ligge før periodens start',
  },
  usage_range_too_long: {
    en: 'a range of at most 400 days',
    nl: 'een periode van hoogstens 400 dagen',
    da: 'en periode på højst 400 dage',
  },
});
