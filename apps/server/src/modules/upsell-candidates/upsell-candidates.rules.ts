/**
 * Which accounts are upsell candidates, and why: pure rules over today's paying subscription lines, their
 * recent history and the catalogue, so each rule is tested alone and a new signal (product usage, issue 8)
 * is one more function in RULES reading one more field of the input.
 */

export const UPSELL_REASONS = ['near_limit', 'at_limit', 'over_limit', 'below_segment_tier', 'growing_quantity', 'cross_sell'] as const;
export type TUpsellReasonCode = (typeof UPSELL_REASONS)[number];

/** One reason, with the figures that explain it (null where they do not apply). */
export interface TUpsellReason {
  code: TUpsellReasonCode;
  /** The plan the reason is about: the limited plan, the plan the segment usually buys, or the add-on others take. */
  planId: string | null;
  /** Users or licences the subscription holds, and the plan's limit (limit reasons). */
  units: number | null;
  maxUnits: number | null;
  /** units / maxUnits (limit reasons), or the share of the segment's customers on that plan (segment, cross-sell), in percent. */
  percent: number | null;
  /** Quantity increases in the look-back window (growing_quantity). */
  increases: number | null;
}

export interface TRulePlan {
  id: string;
  productId: string;
  productKind: 'edition' | 'addon' | 'service';
  tier: number;
  isFree: boolean;
  archived: boolean;
  includedUnits: number | null;
  maxUnits: number | null;
  /** List prices per unit and billing interval, major units. */
  prices: { currency: string; intervalMonths: number; amount: number }[];
}

/** A version of a line of an active subscription: today's, or an earlier one still inside the look-back window. */
export interface TRuleLine {
  accountId: string;
  subscriptionId: string;
  lineKey: string;
  planId: string | null;
  quantity: number;
  currency: string;
  intervalMonths: number;
  /** Per unit and billing interval, major units. */
  unitPrice: number;
  validFrom: string;
  /** Exclusive; null while it runs. */
  validTo: string | null;
  /** Trial days or a free plan: not paying (METRICS.md), so not counted. */
  paying: boolean;
}

export interface TRuleInput {
  today: string;
  /** The first day of the growth look-back window. */
  since: string;
  /** The organisation's threshold share of a plan's user limit, in percent. */
  limitThresholdPercent: number;
  /** The active (not archived) accounts, with their segment. */
  accounts: { id: string; segment: string | null }[];
  plans: TRulePlan[];
  lines: TRuleLine[];
}

export interface TCandidate {
  accountId: string;
  reasons: TUpsellReason[];
  planId: string | null;
  nextPlanId: string | null;
  mrrDifferenceCents: number | null;
  currency: string | null;
  limitPercent: number | null;
}

/** Quantity increases on the same line within the window that make "grew repeatedly". */
export const GROWTH_MIN_INCREASES = 2;
export const GROWTH_LOOKBACK_DAYS = 180;
/** A segment's "usual" edition or add-on: held by at least this share of its customers, of at least MIN_PEERS. */
export const USUAL_SHARE_PERCENT = 60;
export const MIN_PEERS = 3;

const EPS = 1e-9;
const reason = (code: TUpsellReasonCode, fields: Partial<Omit<TUpsellReason, 'code'>> = {}): TUpsellReason => ({
  code,
  planId: null,
  units: null,
  maxUnits: null,
  percent: null,
  increases: null,
  ...fields,
});

/** What the rules share: today's paying lines per account, each account's edition line, the plans by id. */
export interface TRuleContext {
  input: TRuleInput;
  plans: Map<string, TRulePlan>;
  current: Map<string, TRuleLine[]>;
  edition: Map<string, TRuleLine>;
  segmentOf: Map<string, string | null>;
}

export function buildContext(input: TRuleInput): TRuleContext {
  const plans = new Map(input.plans.map((p) => [p.id, p]));
  const known = new Set(input.accounts.map((a) => a.id));
  const current = new Map<string, TRuleLine[]>();
  for (const l of input.lines) {
    const today = l.validFrom <= input.today && (l.validTo === null || l.validTo > input.today);
    const plan = l.planId ? plans.get(l.planId) : undefined;
    if (!today || !l.paying || plan?.isFree || !known.has(l.accountId)) continue;
    current.set(l.accountId, [...(current.get(l.accountId) ?? []), l]);
  }
  const edition = new Map<string, TRuleLine>();
  for (const [accountId, lines] of current) {
    let best: TRuleLine | undefined;
    for (const l of lines) {
      const p = l.planId ? plans.get(l.planId) : undefined;
      if (p?.productKind !== 'edition') continue;
      const bp = best?.planId ? plans.get(best.planId) : undefined;
      if (!best || !bp || p.tier > bp.tier) best = l;
    }
    if (best) edition.set(accountId, best);
  }
  return { input, plans, current, edition, segmentOf: new Map(input.accounts.map((a) => [a.id, a.segment])) };
}

