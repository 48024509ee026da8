import { defineMessages } from '../../platform/messages.ts';

/** What the playbooks module tells a user, in every UI language. The codes are part of the API: keep them. */
export const playbooksMessages = defineMessages({
  playbook_unknown_field: {
    en: 'there is no custom account field "{field}"',
    nl: 'er is geen eigen accountveld "{field}"',
    da: 'der er intet brugerdefineret kontofelt "{field}"',
  },
  playbook_condition_value: {
    en: 'give a value to compare with',
    nl: 'geef een waarde om mee te vergelijken',
    da: 'angiv en værdi at sammenligne med',
  },
  playbook_field_value: {
    en: 'must be one of: {values}',
    nl: 'moet een van deze zijn: {values}',
    da: 'skal være en af: {values}',
  },
});
