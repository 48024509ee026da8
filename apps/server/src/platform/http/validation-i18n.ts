import type { FastifySchemaCompiler } from 'fastify';
import { type $ZodIssue, type $ZodType, safeParse } from 'zod/v4/core';
import { da, en, nl } from 'zod/v4/locales';
import { AppError, type TErrorDetail } from '../errors.ts';
import { allMessages, findMessage, renderCode } from '../messages.ts';
import { MESSAGES, type TCatalogueEntry, type TMessageCode, VALUE_WORDS } from './validation-messages.ts';

/**
 * Error messages in the request's language. The web client sends its UI language as Accept-Language;
 * zod's issues are worded by zod's own locales, our messages come from the catalogue in
 * validation-messages.ts. Without Accept-Language (or with one we do not speak) everything stays English.
 */
export const API_LANGUAGES = ['en', 'nl', 'da'] as const;
export type TApiLanguage = (typeof API_LANGUAGES)[number];

/** The best of en/nl/da by the header's q-values ("nl-NL,nl;q=0.9,en;q=0.8" → nl); en when none fits. */
export function pickLanguage(header: string | string[] | undefined): TApiLanguage {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'en';
  let best: TApiLanguage = 'en';
  let bestQ = 0;
  for (const part of value.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    );
    const lang = tag.trim().slice(0, 2).toLowerCase();
    if (!(API_LANGUAGES as readonly string[]).includes(lang) || !(q > bestQ)) continue;
    best = lang as TApiLanguage;
    bestQ = q;
  }
  return best;
}

type LocaleError = (issue: $ZodIssue) => string | { message: string } | undefined | null;
const ZOD_LOCALES: Record<TApiLanguage, LocaleError> = {
  en: en().localeError as LocaleError,
  nl: nl().localeError as LocaleError,
  da: da().localeError as LocaleError,
};

const REPORT_INPUT = { reportInput: true } as const;
const VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError');

/**
 * fastify-type-provider-zod's validator compiler, except that issues keep the offending input: zod's
 * locales need it to say what was received ("verwacht string, ontving getal"). The input stays in the
 * error object on the server; responses carry only field, code and message. Query strings are strict as
 * bodies are: an unknown parameter is a 400 naming it (see strictQuery).
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> = ({ schema: routeSchema, httpPart }) => {
  const schema = httpPart === 'querystring' ? strictQuery(routeSchema) : routeSchema;
  return (data) => {
    const result = safeParse(schema, data, REPORT_INPUT);
    if (!result.error) return { value: result.data };
    return {
      error: result.error.issues.map(({ path, code, message, ...params }) => ({
        [VALIDATION_ERROR]: true,
        keyword: code,
        instancePath: `/${path.join('/')}`,
        schemaPath: `#/${path.join('/')}/${code}`,
        message,
        params,
      })),
    } as never;
  };
};

/**
 * A query object schema made strict, so `?pagesize=10` or `?segmnet=smb` is refused instead of silently
 * ignored (the list would look unfiltered). A route that takes parameters it cannot list (dynamic filter
 * keys) says so with `z.looseObject` or `.catchall(…)`, which is left as it is, as is anything but an object.
 */
export function strictQuery(schema: $ZodType): $ZodType {
  const def = schema._zod.def as { type: string; catchall?: unknown };
  if (def.type !== 'object' || def.catchall !== undefined || !('strict' in schema)) return schema;
  return (schema as unknown as { strict(): $ZodType }).strict();
}

