/**
 * The platform's own messages in every UI language, keyed by a stable code: the HTTP layer's, the
 * database constraints', the plain words for zod's common issues, and the few shared by several modules.
 * Each module keeps its own in its `*.messages.ts`; errors carry the code and are rendered by it.
 */
import { defineMessages, registerValueWords, type TCatalogueEntry } from '../messages.ts';

export type { TCatalogueEntry };

export const MESSAGES = defineMessages({
  // platform/http
  body_too_large: { en: 'too large', nl: 'te groot', da: 'for stor' },
  request_too_large: {
    en: 'The request body is too large',
    nl: 'De inhoud van het verzoek is te groot',
    da: 'Forespørgslens indhold er for stort',
  },
  unsupported_media_type: { en: 'unsupported', nl: 'niet ondersteund', da: 'understøttes ikke' },
  unsupported_content_type: {
    en: 'Unsupported content type',
    nl: 'Dit inhoudstype wordt niet ondersteund',
    da: 'Indholdstypen understøttes ikke',
  },
  invalid_json: { en: 'invalid JSON', nl: 'ongeldige JSON', da: 'ugyldig JSON' },
  body_not_json: { en: 'The body is not valid JSON', nl: 'De inhoud is geen geldige JSON', da: 'Indholdet er ikke gyldig JSON' },
  expected_multipart: { en: 'expected multipart/form-data', nl: 'verwacht multipart/form-data', da: 'forventede multipart/form-data' },
  expected_multipart_title: {
    en: 'Expected multipart/form-data',
    nl: 'Verwacht multipart/form-data',
    da: 'Forventede multipart/form-data',
  },
  expected_multipart_upload: {
    en: 'expected a multipart/form-data upload',
    nl: 'verwacht een upload als multipart/form-data',
    da: 'forventede en upload som multipart/form-data',
  },
  send_multipart: {
    en: 'Send the file as multipart/form-data',
    nl: 'Stuur het bestand als multipart/form-data',
    da: 'Send filen som multipart/form-data',
  },
  nul_character: {
    en: 'must not contain the NUL character (\\u0000)',
    nl: 'mag het NUL-teken (\\u0000) niet bevatten',
    da: 'må ikke indeholde NUL-tegnet (\\u0000)',
  },
  lone_surrogate: {
    en: 'must be valid Unicode text (no unpaired surrogate)',
    nl: 'moet geldige Unicode-tekst zijn (geen los surrogaatteken)',
    da: 'skal være gyldig Unicode-tekst (intet uparret surrogattegn)',
  },
  web_address: {
    en: 'must be a web address such as https://example.com',
    nl: 'moet een webadres zijn, zoals https://example.com',
    da: 'skal være en webadresse, f.eks. https://example.com',
  },
  colour: {
    en: 'a colour such as #1c7ed6',
    nl: 'een kleur zoals #1c7ed6',
    da: 'en farve som #1c7ed6',
  },
  duplicate_key: { en: 'appears more than once', nl: 'komt meer dan eens voor', da: 'forekommer mere end én gang' },
  invalid_utf8: { en: 'not valid UTF-8', nl: 'geen geldige UTF-8', da: 'ikke gyldig UTF-8' },
  body_not_utf8: {
    en: 'The body is not valid UTF-8',
    nl: 'De inhoud is geen geldige UTF-8',
    da: 'Indholdet er ikke gyldig UTF-8',
  },
  csrf_mismatch: { en: 'missing or wrong', nl: 'ontbreekt of klopt niet', da: 'mangler eller er forkert' },
  form_field_name_not_allowed: {
    en: 'field names __proto__, constructor and prototype are not allowed',
    nl: 'de veldnamen __proto__, constructor en prototype zijn niet toegestaan',
    da: 'feltnavnene __proto__, constructor og prototype er ikke tilladt',
  },
  // Database constraints (platform/http/error-handler.ts)
  already_in_use: { en: 'already in use', nl: 'is al in gebruik', da: 'er allerede i brug' },
  field_already_in_use: { en: '{field} is already in use', nl: '{field} is al in gebruik', da: '{field} er allerede i brug' },
  does_not_exist: { en: 'does not exist', nl: 'bestaat niet', da: 'findes ikke' },
  field_does_not_exist: {
    en: '{field} refers to something that does not exist',
    nl: '{field} verwijst naar iets dat niet bestaat',
    da: '{field} henviser til noget, der ikke findes',
  },
  required: { en: 'required', nl: 'verplicht', da: 'påkrævet' },
  field_required: { en: '{field} is required', nl: '{field} is verplicht', da: '{field} er påkrævet' },
  invalid_value: { en: 'invalid value', nl: 'ongeldige waarde', da: 'ugyldig værdi' },
  field_unstorable: {
    en: '{field} has a value the database cannot store',
    nl: '{field} heeft een waarde die de database niet kan opslaan',
    da: '{field} har en værdi, som databasen ikke kan gemme',
  },
  // Shared by several modules
  is_required: { en: 'is required', nl: 'is verplicht', da: 'er påkrævet' },
  unknown_market: {
    en: 'no such market in this organisation',
    nl: 'deze markt bestaat niet in deze organisatie',
    da: 'dette marked findes ikke i denne organisation',
  },
  unknown_user: {
    en: 'no such user in this organisation',
    nl: 'deze gebruiker bestaat niet in deze organisatie',
    da: 'denne bruger findes ikke i denne organisation',
  },
  must_be_future: { en: 'must be in the future', nl: 'moet in de toekomst liggen', da: 'skal ligge i fremtiden' },
  not_an_option: { en: 'must be one of: {options}', nl: 'moet een van deze zijn: {options}', da: 'skal være en af: {options}' },
  // values of custom fields (imports and zod use them too)
  not_a_number: { en: 'must be a number', nl: 'moet een getal zijn', da: 'skal være et tal' },
  not_a_date: { en: 'must be a date (YYYY-MM-DD)', nl: 'moet een datum zijn (JJJJ-MM-DD)', da: 'skal være en dato (ÅÅÅÅ-MM-DD)' },
  not_text: { en: 'must be text', nl: 'moet tekst zijn', da: 'skal være tekst' },
  text_too_long: { en: 'must be at most {max} characters', nl: 'mag hoogstens {max} tekens lang zijn', da: 'må højst være {max} tegn' },
  // zod's issues in plain words (validation-i18n.ts friendlyIssue), where its own wording is technical
  not_empty: { en: 'must not be empty', nl: 'mag niet leeg zijn', da: 'må ikke være tomt' },
  text_too_short: {
    en: 'must be at least {min} characters',
    nl: 'moet minstens {min} tekens lang zijn',
    da: 'skal være mindst {min} tegn',
  },
  text_exact_length: {
    en: 'must be exactly {length} characters',
    nl: 'moet precies {length} tekens lang zijn',
    da: 'skal være præcis {length} tegn',
  },
  number_too_small: { en: 'must be {min} or more', nl: 'moet {min} of meer zijn', da: 'skal være {min} eller mere' },
  number_above: { en: 'must be more than {min}', nl: 'moet meer dan {min} zijn', da: 'skal være mere end {min}' },
  number_too_big: { en: 'must be {max} or less', nl: 'mag hoogstens {max} zijn', da: 'må højst være {max}' },
  number_below: { en: 'must be less than {max}', nl: 'moet minder dan {max} zijn', da: 'skal være mindre end {max}' },
  too_few_items: {
    en: 'must have at least {min} entries',
    nl: 'moet minstens {min} waarden bevatten',
    da: 'skal have mindst {min} værdier',
  },
  too_many_items: {
    en: 'must have at most {max} entries',
    nl: 'mag hoogstens {max} waarden bevatten',
    da: 'må højst have {max} værdier',
  },
  not_whole_number: { en: 'must be a whole number', nl: 'moet een geheel getal zijn', da: 'skal være et helt tal' },
  not_boolean: { en: 'must be true or false', nl: 'moet true of false zijn', da: 'skal være true eller false' },
  not_object: { en: 'must be an object', nl: 'moet een object zijn', da: 'skal være et objekt' },
  not_list: { en: 'must be a list', nl: 'moet een lijst zijn', da: 'skal være en liste' },
  email_format: { en: 'must be an e-mail address', nl: 'moet een e-mailadres zijn', da: 'skal være en e-mailadresse' },
  id_format: { en: 'must be an id (a UUID)', nl: 'moet een id zijn (een UUID)', da: 'skal være et id (et UUID)' },
  datetime_format: {
    en: 'must be a date and time such as 2026-03-31T14:00:00Z',
    nl: 'moet een datum en tijd zijn, zoals 2026-03-31T14:00:00Z',
    da: 'skal være en dato og et klokkeslæt, f.eks. 2026-03-31T14:00:00Z',
  },
  format_invalid: { en: 'is not in the right format', nl: 'heeft niet de juiste vorm', da: 'har ikke det rigtige format' },
  unknown_field: { en: 'is not a known field', nl: 'is geen bekend veld', da: 'er ikke et kendt felt' },
  unknown_fields: {
    en: 'are not known fields: {keys}',
    nl: 'zijn geen bekende velden: {keys}',
    da: 'er ikke kendte felter: {keys}',
  },
});

export type TMessageCode = keyof typeof MESSAGES;

/** Words that appear as `{name}` values inside messages and have a translation of their own. */
export const VALUE_WORDS: Record<string, { nl: string; da: string }> = {
  account: { nl: 'accounts', da: 'konti' },
  contact: { nl: 'contactpersonen', da: 'kontakter' },
};

registerValueWords(VALUE_WORDS);
