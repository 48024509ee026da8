// One account's five years of subscription history, as the product would have stored it: the changes as the
// product's op payloads (TChangeOp), replayed by the product's own replay() into line versions, and the account's
// MRR change points made by the product's own accountMrrChanges(). Pure and deterministic per account index.
import {
  accountMrrChanges,
  periodMovements,
  primaryPlan,
  subscriptionFacts,
  type TMetricSettings,
} from '../../apps/server/src/modules/metrics/index.ts';
import { replay, type TChangeOp, type TLineVersion, type TReplayChange } from '../../apps/server/src/modules/subscriptions/index.ts';
import { mulberry32 } from '../../apps/server/src/platform/demo-random.ts';

export { mulberry32 };

export interface TCatalogue {
  /** Plan ids by code: SELF, PRO, ENT (editions, tiers 1–3), SEATS and PS (add-ons), TRIAL (free). */
  plan: Record<'SELF' | 'PRO' | 'ENT' | 'SEATS' | 'PS' | 'TRIAL', string>;
  freePlanIds: ReadonlySet<string>;
  cancelReasonIds: string[];
}

/** Monthly list prices in euros; a yearly price is ten months; kroner and kronor at a fixed list factor. */
export const LIST_EUR = { SELF: 29, PRO: 79, ENT: 199, SEATS: 12, PS: 1500, TRIAL: 0 } as const;
const LIST_FACTOR: Record<string, number> = { EUR: 1, DKK: 7.5, SEK: 11 };
export const CATALOGUE_PLANS = [
  ['SELF', 'Self-service', 1, 'self_service'],
  ['PRO', 'Professional', 2, 'professional'],
  ['ENT', 'Enterprise', 3, 'enterprise'],
  ['SEATS', 'Extra seats', 0, null],
  ['PS', 'Professional Services', 0, null],
  ['TRIAL', 'Free trial', 0, null],
] as const;
export const listPrice = (code: keyof typeof LIST_EUR, currency: string, intervalMonths: number) =>
  Math.round(LIST_EUR[code] * (LIST_FACTOR[currency] ?? 1) * (intervalMonths === 12 ? 10 : intervalMonths));

const TIERS = ['SELF', 'PRO', 'ENT'] as const;
const EDITION_TIER: Record<string, number> = { self_service: 0, professional: 1, enterprise: 2 };
const NAMES: Record<string, string> = Object.fromEntries(CATALOGUE_PLANS.map(([code, name]) => [code, name]));

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const dayOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

export interface TStoryChange {
  kind: string;
  effectiveDate: string;
  seq: number;
  op: TChangeOp;
  reasonId: string | null;
}

export interface TAccountStory {
  subscriptionId: string;
  currency: string;
  intervalMonths: number;
  changes: (TStoryChange & { id: string; mrrBefore: number; mrrAfter: number })[];
  replayed: ReturnType<typeof replay>;
  versions: TLineVersion[];
  mrrChanges: ReturnType<typeof accountMrrChanges>;
  /** As the product's projection stores them next to the change points. */
  periods: ReturnType<typeof periodMovements>;
  facts: ReturnType<typeof subscriptionFacts>;
  primaryPlanId: string | null;
}

export interface TStoryInput {
  index: number;
  marketCode: string;
  edition: string | null;
  /** First and last day of the history (today). */
  from: string;
  today: string;
  catalogue: TCatalogue;
  settings: TMetricSettings;
  /** Units of the reporting currency per unit of `currency` in the month starting on `month` (YYYY-MM-01). */
  rateOf: (currency: string, month: string) => number;
  newId: () => string;
}

/**
 * About ten changes over five years: a start (monthly or yearly, some with a 14-day trial), then seat and
 * price changes, upgrades and downgrades, add-on lines, discounts (lasting or until a date), about one in five
 * cancelling, a quarter of those coming back (reactivation), a few withdrawing their cancellation.
 */
