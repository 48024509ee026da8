import { defineMessages } from '../../platform/messages.ts';

/** The custom-field messages a client may see, in every UI language (codes are part of the API). */
export const customFieldMessages = defineMessages({
  key_format: {
    en: 'must be lowercase letters, digits and _, starting with a letter (max 40)',
    nl: 'moet bestaan uit kleine letters, cijfers en _ en met een letter beginnen (max. 40)',
    da: 'skal bestå af små bogstaver, cifre og _ og starte med et bogstav (maks. 40)',
  },
  unknown_custom_field: {
    en: 'is not a custom field of this organisation',
    nl: 'is geen eigen veld van deze organisatie',
    da: 'er ikke et eget felt i denne organisation',
  },
  choice_needs_option: {
    en: 'a choice field needs at least one option',
    nl: 'een keuzeveld heeft minstens één optie nodig',
    da: 'et valgfelt skal have mindst én mulighed',
  },
  custom_field_key_taken: {
    en: 'a {entity} field with this key already exists',
    nl: 'er bestaat al een veld voor {entity} met deze sleutel',
    da: 'der findes allerede et felt til {entity} med denne nøgle',
  },
});
