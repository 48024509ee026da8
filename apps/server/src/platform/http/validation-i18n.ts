import type { FastifySchemaCompiler } from 'fastify';
import { type $ZodIssue, type $ZodType, safeParse } from 'zod/v4/core';
import { da, en, nl } from 'zod/v4/locales';
import { AppError, type TErrorDetail } from '../errors.ts';
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
 * error object on the server; responses carry only field, code and message.
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
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

export interface TValidationEntry {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

const unwrap = (m: ReturnType<LocaleError>) => (typeof m === 'string' ? m : (m?.message ?? undefined));

/**
 * One zod issue in `lang`: zod's wording in that language, or, when the schema has a message of its
 * own (`.regex(re, 'must be a domain such as example.com')`), the catalogue's. English is left as zod made it.
 */
export function describeIssue(entry: TValidationEntry, lang: TApiLanguage): { code: string; message: string } {
  const message = entry.message ?? 'is invalid';
  if (lang === 'en') return { code: entry.keyword, message };
  const issue = { ...entry.params, code: entry.keyword, path: entry.instancePath.split('/').filter(Boolean), message } as $ZodIssue;
  const own = message !== unwrap(ZOD_LOCALES.en(issue));
  const translated = own ? translateText(message, lang).message : unwrap(ZOD_LOCALES[lang](issue));
  return { code: entry.keyword, message: translated ?? message };
}

interface Template {
  code: TMessageCode;
  pattern: RegExp;
  names: string[];
}

const EXACT = new Map<string, TMessageCode>();
const TEMPLATES: Template[] = [];
for (const [code, entry] of Object.entries(MESSAGES) as [TMessageCode, TCatalogueEntry][]) {
  const names = [...entry.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  if (!names.length) {
    EXACT.set(entry.en, code);
    continue;
  }
  // A field name is one token ("custom.size"), so "{field} is required" cannot swallow a whole sentence.
  const source = entry.en
    .split(/(\{\w+\})/)
    .map((s) => (s === '{field}' ? '([\\w.[\\]-]+)' : /^\{\w+\}$/.test(s) ? '(.+?)' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  TEMPLATES.push({ code, pattern: new RegExp(`^${source}$`, 's'), names });
}
// The most specific template (the most fixed text) wins.
const fixedLength = (t: Template) => MESSAGES[t.code].en.replace(/\{\w+\}/g, '').length;
TEMPLATES.sort((a, b) => fixedLength(b) - fixedLength(a));

/** The catalogue entry an English message came from, with the values of its `{name}` parts. */
export function matchMessage(english: string): { code: TMessageCode; values: Record<string, string> } | undefined {
  const exact = EXACT.get(english);
  if (exact) return { code: exact, values: {} };
  for (const t of TEMPLATES) {
    const m = t.pattern.exec(english);
    if (m) return { code: t.code, values: Object.fromEntries(t.names.map((n, i) => [n, m[i + 1] ?? ''])) };
  }
  return undefined;
}

export function renderMessage(code: TMessageCode, lang: TApiLanguage, values: Record<string, string> = {}): string {
  return MESSAGES[code][lang].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name] ?? '';
    return lang === 'en' ? value : (VALUE_WORDS[value]?.[lang] ?? value);
  });
}

/** An English message of ours in `lang`, with its catalogue code; unknown text comes back as it is. */
export function translateText(english: string, lang: TApiLanguage): { code?: TMessageCode; message: string } {
  const match = matchMessage(english);
  if (!match) return { message: english };
  return { code: match.code, message: lang === 'en' ? english : renderMessage(match.code, lang, match.values) };
}

const joinDetails = (details: TErrorDetail[]) => details.map((d) => `${d.field}: ${d.message}`).join('; ');

/**
 * An error as sent to a client speaking `lang`: each detail gets a machine-readable code (the
 * catalogue's, or "invalid" for text the catalogue does not know) and its message in that language.
 * The English message and details are never changed, only given codes.
 */
export function localiseError(error: AppError, lang: TApiLanguage): AppError {
  if (!error.details.length && lang === 'en') return error;
  const details = error.details.map((d) => {
    const t = translateText(d.message, lang);
    return { field: d.field, code: d.code ?? t.code ?? 'invalid', message: t.message };
  });
  let message = error.message;
  if (lang !== 'en') {
    if (error.details.length && error.message === joinDetails(error.details)) message = joinDetails(details);
    else {
      const whole = translateText(error.message, lang);
      const prefixed = /^([\w.[\]-]+): (.+)$/s.exec(error.message);
      if (whole.code) message = whole.message;
      else if (prefixed) message = `${prefixed[1]}: ${translateText(prefixed[2] ?? '', lang).message}`;
    }
  }
  return new AppError(error.code, message, details, error.headers);
}
