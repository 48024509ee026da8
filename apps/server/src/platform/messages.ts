/**
 * Message catalogues: every text a client may see, as a stable code with its words in each UI language.
 * Each module keeps its own catalogue (`<module>.messages.ts`, built with `defineMessages`) and throws
 * errors with an entry and values (`invalid('domain', m.domain_taken)`), never with loose English text.
 * The error handler renders the entry in the request's language from the code; nothing is matched by text.
 */

export const UI_LANGUAGES = ['en', 'nl', 'da'] as const;
export type TUiLanguage = (typeof UI_LANGUAGES)[number];

export interface TCatalogueEntry {
  en: string;
  nl: string;
  da: string;
}

/** One catalogue entry with its code: what services throw and zod schemas name as their message. */
export interface TMessage extends TCatalogueEntry {
  readonly code: string;
}

export type TMessageValues = Record<string, string | number>;

const registry = new Map<string, TCatalogueEntry>();
let valueWords: Record<string, { nl: string; da: string }> = {};

/** Words that appear as `{name}` values inside messages and have a translation of their own ("account"). */
export function registerValueWords(words: Record<string, { nl: string; da: string }>) {
  valueWords = { ...valueWords, ...words };
}

/**
 * A module's catalogue: code → words in en/nl/da. The codes are part of the API (error details carry them),
 * so they are unique across the product; defining one twice with other words is a programming error.
 */
export function defineMessages<const T extends Record<string, TCatalogueEntry>>(
  entries: T,
): { readonly [K in keyof T & string]: TMessage } {
  const out = {} as Record<string, TMessage>;
  for (const [code, entry] of Object.entries(entries)) {
    const known = registry.get(code);
    if (known && (known.en !== entry.en || known.nl !== entry.nl || known.da !== entry.da))
      throw new Error(`Message code "${code}" is defined twice with different words`);
    registry.set(code, entry);
    out[code] = Object.freeze({ code, en: entry.en, nl: entry.nl, da: entry.da });
  }
  return out as { readonly [K in keyof T & string]: TMessage };
}

/** The registered entry of a code, or undefined. */
export const findMessage = (code: string): TCatalogueEntry | undefined => registry.get(code);

/** Every registered code with its entry (the catalogue test checks them all). */
export const allMessages = (): ReadonlyMap<string, TCatalogueEntry> => registry;

/** An entry in a language, `{name}` parts filled from values (value words translated outside English). */
export function renderEntry(entry: TCatalogueEntry, lang: TUiLanguage, values: TMessageValues = {}): string {
  return entry[lang].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(values[name] ?? '');
    return lang === 'en' ? value : (valueWords[value]?.[lang] ?? value);
  });
}

/** A registered code in a language; undefined when the code is not known. */
export function renderCode(code: string, lang: TUiLanguage, values?: TMessageValues): string | undefined {
  const entry = registry.get(code);
  return entry ? renderEntry(entry, lang, values) : undefined;
}
