import type { TChangeKind } from './subscriptions.schemas.ts';
import { addDays, type TChangeOp } from './subscriptions.timeline.ts';

/**
 * Imported history in the "periods" form — one row per paid period of a customer (`start_date` inclusive,
 * `end_date` exclusive or empty, `monthly_amount`) — turned into subscriptions with effective-dated changes:
 * a customer's periods that follow each other are one subscription and each period is one of its terms (its
 * last day the day before `end_date`, not renewing by itself): the next period renews it with its own lines
 * (the change is named an upgrade or downgrade when the plan changes), a gap ends it and the next period
 * reactivates it, and a period that overlaps another is a second subscription. The renewals report counts
 * those terms. Pure, so the same file gives
 * the same changes every time (re-importing it changes nothing).
 */

export interface TPeriodRow {
  rowNumber: number;
  customerId: string;
  startDate: string;
  /** Exclusive; null while it runs. */
  endDate: string | null;
  monthlyAmount: number;
  planId: string | null;
  planLabel: string | null;
  planTier: number;
  currency: string;
  quantity: number;
}

export interface TImportedChange {
  externalId: string;
  kind: TChangeKind;
  effectiveDate: string;
  op: TChangeOp;
  /** Free text kept with the change (the changes form's comment). */
  comment?: string | null;
  /** The organisation's cancel reason (the changes form's reason column), its label for the timeline entry. */
  reasonId?: string | null;
  reasonLabel?: string | null;
  /** The competitor a cancellation was lost to. */
  competitorId?: string | null;
}

export interface TImportedSubscription {
  externalId: string;
  customerId: string;
  currency: string;
  termStart: string;
  /** Months in the billing interval (1 when not given). */
  intervalMonths?: number;
  changes: TImportedChange[];
  /** The rows of the file it was made from (an import counts them by what writing it did). */
  rowNumbers: number[];
}

const unitPriceOf = (r: TPeriodRow) => Math.round((r.monthlyAmount / r.quantity) * 100) / 100;
const lineOf = (r: TPeriodRow) => ({
  key: 'L1',
  planId: r.planId,
  description: r.planLabel ?? 'Subscription',
  quantity: r.quantity,
  unitPrice: unitPriceOf(r),
});

export function periodsToSubscriptions(rows: readonly TPeriodRow[]): TImportedSubscription[] {
  const byCustomer = new Map<string, TPeriodRow[]>();
  for (const r of rows) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r]);
  const out: TImportedSubscription[] = [];
  for (const [customerId, list] of byCustomer) {
    const sorted = [...list].sort((a, b) => (a.startDate === b.startDate ? a.rowNumber - b.rowNumber : a.startDate < b.startDate ? -1 : 1));
    // Slots: each a chain of periods that do not overlap; a period joins the first slot free by its start.
    const slots: { rows: TPeriodRow[]; freeFrom: string | null }[] = [];
    for (const r of sorted) {
      const slot = slots.find((s) => s.freeFrom !== null && s.freeFrom <= r.startDate && s.rows[0]?.currency === r.currency);
      if (slot) {
        slot.rows.push(r);
        slot.freeFrom = r.endDate;
      } else slots.push({ rows: [r], freeFrom: r.endDate });
    }
    slots.forEach((slot, n) => {
      out.push(chainToSubscription(`periods:${customerId}:${n + 1}`, customerId, slot.rows));
    });
  }
  return out;
}

function chainToSubscription(externalId: string, customerId: string, chain: TPeriodRow[]): TImportedSubscription {
  const changes: TImportedChange[] = [];
  const add = (kind: TChangeKind, effectiveDate: string, op: TChangeOp) =>
    changes.push({ externalId: `${externalId}:${changes.length + 1}`, kind, effectiveDate, op });
  let prev: TPeriodRow | null = null;
  for (const r of chain) {
    const termEnd = r.endDate ? addDays(r.endDate, -1) : null;
    if (!prev) add('start', r.startDate, { op: 'start', lines: [lineOf(r)], termEnd, autoRenew: false, trialEnd: null });
    else if (prev.endDate !== r.startDate) {
      if (prev.endDate) add('end', prev.endDate, { op: 'end' });
      add('reactivation', r.startDate, { op: 'reactivate', lines: [lineOf(r)], termEnd, autoRenew: false });
    } else {
      const otherPlan = prev.planId !== r.planId || prev.planLabel !== r.planLabel;
      const up = r.planTier > prev.planTier || (r.planTier === prev.planTier && r.monthlyAmount > prev.monthlyAmount);
      const down = r.planTier < prev.planTier || (r.planTier === prev.planTier && r.monthlyAmount < prev.monthlyAmount);
      add(otherPlan ? (up ? 'upgrade' : down ? 'downgrade' : 'plan_change') : 'renewal', r.startDate, {
        op: 'renew',
        termStart: r.startDate,
        termEnd,
        autoRenew: false,
        lines: [lineOf(r)],
      });
    }
    prev = r;
  }
  if (prev?.endDate) add('end', prev.endDate, { op: 'end' });
  return {
    externalId,
    customerId,
    currency: chain[0]?.currency ?? 'EUR',
    termStart: chain[0]?.startDate ?? '',
    changes,
    rowNumbers: chain.map((r) => r.rowNumber),
  };
}
