import { defineMessages } from '../../platform/messages.ts';

/** What the success-plans module tells a user, in every UI language. The codes are part of the API: keep them. */
export const successPlansMessages = defineMessages({
  success_plan_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
  success_objective_source_key_required: {
    en: 'name the usage event or custom field this objective is measured by',
    nl: 'noem de gebruiksgebeurtenis of het eigen veld waarmee dit doel gemeten wordt',
    da: 'angiv den brugshændelse eller det brugerdefinerede felt, målet måles med',
  },
  success_objective_custom_field_unknown: {
    en: 'there is no number field "{key}" on accounts',
    nl: 'er is geen getalveld "{key}" bij accounts',
    da: 'der er intet talfelt "{key}" på konti',
  },
  success_objective_not_linked: {
    en: 'this objective is measured by hand; record its progress instead',
    nl: 'dit doel wordt met de hand gemeten; leg de voortgang vast',
    da: 'dette mål måles manuelt; registrér fremskridtet i stedet',
  },
  success_objective_no_value: {
    en: 'the account has no number in "{key}" yet',
    nl: 'het account heeft nog geen getal in "{key}"',
    da: 'kontoen har endnu intet tal i "{key}"',
  },
  success_value_objective_elsewhere: {
    en: 'the objective belongs to another account',
    nl: 'het doel hoort bij een ander account',
    da: 'målet hører til en anden konto',
  },
  success_progress_in_future: {
    en: 'a measurement cannot be dated in the future',
    nl: 'een meting kan niet in de toekomst liggen',
    da: 'en måling kan ikke dateres i fremtiden',
  },
});