/** Users or licences a line gives: quantity × what one unit includes (a plan with a limit but no count: one per unit). */
function unitsOf(line: TRuleLine, plan: TRulePlan | undefined): number {
  if (!plan) return 0;
  const per = plan.includedUnits ?? (plan.maxUnits !== null ? 1 : 0);
  return line.quantity * per;
}

/** Near, at or over a plan's user limit: the subscription's users against the limit of each of its plans that has one. */
export function limitReasons(ctx: TRuleContext, accountId: string): TUpsellReason[] {
  const bySubscription = new Map<string, TRuleLine[]>();
  for (const l of ctx.current.get(accountId) ?? [])
    bySubscription.set(l.subscriptionId, [...(bySubscription.get(l.subscriptionId) ?? []), l]);
  let top: TUpsellReason | null = null;
  for (const lines of bySubscription.values()) {
    const units = lines.reduce((sum, l) => sum + unitsOf(l, l.planId ? ctx.plans.get(l.planId) : undefined), 0);
    for (const l of lines) {
      const plan = l.planId ? ctx.plans.get(l.planId) : undefined;
      if (!plan || plan.maxUnits === null) continue;
      // In whole percent points, so exactly the threshold counts whatever the floating point says.
      if (units * 100 + EPS < ctx.input.limitThresholdPercent * plan.maxUnits) continue;
      const code = units > plan.maxUnits + EPS ? 'over_limit' : units >= plan.maxUnits - EPS ? 'at_limit' : 'near_limit';
      const percent = Math.floor((units * 100) / plan.maxUnits + EPS);
      if (!top || percent > (top.percent ?? 0))
        top = reason(code, { planId: plan.id, units: Math.round(units * 100) / 100, maxUnits: plan.maxUnits, percent });
    }
  }
  return top ? [top] : [];
}

