import i18n from 'i18next';
import { dateTimeFormat, numberFormat } from './intl.ts';

/** An amount in major units of `currency`, in the UI language: "€ 1.234,50" in Dutch, "€1,234.50" in English. */
export function formatMoney(value: number | null | undefined, currency: string, opts: { compact?: boolean; whole?: boolean } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  try {
    return numberFormat(i18n.language || 'en', {
      style: 'currency',
      currency,
      notation: opts.compact ? 'compact' : 'standard',
      maximumFractionDigits: opts.whole ? 0 : opts.compact ? 1 : 2,
      minimumFractionDigits: opts.compact || opts.whole ? 0 : undefined,
    }).format(value);
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
  return dateTimeFormat(i18n.language || 'en', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)),
  );
}
