import type { TApiLanguage } from '../../platform/http/validation-i18n.ts';
import type { TCatalogueEntry } from '../../platform/messages.ts';
import type { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../accounts/index.ts';
import type { CONTACT_ROLES } from '../contacts/index.ts';
import type { CONTACT_LANGUAGES } from './imports.fields.ts';

/**
 * The labels the web UI shows for every choice, in its three languages (the same words as apps/web's i18n
 * files; imports.choices.test.ts checks they are there). A file exported from a spreadsheet someone filled in
 * by looking at the UI says 'Small business' or 'Klein bedrijf', not `smb`: imports accept both.
 */
type TLabels<V extends string> = Record<V, TCatalogueEntry>;

export const CHOICE_LABELS: {
  segment: TLabels<(typeof SEGMENTS)[number]>;
  edition: TLabels<(typeof EDITIONS)[number]>;
  lifecycleStage: TLabels<(typeof LIFECYCLE_STAGES)[number]>;
  roles: TLabels<(typeof CONTACT_ROLES)[number]>;
  language: TLabels<(typeof CONTACT_LANGUAGES)[number]>;
} = {
  segment: {
    enterprise: { en: 'Enterprise', nl: 'Enterprise', da: 'Enterprise' },
    mid_market: { en: 'Mid-market', nl: 'Middelgroot', da: 'Mellemstor' },
    smb: { en: 'Small business', nl: 'Klein bedrijf', da: 'Lille virksomhed' },
  },
  edition: {
    self_service: { en: 'Self-service', nl: 'Self-service', da: 'Selvbetjening' },
    professional: { en: 'Professional', nl: 'Professional', da: 'Professional' },
    enterprise: { en: 'Enterprise', nl: 'Enterprise', da: 'Enterprise' },
  },
  lifecycleStage: {
    trial: { en: 'Trial', nl: 'Proefperiode', da: 'Prøveperiode' },
    onboarding: { en: 'Onboarding', nl: 'Onboarding', da: 'Onboarding' },
    adoption: { en: 'Adoption', nl: 'Adoptie', da: 'Ibrugtagning' },
    renewal: { en: 'Renewal', nl: 'Verlenging', da: 'Fornyelse' },
    at_risk: { en: 'At risk', nl: 'Risico', da: 'I risiko' },
    churned: { en: 'Churned', nl: 'Opgezegd', da: 'Opsagt' },
  },
  roles: {
    champion: { en: 'Champion', nl: 'Champion', da: 'Champion' },
    decision_maker: { en: 'Decision maker', nl: 'Beslisser', da: 'Beslutningstager' },
    billing: { en: 'Billing', nl: 'Facturatie', da: 'Fakturering' },
    technical: { en: 'Technical', nl: 'Technisch', da: 'Teknisk' },
    user: { en: 'User', nl: 'Gebruiker', da: 'Bruger' },
    executive_sponsor: { en: 'Executive sponsor', nl: 'Executive sponsor', da: 'Executive sponsor' },
  },
  language: {
    en: { en: 'English', nl: 'English', da: 'English' },
    nl: { en: 'Nederlands', nl: 'Nederlands', da: 'Nederlands' },
    da: { en: 'Dansk', nl: 'Dansk', da: 'Dansk' },
    de: { en: 'German', nl: 'Duits', da: 'Tysk' },
    fr: { en: 'French', nl: 'Frans', da: 'Fransk' },
    sv: { en: 'Swedish', nl: 'Zweeds', da: 'Svensk' },
    no: { en: 'Norwegian', nl: 'Noors', da: 'Norsk' },
    fi: { en: 'Finnish', nl: 'Fins', da: 'Finsk' },
    es: { en: 'Spanish', nl: 'Spaans', da: 'Spansk' },
    it: { en: 'Italian', nl: 'Italiaans', da: 'Italiensk' },
  },
};

export type TChoiceField = keyof typeof CHOICE_LABELS;
export const isChoiceField = (field: string): field is TChoiceField => Object.hasOwn(CHOICE_LABELS, field);

/** Every label of a choice field in every language → its value, for the parser. */
export function labelAliases(field: TChoiceField): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [value, labels] of Object.entries(CHOICE_LABELS[field]) as [string, TCatalogueEntry][]) {
    for (const label of [labels.en, labels.nl, labels.da]) out[label] = value;
  }
  return out;
}

/** 'Small business (smb), Mid-market (mid_market), …': the labels a reader of `lang` sees, each with its code. */
export function choiceLabels(field: TChoiceField, lang: TApiLanguage): string {
  return (Object.entries(CHOICE_LABELS[field]) as [string, TCatalogueEntry][])
    .map(([value, labels]) => (labels[lang].toLowerCase() === value ? labels[lang] : `${labels[lang]} (${value})`))
    .join(', ');
}

/** The `{labels}` of a stored not_a_choice error in `lang`: from its field when known, else as stored. */
export const choiceLabelsIn = (params: Record<string, string>, lang: TApiLanguage) =>
  params.choice && isChoiceField(params.choice) ? choiceLabels(params.choice, lang) : (params.labels ?? '');
