/**
 * The replay: a subscription's line versions, status and MRR, rebuilt from its effective-dated changes.
 * Pure (no database), so a back-dated change simply replays the whole history again, and every metric
 * follows. Dates are ISO days ("2024-03-01"); a version's `validTo` is exclusive; `endsOn` and term ends
 * are the last day included.
 */

export type TDiscountKind = 'lasting' | 'once' | 'until';

import { createTermLog, type TTerm } from './subscriptions.terms.ts';

export interface TDiscount {
  percent: number;
  kind: TDiscountKind;
  /** For "until": the last day the discount applies. */
  until?: string | null;
}
export interface TLineInput {
  key?: string;
  planId: string | null;
  description: string;
  quantity: number;
  /** Per unit and billing interval, major units. */
  unitPrice: number;
  discount?: TDiscount | null;
}
export interface TTerms {
  termStart?: string;
  termEnd?: string | null;
  autoRenew?: boolean;
  trialEnd?: string | null;
}

/** The operation a change performs; stored as the change's payload. */
export type TChangeOp =
  | ({ op: 'start'; lines: TLineInput[] } & TTerms)
  | { op: 'add_line'; line: TLineInput }
  | { op: 'remove_line'; lineKey: string }
  | { op: 'change_plan'; lineKey: string; planId: string | null; description: string; unitPrice: number; quantity?: number }
  | { op: 'quantity'; lineKey: string; quantity: number }
  | { op: 'price'; lineKey: string; unitPrice: number }
  | { op: 'discount'; lineKey: string; discount: TDiscount }
  | { op: 'remove_discount'; lineKey: string }
  | ({ op: 'terms' } & TTerms)
  | { op: 'cancel'; endsOn: string }
  | { op: 'withdraw_cancel' }
  | ({ op: 'reactivate'; lines?: TLineInput[] } & TTerms)
  | ({ op: 'renew'; termStart: string; termEnd: string | null; lines?: TLineInput[] } & TTerms)
  | { op: 'end' };

export interface TReplayChange {
  id: string;
  effectiveDate: string;
  seq: number;
  op: TChangeOp;
}

export interface TLineVersion {
  lineKey: string;
  validFrom: string;
  validTo: string | null;
  planId: string | null;
  description: string;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  trial: boolean;
  free: boolean;
  mrrCents: number;
  mrrUndiscountedCents: number;
}

export interface TReplayResult {
  versions: TLineVersion[];
  /** The subscription's MRR (cents, house conventions) just before and just after each change. */
  mrrAround: Map<string, { before: number; after: number }>;
  status: 'scheduled' | 'trial' | 'active' | 'cancelling' | 'ended';
  /** The last day paid for, when an end is set (a cancellation, or a term that does not renew). */
  endsOn: string | null;
  termStart: string;
  termEnd: string | null;
  autoRenew: boolean;
  trialEnd: string | null;
  /** The MRR on `today`, in cents. */
  mrrCents: number;
  /** The lines in force on `today` (or the last ones, once ended). */
  currentLines: TLineVersion[];
  /** Every term so far (subscriptions.terms.ts), auto-renewing ones rolled up to today. */
  terms: TTerm[];
}

export const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** A line's MRR in cents: price × quantity × (1 − discount) ÷ months in the interval, rounded to the cent. */
export const lineMrrCents = (unitPrice: number, quantity: number, discountPercent: number, intervalMonths: number) =>
  Math.round((unitPrice * 100 * quantity * (1 - discountPercent / 100)) / intervalMonths);

interface TLineState extends TLineInput {
  key: string;
}

interface TState {
  lines: Map<string, TLineState>;
  started: boolean;
  /** Set by a cancellation or an explicit end: the last day paid. */
  cancelEndsOn: string | null;
  ended: boolean;
  terms: Required<TTerms>;
}

function activeDiscount(line: TLineState, day: string): number {
  const d = line.discount;
  if (!d || d.kind === 'once') return 0;
  if (d.kind === 'until' && d.until && day > d.until) return 0;
  return d.percent;
}

/** The day after the last paid one when the subscription is set to end, else null. */
function endBoundary(s: TState): string | null {
  if (s.cancelEndsOn) return addDays(s.cancelEndsOn, 1);
  if (!s.terms.autoRenew && s.terms.termEnd) return addDays(s.terms.termEnd, 1);
  return null;
}

export interface TReplaySubscription {
  intervalMonths: number;
  /** Plans that are free (METRICS.md: a free plan's subscriber is not a paying customer). */
  freePlanIds: ReadonlySet<string>;
}