export interface TValidationEntry {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

const unwrap = (m: ReturnType<LocaleError>) => (typeof m === 'string' ? m : (m?.message ?? undefined));

/**
 * One zod issue in `lang`. When the schema has a message of its own (`.regex(re, 'must be a domain such as
 * example.com')`) that message, through the catalogue; otherwise the catalogue's plain words for the common
 * issues (friendlyIssue), and zod's own locale for the rest.
 */
export function describeIssue(entry: TValidationEntry, lang: TApiLanguage): { code: string; message: string } {
  const message = entry.message ?? 'is invalid';
  const issue = { ...entry.params, code: entry.keyword, path: entry.instancePath.split('/').filter(Boolean), message } as $ZodIssue;
  const own = message !== unwrap(ZOD_LOCALES.en(issue));
  // A schema's own message is a catalogue code (`.regex(re, m.domain_format.code)`): rendered by that code.
  if (own && findMessage(message)) return { code: entry.keyword, message: renderCode(message, lang) ?? message };
  if (own) return { code: entry.keyword, message: lang === 'en' ? message : translateText(message, lang).message };
  const friendly = friendlyIssue(entry.keyword, entry.params);
  if (friendly) return { code: entry.keyword, message: renderMessage(friendly.code, lang, friendly.values) };
  return { code: entry.keyword, message: lang === 'en' ? message : (unwrap(ZOD_LOCALES[lang](issue)) ?? message) };
}

const COUNTED = new Set(['array', 'set']);
const TYPE_MESSAGES: Record<string, TMessageCode> = {
  string: 'not_text',
  number: 'not_a_number',
  int: 'not_whole_number',
  boolean: 'not_boolean',
  object: 'not_object',
  array: 'not_list',
};
const FORMAT_MESSAGES: Record<string, TMessageCode> = {
  email: 'email_format',
  url: 'web_address',
  uuid: 'id_format',
  guid: 'id_format',
  date: 'not_a_date',
  datetime: 'datetime_format',
};

/**
 * The catalogue entry for a common zod issue, in plain words ("must not be empty" rather than "Too small:
 * expected string to have >=1 characters"); undefined for the rare ones, which keep zod's wording.
 */
export function friendlyIssue(
  code: string,
  params: Record<string, unknown>,
): { code: TMessageCode; values: Record<string, string> } | undefined {
  const p = params as { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean; exact?: boolean };
  switch (code) {
    case 'too_small':
    case 'too_big': {
      const small = code === 'too_small';
      const n = String(small ? p.minimum : p.maximum);
      if (p.origin === 'string') {
        if (p.exact) return { code: 'text_exact_length', values: { length: n } };
        if (small) return n === '1' ? { code: 'not_empty', values: {} } : { code: 'text_too_short', values: { min: n } };
        return { code: 'text_too_long', values: { max: n } };
      }
      if (p.origin === 'number' || p.origin === 'int' || p.origin === 'bigint') {
        if (small)
          return p.inclusive === false ? { code: 'number_above', values: { min: n } } : { code: 'number_too_small', values: { min: n } };
        return p.inclusive === false ? { code: 'number_below', values: { max: n } } : { code: 'number_too_big', values: { max: n } };
      }
      if (COUNTED.has(p.origin ?? '')) {
        if (small) return n === '1' ? { code: 'not_empty', values: {} } : { code: 'too_few_items', values: { min: n } };
        return { code: 'too_many_items', values: { max: n } };
      }
      return undefined;
    }
    case 'invalid_type': {
      if (params.input === undefined) return { code: 'is_required', values: {} };
      const type = TYPE_MESSAGES[String(params.expected)];
      return type ? { code: type, values: {} } : undefined;
    }
    case 'invalid_format': {
      const format = FORMAT_MESSAGES[String(params.format)];
      return { code: format ?? 'format_invalid', values: {} };
    }
    case 'invalid_value': {
      const values = Array.isArray(params.values) ? params.values : [];
      return values.length ? { code: 'not_an_option', values: { options: values.map(String).join(', ') } } : undefined;
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(params.keys) ? params.keys.map(String) : [];
      return keys.length > 1 ? { code: 'unknown_fields', values: { keys: keys.join(', ') } } : { code: 'unknown_field', values: {} };
    }
    default:
      return undefined;
  }
}

interface Template<C extends string> {
  code: C;
  pattern: RegExp;
  names: string[];
  fixed: number;
}

/**
 * A message catalogue (code → en/nl/da, `{name}` parts filled from values): renders a code in a language,
 * and finds the entry an English message came from. The platform's is MESSAGES; a module with messages of
 * its own that are not HTTP answers (import row problems) builds one over its entries and these.
 */
export function createCatalogue<C extends string>(entries: Record<C, TCatalogueEntry>) {
  const exact = new Map<string, C>();
  const templates: Template<C>[] = [];
  for (const [code, entry] of Object.entries(entries) as [C, TCatalogueEntry][]) {
    const names = [...entry.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    if (!names.length) {
      exact.set(entry.en, code);
      continue;
    }
    // A field name is one token ("custom.size"), so "{field} is required" cannot swallow a whole sentence.
    const source = entry.en
      .split(/(\{\w+\})/)
      .map((s) => (s === '{field}' ? '([\\w.[\\]-]+)' : /^\{\w+\}$/.test(s) ? '(.+?)' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    templates.push({ code, pattern: new RegExp(`^${source}$`, 's'), names, fixed: entry.en.replace(/\{\w+\}/g, '').length });
  }
  // The most specific template (the most fixed text) wins.
  templates.sort((a, b) => b.fixed - a.fixed);

  return {
    /** The entry an English message came from, with the values of its `{name}` parts. */
    match(english: string): { code: C; values: Record<string, string> } | undefined {
      const code = exact.get(english);
      if (code) return { code, values: {} };
      for (const t of templates) {
        const m = t.pattern.exec(english);
        if (m) return { code: t.code, values: Object.fromEntries(t.names.map((n, i) => [n, m[i + 1] ?? ''])) };
      }
      return undefined;
    },
    render(code: C, lang: TApiLanguage, values: Record<string, string> = {}): string {
      return entries[code][lang].replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = values[name] ?? '';
        return lang === 'en' ? value : (VALUE_WORDS[value]?.[lang] ?? value);
      });
    },
  };
}

const catalogue = createCatalogue<TMessageCode>(MESSAGES);
// Every module's entries, for the old plain-text throws still being moved to codes (rebuilt when modules add more).
let everyEntry = { size: -1, catalogue: catalogue as ReturnType<typeof createCatalogue<string>> };

/** The catalogue entry an English message came from, with the values of its `{name}` parts. */
export const matchMessage = (english: string) => {
  const all = allMessages();
  if (everyEntry.size !== all.size) everyEntry = { size: all.size, catalogue: createCatalogue<string>(Object.fromEntries(all)) };
  return everyEntry.catalogue.match(english) as { code: TMessageCode; values: Record<string, string> } | undefined;
};

export const renderMessage = (code: TMessageCode, lang: TApiLanguage, values: Record<string, string> = {}) =>
  catalogue.render(code, lang, values);

/** An English message of ours in `lang`, with its catalogue code; unknown text comes back as it is. */
export function translateText(english: string, lang: TApiLanguage): { code?: TMessageCode; message: string } {
  const match = matchMessage(english);
  if (!match) return { message: english };
  return { code: match.code, message: lang === 'en' ? english : (renderCode(match.code, lang, match.values) ?? english) };
}

const joinDetails = (details: TErrorDetail[]) => details.map((d) => `${d.field}: ${d.message}`).join('; ');

/**
 * An error as sent to a client speaking `lang`: each detail gets a machine-readable code (the
 * catalogue's, or "invalid" for text the catalogue does not know) and its message in that language.
 * The English message and details are never changed, only given codes.
 */
export function localiseError(error: AppError, lang: TApiLanguage): AppError {
  if (!error.details.length && lang === 'en' && !error.messageCode) return error;
  const details = error.details.map((d) => {
    // A detail thrown from a catalogue entry is rendered by its code; only old plain-text ones are matched.
    const byCode = d.code !== undefined && d.values !== undefined ? renderCode(d.code, lang, d.values) : undefined;
    const coded = byCode ?? (d.code !== undefined && findMessage(d.code) ? renderCode(d.code, lang) : undefined);
    if (coded !== undefined) return { field: d.field, code: d.code as string, message: coded };
    const t = translateText(d.message, lang);
    return { field: d.field, code: d.code ?? t.code ?? 'invalid', message: t.message };
  });
  let message = error.message;
  if (lang !== 'en') {
    const own = error.messageCode ? renderCode(error.messageCode, lang, error.messageValues) : undefined;
    if (own !== undefined) message = own;
    else if (error.details.length && error.message === joinDetails(error.details)) message = joinDetails(details);
    else {
      const whole = translateText(error.message, lang);
      const prefixed = /^([\w.[\]-]+): (.+)$/s.exec(error.message);
      if (whole.code) message = whole.message;
      else if (prefixed) message = `${prefixed[1]}: ${translateText(prefixed[2] ?? '', lang).message}`;
    }
  }
  return new AppError(error.code, message, details, error.headers);
}
