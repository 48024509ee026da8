import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { toQuoteDto } from './quotes.dto.ts';
import { approvalReasons, lineTotalCents, periodsOf, type TQuoteRules, totalsOf } from './quotes.money.ts';
import { findQuoteRow, linesOf, replaceLines, updateQuoteRow } from './quotes.repository.ts';
import type { TQuote } from './quotes.schemas.ts';

export interface TDraftLine {
  kind: 'renewal' | 'upsell' | 'cross_sell' | 'custom';
  planId: string | null;
  description: string;
  quantity: number;
  unitPriceCents: number;
  listPriceCents: number | null;
  discountPercent: number;
}

/** The quote with its names and lines (404 when it is not this organisation's). */
export async function loadQuote(tx: Db, orgId: string, id: string): Promise<TQuote> {
  const row = await findQuoteRow(tx, orgId, id);
  if (!row) throw notFound('Quote');
  return toQuoteDto(row, await linesOf(tx, orgId, id));
}

/**
 * Write a quote's lines (when given) and its totals and approval reasons under the rules, in `tx`. `withIncentive`
 * false drops the early-renewal discount (accepted after its day).
 */
export async function storeFigures(
  tx: Db,
  orgId: string,
  quote: { id: string; intervalMonths: number; termStart: string; termEnd: string; incentivePercent: number },
  lines: TDraftLine[],
  rules: TQuoteRules,
  withIncentive = true,
) {
  const periods = periodsOf(quote.intervalMonths, quote.termStart, quote.termEnd);
  await replaceLines(
    tx,
    orgId,
    quote.id,
    lines.map((l, i) => ({ ...l, position: i + 1, totalCents: lineTotalCents(l, periods) })),
  );
  const totals = totalsOf(lines, periods, quote.incentivePercent, withIncentive);
  const reasons = approvalReasons(lines, totals, rules);
  await updateQuoteRow(tx, orgId, quote.id, {
    listTotalCents: totals.listTotalCents,
    subtotalCents: totals.subtotalCents,
    totalCents: totals.totalCents,
    approvalReasons: reasons,
  });
  return { totals, reasons };
}

export const draftLinesOf = (q: TQuote): TDraftLine[] =>
  q.lines.map((l) => ({
    kind: l.kind,
    planId: l.planId,
    description: l.description,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
    listPriceCents: l.listPriceCents,
    discountPercent: l.discountPercent,
  }));