/** Per segment: how many of its customers hold an edition, and which tier and add-on products they hold. */
function segmentStats(ctx: TRuleContext) {
  const stats = new Map<string, { total: number; tiers: Map<number, Map<string, number>>; products: Map<string, Map<string, number>> }>();
  for (const [accountId, line] of ctx.edition) {
    const segment = ctx.segmentOf.get(accountId);
    const plan = line.planId ? ctx.plans.get(line.planId) : undefined;
    if (!segment || !plan) continue;
    const s = stats.get(segment) ?? { total: 0, tiers: new Map(), products: new Map() };
    stats.set(segment, s);
    s.total += 1;
    const atTier = s.tiers.get(plan.tier) ?? new Map<string, number>();
    s.tiers.set(plan.tier, atTier.set(plan.id, (atTier.get(plan.id) ?? 0) + 1));
    const seen = new Set<string>();
    for (const l of ctx.current.get(accountId) ?? []) {
      const p = l.planId ? ctx.plans.get(l.planId) : undefined;
      if (!p || p.productKind === 'edition' || seen.has(p.productId)) continue;
      seen.add(p.productId);
      const plansOf = s.products.get(p.productId) ?? new Map<string, number>();
      s.products.set(p.productId, plansOf.set(p.id, (plansOf.get(p.id) ?? 0) + 1));
    }
  }
  return stats;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const mostCommon = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
const usual = (count: number, total: number) => total >= MIN_PEERS && count * 100 >= USUAL_SHARE_PERCENT * total;

/** On a lower tier than the edition most of its segment buys, and add-on products most of its segment takes but it does not. */
export function segmentReasons(ctx: TRuleContext, stats: ReturnType<typeof segmentStats>, accountId: string): TUpsellReason[] {
  const line = ctx.edition.get(accountId);
  const segment = ctx.segmentOf.get(accountId);
  const plan = line?.planId ? ctx.plans.get(line.planId) : undefined;
  const s = segment ? stats.get(segment) : undefined;
  if (!plan || !s) return [];
  const out: TUpsellReason[] = [];
  const [usualTier, atTier] = [...s.tiers.entries()].sort((a, b) => sum(b[1]) - sum(a[1]) || a[0] - b[0])[0] ?? [];
  if (usualTier !== undefined && atTier && plan.tier < usualTier && usual(sum(atTier), s.total))
    out.push(reason('below_segment_tier', { planId: mostCommon(atTier), percent: Math.floor((sum(atTier) * 100) / s.total) }));
  const held = new Set((ctx.current.get(accountId) ?? []).map((l) => (l.planId ? ctx.plans.get(l.planId)?.productId : undefined)));
  for (const [productId, plansOf] of [...s.products.entries()].sort((a, b) => sum(b[1]) - sum(a[1]))) {
    if (held.has(productId) || !usual(sum(plansOf), s.total)) continue;
    out.push(reason('cross_sell', { planId: mostCommon(plansOf), percent: Math.floor((sum(plansOf) * 100) / s.total) }));
  }
  return out;
}

/** Bought more of a line at least twice inside the look-back window. */
export function growthReasons(ctx: TRuleContext, accountId: string): TUpsellReason[] {
  const active = new Set((ctx.current.get(accountId) ?? []).map((l) => l.subscriptionId));
  const byLine = new Map<string, TRuleLine[]>();
  for (const l of ctx.input.lines) {
    if (l.accountId !== accountId || !active.has(l.subscriptionId) || l.validFrom > ctx.input.today) continue;
    const key = `${l.subscriptionId}/${l.lineKey}`;
    byLine.set(key, [...(byLine.get(key) ?? []), l]);
  }
  let increases = 0;
  for (const versions of byLine.values()) {
    versions.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (let i = 1; i < versions.length; i++) {
      const [prev, next] = [versions[i - 1], versions[i]];
      if (prev && next && next.validFrom >= ctx.input.since && next.quantity > prev.quantity + EPS) increases += 1;
    }
  }
  return increases >= GROWTH_MIN_INCREASES ? [reason('growing_quantity', { increases })] : [];
}

/** The next plan up the ladder: the same product's lowest tier above, not free, not archived. */
export function nextPlanUp(plans: TRulePlan[], plan: TRulePlan): TRulePlan | null {
  const above = plans.filter((p) => p.productId === plan.productId && p.tier > plan.tier && !p.isFree && !p.archived);
  return above.sort((a, b) => a.tier - b.tier || a.id.localeCompare(b.id))[0] ?? null;
}

const listPrice = (plan: TRulePlan, currency: string, intervalMonths: number) =>
  plan.prices.find((p) => p.currency === currency && p.intervalMonths === intervalMonths)?.amount ?? null;

/**
 * What moving the line to `next` adds per month, in cents of the line's currency: the difference of the list
 * prices; when the catalogue has none in that currency, the line's own price scaled by the plans' list-price
 * ratio in a currency both are priced in (a customer billed in kroner against a catalogue in euros).
 */
export function mrrDifferenceCents(line: TRuleLine, plan: TRulePlan, next: TRulePlan): number | null {
  const perMonth = (perInterval: number) => Math.round((perInterval * line.quantity * 100) / line.intervalMonths);
  const [from, to] = [listPrice(plan, line.currency, line.intervalMonths), listPrice(next, line.currency, line.intervalMonths)];
  if (from !== null && to !== null) return perMonth(to - from);
  const shared = plan.prices
    .filter((p) => p.intervalMonths === line.intervalMonths && p.amount > 0)
    .map((p) => [p.amount, listPrice(next, p.currency, line.intervalMonths)] as const)
    .find(([, other]) => other !== null);
  return shared ? perMonth(line.unitPrice * ((shared[1] ?? 0) / shared[0] - 1)) : null;
}

/** Every candidate of the organisation today, with its reasons, plan, next plan and the MRR the move adds at list price. */
export function findCandidates(input: TRuleInput): TCandidate[] {
  const ctx = buildContext(input);
  const stats = segmentStats(ctx);
  const out: TCandidate[] = [];
  for (const { id: accountId } of input.accounts) {
    if (!ctx.current.has(accountId)) continue;
    const reasons = [...limitReasons(ctx, accountId), ...segmentReasons(ctx, stats, accountId), ...growthReasons(ctx, accountId)];
    if (!reasons.length) continue;
    const limited = reasons.find((r) => r.maxUnits !== null);
    const line = ctx.edition.get(accountId) ?? (ctx.current.get(accountId) ?? []).find((l) => l.planId === limited?.planId);
    const plan = line?.planId ? ctx.plans.get(line.planId) : undefined;
    const next = plan ? nextPlanUp(input.plans, plan) : null;
    out.push({
      accountId,
      reasons,
      planId: plan?.id ?? null,
      nextPlanId: next?.id ?? null,
      mrrDifferenceCents: line && plan && next ? mrrDifferenceCents(line, plan, next) : null,
      currency: line?.currency ?? null,
      limitPercent: limited?.percent ?? null,
    });
  }
  return out;
}
