import { z } from 'zod';
import { findMessage, renderCode } from '../../platform/messages.ts';
import { choiceLabels, labelAliases, type TChoiceField } from './imports.choices.ts';
import { matchRowMessage, type TRowMessageCode } from './imports.messages.ts';

/**
 * Cell parsers for imports. Each returns the clean value or a Problem (never throws), because a file of
 * 100k rows is checked cell by cell and every problem is reported, not only the first.
 */
export class Problem {
  /** The English text, as stored and exported; the code and params give it in other languages. */
  readonly message: string;
  private constructor(
    /** A registered message code (platform/messages.ts), or null for text the catalogues do not know. */
    readonly code: string | null,
    readonly params: Record<string, string>,
    english?: string,
  ) {
    this.message = code ? (renderCode(code, 'en', params) ?? code) : (english ?? '');
  }

  static of(code: TRowMessageCode, params: Record<string, string> = {}) {
    return new Problem(code, params);
  }

  /**
   * A problem reported by a check shared with the API (custom fields): by its code when it has one,
   * else its English text matched to the catalogues, else as it is.
   */
  static fromDetail(d: { message: string; code?: string; values?: Record<string, string | number> }): Problem {
    if (d.code && findMessage(d.code)) return new Problem(d.code, stringValues(d.values));
    const match = matchRowMessage(d.message);
    return match ? new Problem(match.code, match.values) : new Problem(null, {}, d.message);
  }
}
const stringValues = (values: Record<string, string | number> = {}) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
export const problem = (code: TRowMessageCode, params?: Record<string, string | number>) => Problem.of(code, stringValues(params));
export const isProblem = (v: unknown): v is Problem => v instanceof Problem;

export function parseText(raw: string, max: number): string | Problem {
  return raw.length > max ? problem('text_too_long', { max }) : raw;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const PLAIN_DOMAIN = /^[a-z0-9.-]+$/;

/** "https://www.Acme.nl/about" → "acme.nl": the same normalisation every time, so re-imports match. */
export function parseDomain(raw: string): string | Problem {
  // Most cells are already a bare lower-case domain: check those without rewriting.
  if (PLAIN_DOMAIN.test(raw) && !raw.startsWith('www.') && DOMAIN.test(raw)) return raw;
  const d = raw
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  return DOMAIN.test(d) ? d : problem('domain_format');
}

const EMAIL = z.regexes.email;
export function parseEmail(raw: string): string | Problem {
  const e = raw.replace(/^mailto:/i, '');
  return e.length <= 254 && EMAIL.test(e) ? e : problem('email_format');
}

const SIMPLE_URL = /^https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,63}(:\d{1,5})?(\/[\w\-./~%!$&'()*+,;=:@?#]*)?$/i;

export function parseUrl(raw: string): string | Problem {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  if (withScheme.length > 500) return problem('text_too_long', { max: 500 });
  if (SIMPLE_URL.test(withScheme)) return withScheme; // the common case, without building a URL object
  try {
    const u = new URL(withScheme);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return problem('http_address');
    if (!u.hostname.includes('.')) return problem('web_address');
    return withScheme;
  } catch {
    return problem('web_address');
  }
}

const PHONE = /^[+0-9 ()./-]{3,40}$/;
export function parsePhone(raw: string): string | Problem {
  return PHONE.test(raw) ? raw : problem('phone_format');
}

const SPACES = /[\s\u00a0\u202f']/g;
const PLAIN_INT = /^[-+]?\d+$/;
const GROUPED_INT = /^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$/;

/** Whole numbers; "1.200" and "1,200" are read as twelve hundred (thousands separators), "12.5" is refused. */
export function parseInteger(raw: string, min: number, max: number): number | Problem {
  const s = raw.replace(SPACES, '');
  let n: number;
  if (PLAIN_INT.test(s)) n = Number(s);
  else if (GROUPED_INT.test(s)) n = Number(s.replace(/[.,]/g, ''));
  else return problem('not_whole_number');
  if (n < min || n > max) return problem('number_between', { min, max });
  return n;
}

/**
 * Decimal numbers in either convention: "12.5", "12,5", "1.234,56", "1,234.56". With one kind of
 * separator it is the decimal one; with both, the last one is.
 */
export function parseNumber(raw: string): number | Problem {
  let s = raw.replace(SPACES, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    s = s.split(group).join('');
    if (decimal === ',') s = s.replace(',', '.');
  } else if (lastComma >= 0) {
    if (s.indexOf(',') !== lastComma) return problem('not_a_number');
    s = s.replace(',', '.');
  } else if (lastDot >= 0 && s.indexOf('.') !== lastDot) {
    return problem('not_a_number');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return problem('not_a_number');
  const n = Number(s);
  return Number.isFinite(n) && Math.abs(n) <= 1e15 ? n : problem('not_a_number');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const DAY_FIRST = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/;

/**
 * Dates as ISO (2026-03-31, also with a time) or day first (31-03-2026, 31.03.2026, 31/03/2026), the
 * order used in the Netherlands and Denmark. Spreadsheet date cells arrive here already as ISO.
 */
export function parseDate(raw: string): string | Problem {
  let y: number;
  let m: number;
  let d: number;
  const iso = ISO_DATE.exec(raw);
  const dayFirst = iso ? null : DAY_FIRST.exec(raw);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) [d, m, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else return problem('not_a_date');
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return problem('date_not_existing');
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "Mid-market", "mid market" and "MID_MARKET" all become "mid_market". */
export const normaliseChoice = (raw: string) =>
  raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s\-/]+/g, '_');

/**
 * A choice parser over the allowed values plus extra spellings (e.g. Dutch "MKB" for smb) and, for the
 * built-in choices, the labels the UI shows in each language ("Small business", "Klein bedrijf"),
 * case-insensitively. An unknown value names those labels. A column repeats the same few spellings
 * thousands of times, so answers are remembered per spelling.
 */
export function choiceParser(values: readonly string[], aliases: Record<string, string> = {}, field?: TChoiceField) {
  const lookup = new Map<string, string>();
  for (const v of values) {
    lookup.set(normaliseChoice(v), v);
    lookup.set(normaliseChoice(v).replace(/_/g, ''), v);
  }
  for (const [alias, v] of Object.entries({ ...aliases, ...(field ? labelAliases(field) : {}) })) lookup.set(normaliseChoice(alias), v);
  const notAnOption = field
    ? problem('not_a_choice', { choice: field, labels: choiceLabels(field, 'en') })
    : problem('not_an_option', { options: values.join(', ') });
  const seen = new Map<string, string | Problem>();
  return (raw: string): string | Problem => {
    const known = seen.get(raw);
    if (known !== undefined) return known;
    const key = normaliseChoice(raw);
    const answer = lookup.get(key) ?? lookup.get(key.replace(/_/g, '')) ?? notAnOption;
    if (seen.size < 1000) seen.set(raw, answer);
    return answer;
  };
}

const LIST_SEPARATOR = /[;,]/;

/** "a; b, c" → ["a", "b", "c"]: trimmed, empty items dropped, duplicates removed. */
export function splitList(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(LIST_SEPARATOR)) {
    const item = part.trim();
    if (item && !out.includes(item)) out.push(item);
  }
  return out;
}

const MAX_VALUE_SHOWN = 200;
/** The offending value as stored with an error: short enough to list, long enough to recognise. */
export const shownValue = (raw: string) => (raw.length > MAX_VALUE_SHOWN ? `${raw.slice(0, MAX_VALUE_SHOWN)}…` : raw);
