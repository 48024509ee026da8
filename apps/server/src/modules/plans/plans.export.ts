import { csvLine } from '../../platform/http/csv.ts';
import type { TPlan } from './plans.schemas.ts';

/** The catalogue as CSV: one line per plan, one column per currency and interval that any plan is priced in ("EUR_12m"). */
export function planCsv(plans: TPlan[]): string {
  const priceKeys = [...new Set(plans.flatMap((p) => p.prices.map((x) => `${x.currency}_${x.intervalMonths}m`)))].sort((a, b) => {
    const [ca, ma] = a.split('_');
    const [cb, mb] = b.split('_');
    return (ca ?? '').localeCompare(cb ?? '') || Number.parseInt(ma ?? '', 10) - Number.parseInt(mb ?? '', 10);
  });
  const head = [
    'code',
    'name',
    'product',
    'kind',
    'tier',
    'free',
    'trial_days',
    'edition',
    'included_units',
    'max_units',
    'features',
    ...priceKeys,
    'archived_at',
  ];
  let out = `\ufeff${csvLine(head)}`;
  for (const p of plans) {
    const price = (k: string) => p.prices.find((x) => `${x.currency}_${x.intervalMonths}m` === k)?.amount.toFixed(2) ?? '';
    out += csvLine([
      p.code,
      p.name,
      p.productName,
      p.productKind,
      p.tier,
      p.isFree,
      p.trialDays,
      p.edition,
      p.includedUnits,
      p.maxUnits,
      p.featureCount,
      ...priceKeys.map(price),
      p.archivedAt,
    ]);
  }
  return out;
}
