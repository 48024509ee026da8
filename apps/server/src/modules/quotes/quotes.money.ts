/** Pure money rules of a quote: line totals, the totals, the early-renewal incentive and the approval rules. Integer minor units. */

export interface TLineFigures {
  quantity: number;
  unitPriceCents: number;
  listPriceCents: number | null;
  discountPercent: number;
}

export interface TQuoteRules {
  maxDiscountPercent: number;
  approveBelowList: boolean;
}

export const APPROVAL_REASONS = ['discount_above_max', 'below_list_price'] as const;
export type TApprovalReason = (typeof APPROVAL_REASONS)[number];

const dayMs = 86_400_000;
const parse = (d: string) => new Date(`${d}T00:00:00Z`);

/** Months from the first day to the day after the last (whole months, plus the rest in 30-day parts). */
export function termMonths(termStart: string, termEnd: string): number {
  const a = parse(termStart);
  const end = new Date(parse(termEnd).getTime() + dayMs);
  let months = (end.getUTCFullYear() - a.getUTCFullYear()) * 12 + (end.getUTCMonth() - a.getUTCMonth());
  let anchor = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + months, a.getUTCDate()));
  if (anchor > end) {
    months -= 1;
    anchor = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + months, a.getUTCDate()));
  }
  return Math.max(0, months + (end.getTime() - anchor.getTime()) / dayMs / 30);
}

/** Billing periods in the term (a yearly price over a 12-month term: 1). */
export const periodsOf = (intervalMonths: number, termStart: string, termEnd: string) =>
  termMonths(termStart, termEnd) / Math.max(1, intervalMonths);

export const lineTotalCents = (l: TLineFigures, periods: number) =>
  Math.round(l.unitPriceCents * l.quantity * periods * (1 - l.discountPercent / 100));

export const lineListCents = (l: TLineFigures, periods: number) =>
  Math.round((l.listPriceCents ?? l.unitPriceCents) * l.quantity * periods);

export interface TTotals {
  listTotalCents: number;
  subtotalCents: number;
  incentiveCents: number;
  totalCents: number;
  /** The whole discount against list prices, incentive included, in percent (two decimals). */
  discountPercent: number;
}

export function totalsOf(lines: readonly TLineFigures[], periods: number, incentivePercent: number, withIncentive = true): TTotals {
  const listTotalCents = lines.reduce((s, l) => s + lineListCents(l, periods), 0);
  const subtotalCents = lines.reduce((s, l) => s + lineTotalCents(l, periods), 0);
  const incentiveCents = withIncentive ? Math.round((subtotalCents * incentivePercent) / 100) : 0;
  const totalCents = subtotalCents - incentiveCents;
  const discountPercent = listTotalCents > 0 ? Math.round((1 - totalCents / listTotalCents) * 10_000) / 100 : 0;
  return { listTotalCents, subtotalCents, incentiveCents, totalCents, discountPercent };
}

/** Why a director must approve before the quote is sent (none: it may be sent as it is). */
export function approvalReasons(lines: readonly TLineFigures[], totals: TTotals, rules: TQuoteRules): TApprovalReason[] {
  const reasons: TApprovalReason[] = [];
  if (totals.discountPercent > rules.maxDiscountPercent) reasons.push('discount_above_max');
  if (
    rules.approveBelowList &&
    lines.some((l) => l.listPriceCents !== null && l.unitPriceCents * (1 - l.discountPercent / 100) < l.listPriceCents - 0.5)
  )
    reasons.push('below_list_price');
  return reasons;
}

/** Format minor units in a currency and language, e.g. "€ 12.000,00" in Dutch. */
export function formatMoney(cents: number, currency: string, lang: string): string {
  const locale = lang === 'nl' ? 'nl-NL' : lang === 'da' ? 'da-DK' : 'en-GB';
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

export function formatDay(day: string, lang: string): string {
  const locale = lang === 'nl' ? 'nl-NL' : lang === 'da' ? 'da-DK' : 'en-GB';
  return parse(day).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