export function accountStory(input: TStoryInput): TAccountStory {
  const { catalogue: cat, today } = input;
  const rand = mulberry32(input.index * 7919 + 365);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const currency = input.marketCode === 'DK' ? 'DKK' : input.marketCode === 'SE' ? 'SEK' : 'EUR';
  let tier = EDITION_TIER[input.edition ?? 'professional'] ?? 1;
  const yearly = rand() < (tier === 2 ? 0.8 : 0.35);
  const intervalMonths = yearly ? 12 : 1;
  const first = dayNumber(input.from);
  const last = dayNumber(today);
  const startDay = first + Math.floor(rand() ** 1.3 * (last - first - 20));
  const changes: TStoryChange[] = [];
  const push = (kind: string, day: number, op: TChangeOp, reasonId: string | null = null) =>
    changes.push({ kind, effectiveDate: dayOf(day), seq: changes.length + 1, op, reasonId });

  let seats = tier === 2 ? int(20, 80) : tier === 1 ? int(5, 25) : int(1, 5);
  const trial = tier < 2 && rand() < 0.15;
  const planCode = TIERS[tier] as (typeof TIERS)[number];
  push('start', startDay, {
    op: 'start',
    lines: [
      {
        planId: cat.plan[planCode],
        description: NAMES[planCode] as string,
        quantity: seats,
        unitPrice: listPrice(planCode, currency, intervalMonths),
        discount: null,
      },
    ],
    termEnd: yearly ? dayOf(startDay + 364) : null,
    autoRenew: true,
    trialEnd: trial ? dayOf(startDay + 13) : null,
  });

  // The later changes on distinct days in order; a cancellation (one in five) somewhere among them.
  const more = int(7, 13);
  const days = [...new Set(Array.from({ length: more }, () => startDay + 1 + Math.floor(rand() * (last - startDay))))]
    .filter((d) => d <= last)
    .sort((a, b) => a - b);
  const cancelAt = rand() < 0.2 ? Math.floor(rand() * (days.length + 1)) : -1;
  const comesBack = rand() < 0.25;
  const lines = new Map<string, { code: string; discount: boolean }>([['L1', { code: planCode, discount: false }]]);
  let nextKey = 2;
  let price = listPrice(planCode, currency, intervalMonths);
  let endedUntil = -1;
  for (const [i, day] of days.entries()) {
    if (day <= endedUntil) continue;
    if (i === cancelAt) {
      const endsOn = yearly ? day + 364 - ((day - startDay) % 365) : day + 29;
      push(
        'cancel_request',
        day,
        { op: 'cancel', endsOn: dayOf(endsOn) },
        cat.cancelReasonIds[int(0, cat.cancelReasonIds.length - 1)] ?? null,
      );
      if (rand() < 0.1 && endsOn - day > 10) {
        push('cancel_withdrawn', day + int(1, Math.min(10, endsOn - day - 1)), { op: 'withdraw_cancel' });
        continue;
      }
      const back = endsOn + int(30, 240);
      if (!comesBack || back > last) break;
      push('reactivation', back, { op: 'reactivate' });
      endedUntil = back;
      continue;
    }
    const r = rand();
    if (r < 0.3) {
      const before = seats;
      seats = Math.max(
        1,
        seats + (rand() < 0.65 ? int(1, Math.max(2, Math.ceil(seats / 4))) : -int(1, Math.max(1, Math.floor(seats / 5)))),
      );
      if (seats !== before) push('quantity', day, { op: 'quantity', lineKey: 'L1', quantity: seats });
    } else if (r < 0.4) {
      price = Math.round(price * (1 + int(3, 6) / 100));
      push('price', day, { op: 'price', lineKey: 'L1', unitPrice: price });
    } else if (r < 0.55) {
      const up = tier === 0 || (tier === 1 && rand() < 0.6);
      tier = up ? Math.min(2, tier + 1) : Math.max(0, tier - 1);
      const code = TIERS[tier] as (typeof TIERS)[number];
      price = listPrice(code, currency, intervalMonths);
      lines.set('L1', { code, discount: lines.get('L1')?.discount ?? false });
      push(up ? 'upgrade' : 'downgrade', day, {
        op: 'change_plan',
        lineKey: 'L1',
        planId: cat.plan[code],
        description: NAMES[code] as string,
        unitPrice: price,
      });
    } else if (r < 0.67) {
      const code = rand() < 0.7 ? 'SEATS' : 'PS';
      const key = `L${nextKey++}`;
      lines.set(key, { code, discount: false });
      const quantity = code === 'SEATS' ? int(2, 10) : 1;
      push('add_on', day, {
        op: 'add_line',
        line: {
          planId: cat.plan[code],
          description: NAMES[code] as string,
          quantity,
          unitPrice: listPrice(code, currency, intervalMonths),
          discount: null,
        },
      });
    } else if (r < 0.74 && lines.size > 1) {
      const key = [...lines.keys()].find((k) => k !== 'L1') as string;
      lines.delete(key);
      push('remove_line', day, { op: 'remove_line', lineKey: key });
    } else if (r < 0.88 && !lines.get('L1')?.discount) {
      const lasting = rand() < 0.4;
      const percent = [5, 10, 15, 20, 25][int(0, 4)] as number;
      (lines.get('L1') as { discount: boolean }).discount = lasting;
      push('discount_added', day, {
        op: 'discount',
        lineKey: 'L1',
        discount: lasting ? { percent, kind: 'lasting' } : { percent, kind: 'until', until: dayOf(day + int(60, 365)) },
      });
    } else if (lines.get('L1')?.discount) {
      (lines.get('L1') as { discount: boolean }).discount = false;
      push('discount_removed', day, { op: 'remove_discount', lineKey: 'L1' });
    } else {
      seats += 1;
      push('quantity', day, { op: 'quantity', lineKey: 'L1', quantity: seats });
    }
  }
  return derive(input, currency, intervalMonths, changes);
}

