import { defineMessages } from '../../platform/messages.ts';

/** What the usage CSV import tells a user, in every UI language. The codes are part of the API: keep them. */
export const usageCsvMessages = defineMessages({
  usage_csv_missing_column: {
    en: 'the file has no {column} column (the first row must name the columns)',
    nl: 'het bestand heeft geen kolom {column} (de eerste rij moet de kolommen benoemen)',
    da: 'filen har ingen kolonne {column} (første række skal navngive kolonnerne)',
  },
  usage_csv_no_account_column: {
    en: 'the file needs an account_id or account_external_id column',
    nl: 'het bestand heeft een kolom account_id of account_external_id nodig',
    da: 'filen skal have en kolonne account_id eller account_external_id',
  },
  usage_csv_no_rows: {
    en: 'the file has no rows below its header',
    nl: 'het bestand heeft geen rijen onder de kopregel',
    da: 'filen har ingen rækker under overskriften',
  },
  usage_csv_not_text: {
    en: 'upload a CSV file (comma, semicolon or tab separated, UTF-8)',
    nl: 'upload een CSV-bestand (gescheiden door komma, puntkomma of tab, UTF-8)',
    da: 'upload en CSV-fil (adskilt med komma, semikolon eller tabulator, UTF-8)',
  },
  usage_csv_unexpected_field: {
    en: 'is not a field of this form (send only "file")',
    nl: 'is geen veld van dit formulier (stuur alleen "file")',
    da: 'er ikke et felt i denne formular (send kun "file")',
  },
  usage_csv_too_large: {
    en: 'is larger than the upload limit (50 MB): split the file',
    nl: 'is groter dan de uploadlimiet (50 MB): splits het bestand',
    da: 'er større end uploadgrænsen (50 MB): del filen op',
  },
  usage_csv_bad_value: {
    en: 'is not valid here (at most 200 characters; an account id must be a UUID)',
    nl: 'is hier niet geldig (hoogstens 200 tekens; een account-id moet een UUID zijn)',
    da: 'er ikke gyldig her (højst 200 tegn; et konto-id skal være et UUID)',
  },
});