export function replay(sub: TReplaySubscription, changes: readonly TReplayChange[], today: string): TReplayResult {
  const sorted = [...changes].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.seq - b.seq,
  );
  const s: TState = {
    lines: new Map(),
    started: false,
    cancelEndsOn: null,
    ended: false,
    terms: { termStart: sorted[0]?.effectiveDate ?? today, termEnd: null, autoRenew: true, trialEnd: null },
  };
  const terms = createTermLog(today);
  let nextKey = 1;
  const keyFor = (l: TLineInput) => l.key ?? `L${nextKey++}`;
  const setLines = (lines: TLineInput[]) => {
    s.lines = new Map(lines.map((l) => ({ ...l, key: keyFor(l) })).map((l) => [l.key, l]));
    for (const l of s.lines.keys()) {
      const n = Number(l.slice(1));
      if (l.startsWith('L') && n >= nextKey) nextKey = n + 1;
    }
  };
  const applyTerms = (t: TTerms) => {
    for (const k of ['termStart', 'termEnd', 'autoRenew', 'trialEnd'] as const)
      if (t[k] !== undefined) (s.terms as Record<string, unknown>)[k] = t[k];
  };
  const line = (key: string) => s.lines.get(key);

  const snapshot = (day: string): TLineVersion[] => {
    if (!s.started || s.ended) return [];
    const trial = !!s.terms.trialEnd && day <= s.terms.trialEnd;
    return [...s.lines.values()].map((l) => {
      const pct = activeDiscount(l, day);
      const free = !!l.planId && sub.freePlanIds.has(l.planId);
      return {
        lineKey: l.key,
        validFrom: day,
        validTo: null,
        planId: l.planId,
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPercent: pct,
        trial,
        free,
        mrrCents: trial ? 0 : lineMrrCents(l.unitPrice, l.quantity, pct, sub.intervalMonths),
        mrrUndiscountedCents: trial ? 0 : lineMrrCents(l.unitPrice, l.quantity, 0, sub.intervalMonths),
      };
    });
  };
  const mrrOf = (day: string) => snapshot(day).reduce((sum, v) => sum + v.mrrCents, 0);

  const apply = (c: TReplayChange) => {
    const o = c.op;
    switch (o.op) {
      case 'start':
        setLines(o.lines);
        s.started = true;
        s.ended = false;
        s.cancelEndsOn = null;
        applyTerms({ termStart: c.effectiveDate, ...o });
        terms.open(s.terms.termStart, s.terms.termEnd, s.terms.autoRenew);
        return;
      case 'add_line': {
        const l = { ...o.line, key: keyFor(o.line) };
        s.lines.set(l.key, l);
        return;
      }
      case 'remove_line':
        s.lines.delete(o.lineKey);
        return;
      case 'change_plan': {
        const l = line(o.lineKey);
        if (l)
          s.lines.set(l.key, {
            ...l,
            planId: o.planId,
            description: o.description,
            unitPrice: o.unitPrice,
            quantity: o.quantity ?? l.quantity,
          });
        return;
      }
      case 'quantity':
      case 'price':
      case 'discount':
      case 'remove_discount': {
        const l = line(o.lineKey);
        if (!l) return;
        if (o.op === 'quantity') s.lines.set(l.key, { ...l, quantity: o.quantity });
        if (o.op === 'price') s.lines.set(l.key, { ...l, unitPrice: o.unitPrice });
        if (o.op === 'discount') s.lines.set(l.key, { ...l, discount: o.discount });
        if (o.op === 'remove_discount') s.lines.set(l.key, { ...l, discount: null });
        return;
      }
      case 'terms':
        applyTerms(o);
        terms.update(s.terms.termEnd, s.terms.autoRenew);
        return;
      case 'cancel':
        s.cancelEndsOn = o.endsOn;
        return;
      case 'withdraw_cancel':
        s.cancelEndsOn = null;
        return;
      case 'end':
        s.cancelEndsOn = addDays(c.effectiveDate, -1);
        return;
      case 'reactivate':
      case 'renew':
        if (o.lines) setLines(o.lines);
        s.started = true;
        s.ended = false;
        s.cancelEndsOn = null;
        applyTerms(o.op === 'reactivate' ? { termStart: c.effectiveDate, ...o } : o);
        if (o.op === 'reactivate' && o.termEnd === undefined) s.terms.termEnd = null;
        terms.open(s.terms.termStart, s.terms.termEnd, s.terms.autoRenew);
        return;
    }
  };

  const versions: TLineVersion[] = [];
  const open = new Map<string, TLineVersion>();
  const emit = (day: string) => {
    const now = new Map(snapshot(day).map((v) => [v.lineKey, v]));
    for (const [key, v] of open) {
      const n = now.get(key);
      if (n && sameVersion(v, n)) now.delete(key);
      else {
        v.validTo = day;
        open.delete(key);
      }
    }
    for (const [key, v] of now) {
      open.set(key, v);
      versions.push(v);
    }
  };

  const mrrAround = new Map<string, { before: number; after: number }>();
  let i = 0;
  let day = sorted[0]?.effectiveDate;
  while (day !== undefined) {
    // The day's time-based boundaries first (an end or a discount expiring today), then its changes. A term
    // that ends the day before a renewal (or an explicit end) of today is left to that change, so the MRR
    // "before" it is the ending term's.
    const end = endBoundary(s);
    const endsByChange = sorted.slice(i).some((c) => c.effectiveDate === day && (c.op.op === 'renew' || c.op.op === 'end'));
    const stop = (boundary: string) => {
      if (!s.ended) terms.end(addDays(boundary, -1));
      s.ended = true;
    };
    if (end && day >= end && !endsByChange) stop(end);
    if (s.started && !s.ended) terms.roll(day);
    for (let c = sorted[i]; c && c.effectiveDate === day; c = sorted[++i]) {
      const before = mrrOf(day);
      apply(c);
      const endAfter = endBoundary(s);
      if (endAfter && day >= endAfter) stop(endAfter);
      mrrAround.set(c.id, { before, after: mrrOf(day) });
    }
    emit(day);
    day = nextBoundary(s, day, sorted[i]?.effectiveDate);
  }

  const finishTerms = () => {
    if (s.started && !s.ended) terms.roll(today);
    return terms.finish(versions);
  };
  const current = versions.filter((v) => v.validFrom <= today && (v.validTo === null || v.validTo > today));
  const status = statusOn(s, sorted, current, today);
  const lastFrom = versions.reduce<string | null>((m, v) => (m === null || v.validFrom > m ? v.validFrom : m), null);
  return {
    versions,
    mrrAround,
    status,
    endsOn: s.cancelEndsOn ?? (!s.terms.autoRenew ? s.terms.termEnd : null),
    // Renewed term after term until today, or until the last paid day of a cancellation, whichever is first.
    ...currentTerm(
      s.terms.termStart,
      s.terms.termEnd,
      s.terms.autoRenew,
      s.cancelEndsOn && s.cancelEndsOn < today ? s.cancelEndsOn : today,
    ),
    autoRenew: s.terms.autoRenew,
    trialEnd: s.terms.trialEnd,
    mrrCents: current.reduce((sum, v) => sum + v.mrrCents, 0),
    currentLines: current.length || status !== 'ended' ? current : versions.filter((v) => v.validFrom === lastFrom),
    terms: finishTerms(),
  };
}

