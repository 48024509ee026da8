import type { TCompetition } from './competitors.schemas.ts';

type TPrice = { currency: string; intervalMonths: number; amount: number };

/**
 * A price for the interval: the list price for exactly it, else one for another interval in the same currency
 * scaled by months (marked estimated), else null.
 */
export function priceFor(prices: TPrice[], currency: string, intervalMonths: number): { price: number | null; estimated: boolean } {
  const inCurrency = prices.filter((p) => p.currency === currency);
  const exact = inCurrency.find((p) => p.intervalMonths === intervalMonths);
  if (exact) return { price: exact.amount, estimated: false };
  const nearest = [...inCurrency].sort(
    (a, b) => Math.abs(a.intervalMonths - intervalMonths) - Math.abs(b.intervalMonths - intervalMonths),
  )[0];
  if (!nearest) return { price: null, estimated: false };
  return { price: Math.round((nearest.amount / nearest.intervalMonths) * intervalMonths * 100) / 100, estimated: true };
}

/** Our plans (those a competitor plan is mapped to), each with our list price and theirs beside it. */
export function buildCompetition(
  currency: string,
  intervalMonths: number,
  theirPlans: {
    id: string;
    name: string;
    competitorId: string;
    competitorName: string;
    comparablePlanId: string | null;
    comparablePlanName: string | null;
    comparablePlanCode: string | null;
    comparablePlanTier: number | null;
  }[],
  theirPrices: (TPrice & { competitorPlanId: string })[],
  ourPrices: (TPrice & { planId: string })[],
): TCompetition {
  const rows = new Map<string, TCompetition['rows'][number] & { tier: number }>();
  for (const p of theirPlans) {
    if (!p.comparablePlanId) continue;
    let row = rows.get(p.comparablePlanId);
    if (!row) {
      const ours = ourPrices.find((o) => o.planId === p.comparablePlanId && o.currency === currency && o.intervalMonths === intervalMonths);
      row = {
        planId: p.comparablePlanId,
        planCode: p.comparablePlanCode ?? '',
        planName: p.comparablePlanName ?? '',
        tier: p.comparablePlanTier ?? 0,
        ourPrice: ours?.amount ?? null,
        competitors: [],
      };
      rows.set(p.comparablePlanId, row);
    }
    const { price, estimated } = priceFor(
      theirPrices.filter((x) => x.competitorPlanId === p.id),
      currency,
      intervalMonths,
    );
    const difference = price !== null && row.ourPrice ? Math.round(((price - row.ourPrice) / row.ourPrice) * 10_000) / 10_000 : null;
    row.competitors.push({
      competitorId: p.competitorId,
      competitorName: p.competitorName,
      competitorPlanId: p.id,
      competitorPlanName: p.name,
      price,
      estimated,
      difference,
    });
  }
  return {
    currency,
    intervalMonths,
    rows: [...rows.values()]
      .sort((a, b) => a.tier - b.tier || a.planName.localeCompare(b.planName))
      .map(({ tier: _tier, ...r }) => ({
        ...r,
        competitors: r.competitors.sort((a, b) => a.competitorName.localeCompare(b.competitorName)),
      })),
  };
}
