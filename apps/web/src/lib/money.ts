import i18n from 'i18next';
import { dateTimeFormat, numberFormat } from './intl.ts';

function numberFormatFor(lang: string, currency: string, opts: { compact?: boolean; whole?: boolean }): Intl.NumberFormat {
  return numberFormat(lang, {
    style: 'currency',
    currency,
    notation: opts.compact ? 'compact' : 'standard',
    maximumFractionDigits: opts.whole ? 0 : opts.compact ? 1 : 2,
    minimumFractionDigits: opts.compact || opts.whole ? 0 : undefined,
  });
}

const PERIOD_FORMAT: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric', timeZone: 'UTC' };

/** An amount in major units of `currency`, in the UI language: "€ 1.234,50" in Dutch, "€1,234.50" in English. */
export function formatMoney(value: number | null | undefined, currency: string, opts: { compact?: boolean; whole?: boolean } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  try {
    return numberFormatFor(i18n.language || 'en', currency, opts).format(value);
  } catch {
    // A currency code Intl does not know: the number with the code after it.
    return `${numberFormat(i18n.language || 'en', { maximumFractionDigits: 2 }).format(value)} ${currency}`;
  }
}

/** A fraction (0.05) as a percentage in the UI language ("5 %" in Danish, "5%" in English), or a dash. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat(i18n.language || 'en', { style: 'percent', maximumFractionDigits: digits }).format(value);
}

/** A plain number with at most `digits` decimals in the UI language, or a dash. */
export function formatDecimal(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat(i18n.language || 'en', { maximumFractionDigits: digits }).format(value);
}

/** "2024-03" as "Mar 2024" / "mrt 2024" in the UI language; other period labels (2024-Q1, 2024, a day) as they are. */
export function formatPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  return dateTimeFormat(i18n.language || 'en', PERIOD_FORMAT).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/**
 * Makes the formatters of money, percentages and periods for a language ahead of use. The first Intl
 * formatter of a kind costs tens of milliseconds (its locale data), which a dashboard would otherwise pay
 * while drawing its figures; done while the page still waits for them, it costs nothing visible.
 */
export function prepareFormats(lang: string) {
  for (const currency of ['EUR', 'USD']) {
    for (const opts of [{}, { compact: true }, { whole: true }]) numberFormatFor(lang, currency, opts);
  }
  numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  numberFormat(lang, { maximumFractionDigits: 2 });
  dateTimeFormat(lang, PERIOD_FORMAT);
}