const sameVersion = (a: TLineVersion, b: TLineVersion) =>
  a.planId === b.planId &&
  a.description === b.description &&
  a.quantity === b.quantity &&
  a.unitPrice === b.unitPrice &&
  a.discountPercent === b.discountPercent &&
  a.trial === b.trial &&
  a.free === b.free;

/** The next day something can change: the next change, a discount expiring, the trial ending, the end. */
function nextBoundary(s: TState, day: string, nextChange: string | undefined): string | undefined {
  const candidates: string[] = [];
  if (nextChange) candidates.push(nextChange);
  if (s.started && !s.ended) {
    const end = endBoundary(s);
    if (end && end > day) candidates.push(end);
    if (s.terms.trialEnd && addDays(s.terms.trialEnd, 1) > day) candidates.push(addDays(s.terms.trialEnd, 1));
    for (const l of s.lines.values())
      if (l.discount?.kind === 'until' && l.discount.until && addDays(l.discount.until, 1) > day)
        candidates.push(addDays(l.discount.until, 1));
  }
  return candidates.length ? candidates.sort()[0] : undefined;
}

function statusOn(s: TState, sorted: readonly TReplayChange[], current: readonly TLineVersion[], today: string): TReplayResult['status'] {
  const first = sorted[0];
  if (!first || first.effectiveDate > today) return 'scheduled';
  if (!current.length) return 'ended';
  if (current.some((v) => v.trial)) return 'trial';
  const endsOn = s.cancelEndsOn ?? (!s.terms.autoRenew ? s.terms.termEnd : null);
  return endsOn && endsOn >= today && s.cancelEndsOn ? 'cancelling' : 'active';
}

/** An auto-renewing term whose end has passed has renewed itself, term after term: the one that contains today. */
export function currentTerm(
  termStart: string,
  termEnd: string | null,
  renews: boolean,
  today: string,
): { termStart: string; termEnd: string | null } {
  if (!renews || !termEnd || termEnd >= today) return { termStart, termEnd };
  const a = new Date(`${termStart}T00:00:00Z`);
  const b = new Date(`${addDays(termEnd, 1)}T00:00:00Z`);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  const whole = months > 0 && a.getUTCDate() === b.getUTCDate();
  const days = Math.round((b.getTime() - a.getTime()) / 86_400_000);
  let start = termStart;
  let end: string = termEnd;
  for (let i = 0; i < 1000 && end < today; i++) {
    start = addDays(end, 1);
    if (whole) {
      const d = new Date(`${start}T00:00:00Z`);
      end = addDays(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate())).toISOString().slice(0, 10), -1);
    } else end = addDays(start, days - 1);
  }
  return { termStart: start, termEnd: end };
}
