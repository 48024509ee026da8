import { createCatalogue, type TApiLanguage } from '../../platform/http/validation-i18n.ts';
import { MESSAGES, type TCatalogueEntry } from '../../platform/http/validation-messages.ts';
import { accountMessages } from '../accounts/index.ts';

/**
 * What can be wrong with a row of an import, in every UI language. A row error is stored with its code
 * and `{name}` values (and its English text, for API clients without Accept-Language and for the CSV),
 * so the list can be shown in the reader's language. Messages shared with the API (is required, must be
 * a number, …) come from the platform catalogue; these are the import's own.
 */
export const ROW_MESSAGES = {
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
} as const satisfies Record<string, TCatalogueEntry>;

const ALL = { ...MESSAGES, ...accountMessages, ...ROW_MESSAGES };
export type TRowMessageCode = keyof typeof ALL;
const catalogue = createCatalogue<TRowMessageCode>(ALL);

export const isRowMessageCode = (code: string): code is TRowMessageCode => Object.hasOwn(ALL, code);

/** A row error's text in `lang` from its code and values. */
export const renderRowMessage = (code: TRowMessageCode, lang: TApiLanguage, params: Record<string, string> = {}) =>
  catalogue.render(code, lang, params);

/** The code and values of an English row message: for problems that arrive as text (custom fields) and for rows stored before codes. */
export const matchRowMessage = (english: string) => catalogue.match(english);

/** A row error as a reader of `lang` sees it: stored code first, else its English text matched to the catalogue, else as stored. */
export function localiseRowError<E extends { code: string | null; params: Record<string, string> | null; message: string }>(
  e: E,
  lang: TApiLanguage,
): Omit<E, 'code' | 'params'> & { code: string; params: Record<string, string> } {
  const known = e.code && isRowMessageCode(e.code) ? { code: e.code, values: e.params ?? {} } : matchRowMessage(e.message);
  if (!known) return { ...e, code: e.code ?? 'invalid', params: e.params ?? {} };
  return {
    ...e,
    code: known.code,
    params: known.values,
    message: lang === 'en' ? e.message : renderRowMessage(known.code, lang, known.values),
  };
}