/** What the product stores for these changes: replay → versions and MRR around each change → account MRR changes. */
function derive(input: TStoryInput, currency: string, intervalMonths: number, story: TStoryChange[]): TAccountStory {
  const withIds = story.map((c) => ({ ...c, id: input.newId() }));
  const subscriptionId = input.newId();
  const replayChanges: TReplayChange[] = withIds.map((c) => ({ id: c.id, effectiveDate: c.effectiveDate, seq: c.seq, op: c.op }));
  const replayed = replay({ intervalMonths, freePlanIds: input.catalogue.freePlanIds }, replayChanges, input.today);
  // As cancellationDaysOfAccount: the latest cancel request not withdrawn, reactivated or renewed since.
  const cancelledOn = new Map<string, string>();
  for (const c of [...withIds].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.seq - b.seq,
  )) {
    if (c.kind === 'cancel_request') cancelledOn.set(subscriptionId, c.effectiveDate);
    else if (['cancel_withdrawn', 'reactivation', 'renewal'].includes(c.kind)) cancelledOn.delete(subscriptionId);
  }
  const lines = replayed.versions.map((v) => ({ ...v, subscriptionId, currency }));
  const mrrChanges = accountMrrChanges(lines, input.settings, input.rateOf, cancelledOn);
  return {
    currency,
    intervalMonths,
    changes: withIds.map((c) => ({
      ...c,
      mrrBefore: replayed.mrrAround.get(c.id)?.before ?? 0,
      mrrAfter: replayed.mrrAround.get(c.id)?.after ?? 0,
    })),
    replayed,
    versions: replayed.versions,
    mrrChanges,
    periods: periodMovements(mrrChanges),
    facts: subscriptionFacts(lines),
    primaryPlanId: primaryPlan(lines),
    subscriptionId,
  };
}
