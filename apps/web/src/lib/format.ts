import dayjs from 'dayjs';
import 'dayjs/locale/da';
import 'dayjs/locale/nl';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import relativeTime from 'dayjs/plugin/relativeTime';
import i18n from 'i18next';
import { numberFormat } from './intl.ts';

dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);

// Every date the UI prints goes through these, in the UI language (i18next's), whatever dayjs's global
// locale happens to be: "Dec 31, 2026" in English, "31 dec 2026" in Dutch, "31. dec. 2026" in Danish.
const inUiLanguage = (value: string, lang?: string) => dayjs(value).locale(lang ?? i18n.language ?? 'en');

/** Date in the UI language, or a dash. */
export function formatDate(value: string | null | undefined, lang?: string): string {
  return value ? inUiLanguage(value, lang).format('ll') : '—';
}

/** Date and time in the UI language, or a dash. */
export function formatDateTime(value: string | null | undefined, lang?: string): string {
  return value ? inUiLanguage(value, lang).format('lll') : '—';
}

/** Time of day in the UI language ("5:27 AM", "05:27"), or a dash. */
export function formatTime(value: string | null | undefined, lang?: string): string {
  return value ? inUiLanguage(value, lang).format('LT') : '—';
}

/** "3 days ago" in the UI language. */
export function formatRelative(value: string, lang?: string): string {
  return inUiLanguage(value, lang).fromNow();
}

/**
 * The UI language's digit grouping and decimal mark, for number inputs: 2,238.5 in English, 2.238,5 in Dutch
 * and Danish (what formatNumber prints, so a value reads the same in a form as in a list).
 */
export function numberSeparators(lang = i18n.language): { thousandSeparator: string; decimalSeparator: string } {
  const parts = numberFormat(lang).formatToParts(12345.6);
  return {
    thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : numberFormat(i18n.language).format(value);
}

/** A custom field value as text; dates stored as YYYY-MM-DD are shown in the UI language. */
export function formatCustomValue(type: 'text' | 'number' | 'date' | 'choice', value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (type === 'number' && typeof value === 'number') return formatNumber(value);
  if (type === 'date' && typeof value === 'string') return formatDate(value);
  return String(value);
}
