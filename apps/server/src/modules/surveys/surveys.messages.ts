import { defineMessages } from '../../platform/messages.ts';

/** What the surveys module tells a user, in every UI language. The codes are part of the API: keep them. */
export const surveysMessages = defineMessages({
  survey_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
  survey_score_out_of_range: {
    en: 'must be a whole number from {min} to {max} for this survey',
    nl: 'moet voor deze enquête een geheel getal van {min} tot en met {max} zijn',
    da: 'skal for denne undersøgelse være et helt tal fra {min} til {max}',
  },
  survey_respondent_required: {
    en: 'give the contact or the account that answered',
    nl: 'geef het contact of het account dat antwoordde',
    da: 'angiv kontakten eller kontoen, der svarede',
  },
  survey_contact_unknown: {
    en: 'is not a contact of this organisation',
    nl: 'is geen contact van deze organisatie',
    da: 'er ikke en kontakt i denne organisation',
  },
  survey_contact_other_account: {
    en: 'the contact belongs to another account',
    nl: 'het contact hoort bij een ander account',
    da: 'kontakten hører til en anden konto',
  },
  survey_answer_in_future: {
    en: 'cannot be in the future',
    nl: 'kan niet in de toekomst liggen',
    da: 'kan ikke ligge i fremtiden',
  },
  survey_range_backwards: {
    en: 'must be on or before "to"',
    nl: 'moet op of vóór "to" liggen',
    da: 'skal ligge på eller før "to"',
  },
  survey_csv_missing_column: {
    en: 'the file has no {column} column (the first row must name the columns)',
    nl: 'het bestand heeft geen kolom {column} (de eerste rij moet de kolommen benoemen)',
    da: 'filen har ingen kolonne {column} (første række skal navngive kolonnerne)',
  },
  survey_csv_no_respondent_column: {
    en: 'the file needs an account or a contact_email column',
    nl: 'het bestand heeft een kolom account of contact_email nodig',
    da: 'filen skal have en kolonne account eller contact_email',
  },
  survey_csv_no_rows: {
    en: 'the file has no rows below its header',
    nl: 'het bestand heeft geen rijen onder de kopregel',
    da: 'filen har ingen rækker under overskriften',
  },
  survey_csv_not_text: {
    en: 'upload a CSV file (comma, semicolon or tab separated, UTF-8)',
    nl: 'upload een CSV-bestand (gescheiden door komma, puntkomma of tab, UTF-8)',
    da: 'upload en CSV-fil (adskilt med komma, semikolon eller tabulator, UTF-8)',
  },
  survey_csv_unexpected_field: {
    en: 'is not a field of this form (send only "file")',
    nl: 'is geen veld van dit formulier (stuur alleen "file")',
    da: 'er ikke et felt i denne formular (send kun "file")',
  },
  survey_csv_too_large: {
    en: 'is larger than the upload limit: split the file',
    nl: 'is groter dan de uploadlimiet: splits het bestand',
    da: 'er større end uploadgrænsen: del filen op',
  },
  survey_csv_unknown_account: {
    en: 'matches no account (by external id or name) and no contact (by e-mail)',
    nl: 'komt met geen account (op extern id of naam) en geen contact (op e-mail) overeen',
    da: 'matcher ingen konto (på eksternt id eller navn) og ingen kontakt (på e-mail)',
  },
  survey_csv_bad_score: {
    en: 'is not a whole number in the survey’s range',
    nl: 'is geen geheel getal binnen het bereik van de enquête',
    da: 'er ikke et helt tal inden for undersøgelsens interval',
  },
  survey_csv_bad_date: {
    en: 'is not a date (use 2026-03-31 or 2026-03-31 14:05)',
    nl: 'is geen datum (gebruik 2026-03-31 of 2026-03-31 14:05)',
    da: 'er ikke en dato (brug 2026-03-31 eller 2026-03-31 14:05)',
  },
});
