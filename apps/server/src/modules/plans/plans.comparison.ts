import type { TComparison, TFeature } from './plans.schemas.ts';

/**
 * The side-by-side comparison from plans, their prices and their feature rows: a pure helper, so the grid's
 * rules (grouping, a feature no plan offers is left out, a plan without a price still shows) are tested alone.
 */
export function buildComparison(
  currency: string,
  intervalMonths: number,
  plans: {
    id: string;
    code: string;
    name: string;
    description: string | null;
    productName: string;
    tier: number;
    isFree: boolean;
    trialDays: number;
    includedUnits: number | null;
    maxUnits: number | null;
  }[],
  prices: { planId: string; currency: string; intervalMonths: number; amount: number }[],
  cells: { planId: string; featureId: string; limitValue: number | null; note: string | null; isKey: boolean }[],
  features: TFeature[],
): TComparison {
  const ordered = [...plans].sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name));
  const priceOf = (planId: string) =>
    prices.find((p) => p.planId === planId && p.currency === currency && p.intervalMonths === intervalMonths)?.amount ?? null;
  const cellOf = new Map(cells.map((c) => [`${c.planId}/${c.featureId}`, c]));
  const offered = new Set(cells.map((c) => c.featureId));
  const groups: TComparison['groups'] = [];
  for (const f of features) {
    if (!offered.has(f.id)) continue;
    let group = groups.find((g) => g.name === f.groupName);
    if (!group) {
      group = { name: f.groupName, features: [] };
      groups.push(group);
    }
    group.features.push({
      id: f.id,
      key: f.key,
      name: f.name,
      description: f.description,
      cells: ordered.map((p) => {
        const c = cellOf.get(`${p.id}/${f.id}`);
        return { planId: p.id, included: Boolean(c), limitValue: c?.limitValue ?? null, note: c?.note ?? null, isKey: c?.isKey ?? false };
      }),
    });
  }
  // Ungrouped features last.
  groups.sort((a, b) => (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0));
  return {
    currency,
    intervalMonths,
    plans: ordered.map((p) => {
      const price = p.isFree ? 0 : priceOf(p.id);
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        description: p.description,
        productName: p.productName,
        tier: p.tier,
        isFree: p.isFree,
        trialDays: p.trialDays,
        includedUnits: p.includedUnits,
        maxUnits: p.maxUnits,
        price,
        monthlyPrice: price === null ? null : Math.round((price / intervalMonths) * 100) / 100,
      };
    }),
    groups,
  };
}
