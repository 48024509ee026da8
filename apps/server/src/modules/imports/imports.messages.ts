import { matchMessage, type TApiLanguage } from '../../platform/http/validation-i18n.ts';
import { defineMessages, findMessage, renderCode } from '../../platform/messages.ts';
import { choiceLabelsIn } from './imports.choices.ts';

/**
 * The import's own messages in every UI language, by code (the codes are part of the API: error details and
 * row errors carry them). Answers of the routes (the file, the mapping, the import's status) and what can be
 * wrong with a row. A row error is stored with its code and `{name}` values (and its English text, for API
 * clients without Accept-Language and for the CSV), so the list is shown in the reader's language.
 */
export const importMessages = defineMessages({
  // The uploaded file and the form
  file_empty: { en: 'is empty', nl: 'is leeg', da: 'er tom' },
  file_old_excel: {
    en: 'is an old Excel (.xls) or a password-protected workbook; save it as .xlsx or CSV',
    nl: 'is een oud Excel-bestand (.xls) of een met een wachtwoord beveiligde werkmap; sla het op als .xlsx of CSV',
    da: 'er en gammel Excel-fil (.xls) eller en adgangskodebeskyttet projektmappe; gem den som .xlsx eller CSV',
  },
  file_not_supported: {
    en: 'must be a CSV or .xlsx file',
    nl: 'moet een CSV- of .xlsx-bestand zijn',
    da: 'skal være en CSV- eller .xlsx-fil',
  },
  file_binary: {
    en: 'must be a CSV or .xlsx file (this looks like a binary file)',
    nl: 'moet een CSV- of .xlsx-bestand zijn (dit lijkt een binair bestand)',
    da: 'skal være en CSV- eller .xlsx-fil (det ligner en binær fil)',
  },
  file_too_many_columns: {
    en: 'has {count} columns; at most {max} are supported',
    nl: 'heeft {count} kolommen; er worden hoogstens {max} ondersteund',
    da: 'har {count} kolonner; højst {max} understøttes',
  },
  file_unreadable_xlsx: { en: 'is not a readable .xlsx file', nl: 'is geen leesbaar .xlsx-bestand', da: 'er ikke en læsbar .xlsx-fil' },
  file_unreadable_csv: { en: 'could not be read as CSV', nl: 'kon niet als CSV worden gelezen', da: 'kunne ikke læses som CSV' },
  file_no_header: { en: 'has no header row', nl: 'heeft geen kopregel', da: 'har ingen overskriftsrække' },
  file_no_rows: {
    en: 'has no data rows below the header',
    nl: 'heeft geen gegevensregels onder de kopregel',
    da: 'har ingen datarækker under overskriften',
  },
  file_too_large: {
    en: 'is larger than the upload limit (50 MB)',
    nl: 'is groter dan de uploadlimiet (50 MB)',
    da: 'er større end uploadgrænsen (50 MB)',
  },
  unexpected_file: {
    en: 'unexpected file; send the file in the field "file"',
    nl: 'onverwacht bestand; stuur het bestand in het veld "file"',
    da: 'uventet fil; send filen i feltet "file"',
  },
  unexpected_form_field: {
    en: 'is not a field of this form (send "entity" and "file")',
    nl: 'is geen veld van dit formulier (stuur "entity" en "file")',
    da: 'er ikke et felt i denne formular (send "entity" og "file")',
  },
  subscription_option_only: {
    en: 'only an import of subscriptions takes this field',
    nl: 'alleen een import van abonnementen kent dit veld',
    da: 'kun en import af abonnementer har dette felt',
  },

  // The import's status
  import_mapping_locked: {
    en: 'the import is {status}; its mapping can no longer change',
    nl: 'de import heeft de status {status}; de koppeling kan niet meer veranderen',
    da: 'importen har status {status}; tilknytningen kan ikke længere ændres',
  },
  import_running: { en: 'the import is already running', nl: 'de import loopt al', da: 'importen kører allerede' },
  import_not_validated: {
    en: 'the import is {status}; it can start once validated',
    nl: 'de import heeft de status {status}; hij kan starten zodra hij gecontroleerd is',
    da: 'importen har status {status}; den kan starte, når den er kontrolleret',
  },
  import_has_errors: {
    en: '{errors} of {total} rows have errors, so nothing would be imported; fix them, or choose skip_invalid to import the {valid} valid rows',
    nl: '{errors} van de {total} rijen bevatten fouten, dus er zou niets worden geïmporteerd; los ze op, of kies skip_invalid om de {valid} geldige rijen te importeren',
    da: '{errors} af {total} rækker har fejl, så intet ville blive importeret; ret dem, eller vælg skip_invalid for at importere de {valid} gyldige rækker',
  },
  import_nothing_valid: {
    en: 'no row is valid, so there is nothing to import',
    nl: 'geen enkele rij is geldig, dus er is niets te importeren',
    da: 'ingen række er gyldig, så der er intet at importere',
  },
  import_not_discardable: {
    en: 'the import is {status}; only an import that has not started can be discarded',
    nl: 'de import heeft de status {status}; alleen een import die nog niet begonnen is kan worden weggegooid',
    da: 'importen har status {status}; kun en import, der ikke er startet, kan kasseres',
  },
  // The mapping
  mapping_unknown_column: { en: 'is not a column of the file', nl: 'is geen kolom van het bestand', da: 'er ikke en kolonne i filen' },
  mapping_unknown_target: {
    en: '"{target}" is not a field that can be imported',
    nl: '"{target}" is geen veld dat kan worden geïmporteerd',
    da: '"{target}" er ikke et felt, der kan importeres',
  },
  mapping_duplicate_target: {
    en: '"{target}" is already mapped from column "{column}"',
    nl: '"{target}" is al gekoppeld aan kolom "{column}"',
    da: '"{target}" er allerede knyttet til kolonnen "{column}"',
  },
  mapping_required_target: {
    en: 'map a column to "{key}" ({label}); it is required',
    nl: 'koppel een kolom aan "{key}" ({label}); dit veld is verplicht',
    da: 'knyt en kolonne til "{key}" ({label}); feltet er påkrævet',
  },
  mapping_contact_account: {
    en: 'map a column to "accountExternalId" or "accountDomain", so each contact finds its account',
    nl: 'koppel een kolom aan "accountExternalId" of "accountDomain", zodat elke contactpersoon zijn account vindt',
    da: 'knyt en kolonne til "accountExternalId" eller "accountDomain", så hver kontakt finder sin konto',
  },
  import_own_accounts_only: {
    en: 'Users limited to their own accounts cannot run imports',
    nl: 'Gebruikers die alleen hun eigen accounts zien, kunnen geen imports uitvoeren',
    da: 'Brugere, der kun ser deres egne konti, kan ikke køre importer',
  },
  // Rows
  too_many_tags: { en: 'at most {max} tags', nl: 'hoogstens {max} tags', da: 'højst {max} tags' },
  invalid_tag: {
    en: '"{tag}" is not a valid tag (1–50 characters)',
    nl: '"{tag}" is geen geldige tag (1–50 tekens)',
    da: '"{tag}" er ikke et gyldigt tag (1–50 tegn)',
  },
  not_a_contact_role: {
    en: '"{role}" is not a role; use: {roles}',
    nl: '"{role}" is geen rol; gebruik: {roles}',
    da: '"{role}" er ikke en rolle; brug: {roles}',
  },
  number_between: {
    en: 'must be between {min} and {max}',
    nl: 'moet tussen {min} en {max} liggen',
    da: 'skal være mellem {min} og {max}',
  },
  date_not_existing: { en: 'must be an existing date', nl: 'moet een bestaande datum zijn', da: 'skal være en dato, der findes' },
  http_address: { en: 'must be an http(s) address', nl: 'moet een http(s)-adres zijn', da: 'skal være en http(s)-adresse' },
  unknown_market_use: {
    en: 'no such market; use one of: {codes}',
    nl: 'deze markt bestaat niet; gebruik een van: {codes}',
    da: 'dette marked findes ikke; brug et af: {codes}',
  },
  no_markets: {
    en: 'no markets are set up in this organisation',
    nl: 'in deze organisatie zijn geen markten ingesteld',
    da: 'der er ikke oprettet markeder i denne organisation',
  },
  user_name_ambiguous: {
    en: 'several users have this name; use the e-mail address',
    nl: 'meerdere gebruikers hebben deze naam; gebruik het e-mailadres',
    da: 'flere brugere har dette navn; brug e-mailadressen',
  },
  unknown_user_email: {
    en: 'no user with this e-mail address in this organisation',
    nl: 'geen gebruiker met dit e-mailadres in deze organisatie',
    da: 'ingen bruger med denne e-mailadresse i denne organisation',
  },
  user_disabled: { en: 'this user is disabled', nl: 'deze gebruiker is uitgeschakeld', da: 'denne bruger er deaktiveret' },
  same_external_id_as_row: {
    en: 'row {row} has the same external id',
    nl: 'rij {row} heeft hetzelfde externe id',
    da: 'række {row} har samme eksterne id',
  },
  same_domain_as_row: { en: 'row {row} has the same domain', nl: 'rij {row} heeft hetzelfde domein', da: 'række {row} har samme domæne' },
  same_account_as_row: {
    en: 'row {row} already updates the same account',
    nl: 'rij {row} werkt hetzelfde account al bij',
    da: 'række {row} opdaterer allerede den samme konto',
  },
  domain_of_other_account: {
    en: 'another account (external id {externalId}) has this domain',
    nl: 'een ander account (extern id {externalId}) heeft dit domein',
    da: 'en anden konto (eksternt id {externalId}) har dette domæne',
  },
  domain_of_account_without_id: {
    en: 'another account (without an external id) has this domain',
    nl: 'een ander account (zonder extern id) heeft dit domein',
    da: 'en anden konto (uden eksternt id) har dette domæne',
  },
  domain_account_other_id: {
    en: 'the account with this domain has another external id ({externalId})',
    nl: 'het account met dit domein heeft een ander extern id ({externalId})',
    da: 'kontoen med dette domæne har et andet eksternt id ({externalId})',
  },
  contact_account_required: {
    en: "is required: name the contact's account by its external id or domain",
    nl: 'is verplicht: geef het account van de contactpersoon aan met zijn externe id of domein',
    da: 'er påkrævet: angiv kontaktens konto med dens eksterne id eller domæne',
  },
  no_account_with_external_id: {
    en: 'no account has this external id',
    nl: 'geen enkel account heeft dit externe id',
    da: 'ingen konto har dette eksterne id',
  },
  no_account_with_domain: {
    en: 'no account has this domain',
    nl: 'geen enkel account heeft dit domein',
    da: 'ingen konto har dette domæne',
  },
  account_domain_mismatch: {
    en: 'belongs to another account than the account external id',
    nl: 'hoort bij een ander account dan het externe id van het account',
    da: 'hører til en anden konto end kontoens eksterne id',
  },
  same_contact_email_as_row: {
    en: 'row {row} has the same e-mail for the same account',
    nl: 'rij {row} heeft hetzelfde e-mailadres bij hetzelfde account',
    da: 'række {row} har samme e-mail på samme konto',
  },
  contact_email_of_other: {
    en: 'another contact of this account has this e-mail',
    nl: 'een andere contactpersoon van dit account heeft dit e-mailadres',
    da: 'en anden kontakt på denne konto har denne e-mail',
  },
  contact_email_other_id: {
    en: 'the contact with this e-mail has another external id ({externalId})',
    nl: 'de contactpersoon met dit e-mailadres heeft een ander extern id ({externalId})',
    da: 'kontakten med denne e-mail har et andet eksternt id ({externalId})',
  },
  same_contact_as_row: {
    en: 'row {row} already updates the same contact',
    nl: 'rij {row} werkt dezelfde contactpersoon al bij',
    da: 'række {row} opdaterer allerede den samme kontakt',
  },
  kept_on_undo: {
    en: 'Not undone: someone changed this record after the import wrote it, so it keeps that change and the imported values',
    nl: 'Niet teruggedraaid: iemand heeft dit record gewijzigd nadat de import het schreef, dus het houdt die wijziging en de geïmporteerde waarden',
    da: 'Ikke fortrudt: nogen ændrede posten, efter importen skrev den, så den beholder ændringen og de importerede værdier',
  },
  no_account_with_customer_id: {
    en: 'no account has this external id (choose "create missing accounts" to create one)',
    nl: 'geen enkel account heeft dit externe id (kies "ontbrekende accounts aanmaken" om er een aan te maken)',
    da: 'ingen konto har dette eksterne id (vælg "opret manglende konti" for at oprette en)',
  },
  unknown_cancel_reason: {
    en: 'no cancel reason of the organisation is called "{value}" (choose "create missing reasons" to add it)',
    nl: 'geen enkele opzegreden van de organisatie heet "{value}" (kies "ontbrekende redenen aanmaken" om hem toe te voegen)',
    da: 'ingen opsigelsesårsag i organisationen hedder "{value}" (vælg "opret manglende årsager" for at tilføje den)',
  },
  unknown_plan_code: {
    en: 'no plan of the catalogue has this code',
    nl: 'geen enkel plan in de catalogus heeft deze code',
    da: 'ingen plan i kataloget har denne kode',
  },
  amount_not_negative: { en: 'must be 0 or more', nl: 'moet 0 of meer zijn', da: 'skal være 0 eller mere' },
  end_after_start: {
    en: 'must be after the start date ({start})',
    nl: 'moet na de begindatum ({start}) liggen',
    da: 'skal ligge efter startdatoen ({start})',
  },
  currency_code: {
    en: 'must be a three-letter currency code such as EUR',
    nl: 'moet een valutacode van drie letters zijn, zoals EUR',
    da: 'skal være en valutakode på tre bogstaver, f.eks. EUR',
  },
  not_a_choice: {
    en: 'must be one of these: {labels}',
    nl: 'moet een van deze zijn: {labels}',
    da: 'skal være en af: {labels}',
  },
});

