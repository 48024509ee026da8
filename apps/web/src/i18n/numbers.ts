import type { FormatterModule } from 'i18next';
import { numberFormat } from '../lib/intl.ts';

/**
 * Placeholders whose numbers are names rather than amounts: a year, a support request's number, a version,
 * printed as they are ("2026", "#1042", "v3").
 */
const AS_IS = new Set(['year', 'number', 'version', 'reference', 'key', 'code']);

/**
 * Every number put into a string ("{{count}} accounts", "{{done}} of {{total}}") in the UI language's format:
 * 1,250 in English, 1.250 in Dutch and Danish. i18next calls it for every placeholder (`alwaysFormat`).
 */
export const numbersFormatter: FormatterModule = {
  type: 'formatter',
  init: () => {},
  add: () => {},
  addCached: () => {},
  format: (value, _format, lng, options) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return value;
    const key: unknown = options?.interpolationkey;
    if (typeof key === 'string' && AS_IS.has(key)) return value;
    return numberFormat(lng ?? 'en').format(value);
  },
};
