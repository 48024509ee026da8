import { defineMessages } from '../../platform/messages.ts';

/** What the health module tells a user, in every UI language. The codes are part of the API: keep them. */
export const healthMessages = defineMessages({
  health_yellow_above_red: {
    en: 'must be above the red band’s upper bound',
    nl: 'moet boven de bovengrens van rood liggen',
    da: 'skal ligge over den røde grænse',
  },
  health_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
  health_unknown_measure: {
    en: 'there is no measure "{source}"',
    nl: 'er is geen meetwaarde "{source}"',
    da: 'der er ingen måling "{source}"',
  },
  health_measure_kind: {
    en: 'the measure "{source}" takes {kind} thresholds',
    nl: 'de meetwaarde "{source}" gebruikt drempels van het soort {kind}',
    da: 'målingen "{source}" bruger tærskler af typen {kind}',
  },
  health_segment_taken: {
    en: 'another scorecard already scores this segment',
    nl: 'een andere scorekaart scoort dit segment al',
    da: 'et andet scorekort scorer allerede dette segment',
  },
  health_default_segment: {
    en: 'the default scorecard has no segment',
    nl: 'de standaardscorekaart heeft geen segment',
    da: 'standardscorekortet har intet segment',
  },
  health_segment_required: {
    en: 'a new scorecard needs a segment (the default scorecard scores every other account)',
    nl: 'een nieuwe scorekaart heeft een segment nodig (de standaardscorekaart scoort alle andere accounts)',
    da: 'et nyt scorekort skal have et segment (standardscorekortet scorer alle andre konti)',
  },
  health_unknown_field: {
    en: 'there is no account field "{field}" (give a custom field key, or churned)',
    nl: 'er is geen accountveld "{field}" (geef de sleutel van een eigen veld, of churned)',
    da: 'der er intet kontofelt "{field}" (angiv nøglen for et brugerdefineret felt eller churned)',
  },
  health_split_both: {
    en: 'give a test field or a test share, not both',
    nl: 'geef een testveld of een testaandeel, niet beide',
    da: 'angiv et testfelt eller en testandel, ikke begge',
  },
  health_save_needs_fit: {
    en: 'saving needs fit',
    nl: 'opslaan kan alleen met fit',
    da: 'gemning kræver fit',
  },
});