/** Codes of other catalogues a row problem may carry: the API's own wording of the same checks. */
export const SHARED_ROW_CODES = [
  'is_required',
  'email_format',
  'web_address',
  'not_an_option',
  'not_whole_number',
  'not_a_number',
  'not_a_date',
  'text_too_long',
  'domain_format',
  'phone_format',
] as const;
export type TRowMessageCode = keyof typeof importMessages | (typeof SHARED_ROW_CODES)[number];

export const isRowMessageCode = (code: string): code is TRowMessageCode => findMessage(code) !== undefined;

/** A row error's text in `lang` from its code and values. */
export const renderRowMessage = (code: TRowMessageCode, lang: TApiLanguage, params: Record<string, string> = {}) =>
  renderCode(code, lang, params) ?? code;

export const matchRowMessage = (english: string) => matchMessage(english);

/** A row error as a reader of `lang` sees it: stored code first, else its English text matched to the catalogue, else as stored. */
export function localiseRowError<E extends { code: string | null; params: Record<string, string> | null; message: string }>(
  e: E,
  lang: TApiLanguage,
): Omit<E, 'code' | 'params'> & { code: string; params: Record<string, string> } {
  const known = e.code && isRowMessageCode(e.code) ? { code: e.code, values: e.params ?? {} } : matchRowMessage(e.message);
  if (!known) return { ...e, code: e.code ?? 'invalid', params: e.params ?? {} };
  // A choice's labels are named in the reader's language (stored: its field, and the English labels).
  const labels = known.values.choice ? choiceLabelsIn(known.values, lang) : undefined;
  const values = labels === undefined ? known.values : { ...known.values, labels, roles: labels };
  return {
    ...e,
    code: known.code,
    params: known.values,
    message: lang === 'en' ? e.message : (renderCode(known.code, lang, values) ?? e.message),
  };
}
