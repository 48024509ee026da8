import { invalid } from '../../platform/errors.ts';
import type { TPlanInfo, TPlanPrice } from '../plans/index.ts';
import type { TDraftLine } from './quotes.build.ts';
import { quotesMessages as m } from './quotes.messages.ts';
import type { TCreateQuote } from './quotes.schemas.ts';

type TCatalogue = (TPlanInfo & { prices: TPlanPrice[] })[];
interface TSubLine {
  planId: string | null;
  description: string;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  trial: boolean;
}

/**
 * The first lines of a quote (pure): the subscription's lines renewed at their price plus the uplift, the next edition
 * up instead of the main line (upsell), more seats of the main line (upsell), add-ons from the catalogue (cross-sell),
 * each with its list price in the subscription's currency and interval when the catalogue has one.
 */
export function initialLines(
  subLines: readonly TSubLine[],
  catalogue: TCatalogue,
  currency: string,
  intervalMonths: number,
  input: Pick<TCreateQuote, 'upliftPercent' | 'upsell' | 'extraSeats' | 'crossSellPlanIds'>,
): TDraftLine[] {
  const plans = new Map(catalogue.map((p) => [p.id, p]));
  const listCents = (planId: string | null) => {
    const price = planId
      ? plans.get(planId)?.prices.find((p) => p.currency === currency && p.intervalMonths === intervalMonths)
      : undefined;
    return price ? Math.round(price.amount * 100) : null;
  };
  const uplift = 1 + input.upliftPercent / 100;
  const lines: TDraftLine[] = subLines.map((l) => ({
    kind: 'renewal',
    planId: l.planId,
    description: l.description,
    quantity: Math.max(1, Math.round(l.quantity)),
    unitPriceCents: Math.round(l.unitPrice * 100 * uplift),
    listPriceCents: listCents(l.planId),
    discountPercent: l.discountPercent,
  }));
  // The main line: the biggest line on an edition (else the biggest line).
  const edition = (l: TDraftLine) => !!l.planId && plans.get(l.planId)?.productKind === 'edition';
  const value = (l: TDraftLine) => l.unitPriceCents * l.quantity;
  const main = [...lines].sort((a, b) => Number(edition(b)) - Number(edition(a)) || value(b) - value(a))[0];
  if (input.upsell && main?.planId) {
    const current = plans.get(main.planId);
    const next = catalogue
      .filter((p) => current && p.productId === current.productId && p.tier > current.tier && !p.archived && listCents(p.id) !== null)
      .sort((a, b) => a.tier - b.tier)[0];
    if (next) {
      const at = lines.indexOf(main);
      const price = listCents(next.id) ?? main.unitPriceCents;
      lines[at] = {
        kind: 'upsell',
        planId: next.id,
        description: next.name,
        quantity: main.quantity,
        unitPriceCents: price,
        listPriceCents: price,
        discountPercent: 0,
      };
    }
  }
  // More seats of the line counted in seats: the one with the most units (a platform fee of 1 is not a seat).
  const seats = [...lines].sort((a, b) => b.quantity - a.quantity || value(b) - value(a))[0];
  if (input.extraSeats > 0 && seats) lines.push({ ...seats, kind: 'upsell', quantity: input.extraSeats });
  input.crossSellPlanIds.forEach((planId, i) => {
    const plan = plans.get(planId);
    if (!plan || plan.archived) throw invalid(`crossSellPlanIds.${i}`, m.quote_unknown_plan);
    const price = listCents(planId) ?? 0;
    lines.push({
      kind: 'cross_sell',
      planId,
      description: plan.name,
      quantity: 1,
      unitPriceCents: price,
      listPriceCents: listCents(planId),
      discountPercent: 0,
    });
  });
  return lines;
}

const DAY = 86_400_000;
export const addDays = (day: string, n: number) => new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY).toISOString().slice(0, 10);
export function addMonths(day: string, months: number) {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate())).toISOString().slice(0, 10);
}
/** Whole months between a term's first and last day (at least 1). */
export function monthsBetween(first: string, last: string) {
  const a = new Date(`${first}T00:00:00Z`);
  const b = new Date(`${addDays(last, 1)}T00:00:00Z`);
  return Math.max(
    1,
    Math.round(
      (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) + (b.getUTCDate() - a.getUTCDate()) / 30,
    ),
  );
}

/** The contact a quote goes to: a decision maker, else billing, else the champion, else anyone with an e-mail. */
export function pickContact<T extends { email: string | null; roles: string[] }>(contacts: readonly T[]): T | undefined {
  const withMail = contacts.filter((c) => c.email);
  for (const role of ['decision_maker', 'billing', 'champion', 'executive_sponsor']) {
    const c = withMail.find((x) => x.roles.includes(role));
    if (c) return c;
  }
  return withMail[0];
}
