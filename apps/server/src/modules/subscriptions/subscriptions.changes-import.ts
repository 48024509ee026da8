import type { TImportedChange, TImportedSubscription } from './subscriptions.periods.ts';
import type { TChangeKind } from './subscriptions.schemas.ts';
import { addDays, type TChangeOp } from './subscriptions.timeline.ts';

/**
 * Imported history in the "changes" form — one row per effective-dated change of a customer's subscription
 * (`subscription_id` groups the changes of one subscription; without it a customer has one) — turned into
 * subscriptions with their change logs. Pure, and each change keeps its own external id (`change_id`, else
 * derived from the subscription, day and kind), so importing the same file again changes nothing.
 */

export const CHANGE_ROW_KINDS = [
  'start',
  'upgrade',
  'downgrade',
  'quantity',
  'price',
  'discount',
  'cancel',
  'end',
  'reactivate',
  'renew',
] as const;
export type TChangeRowKind = (typeof CHANGE_ROW_KINDS)[number];

export interface TChangeRow {
  rowNumber: number;
  customerId: string;
  subscriptionId: string | null;
  effectiveDate: string;
  change: TChangeRowKind;
  planId: string | null;
  planLabel: string | null;
  quantity: number | null;
  /** Per unit and billing interval, major units. */
  unitPrice: number | null;
  currency: string;
  intervalMonths: number | null;
  discountPercent: number | null;
  comment: string | null;
  /** The organisation's cancel reason the row names (matched by the import), and its label. */
  reasonId?: string | null;
  reasonLabel?: string | null;
  changeId: string | null;
}

/** The cells a kind of change needs (the import reports a row without them). */
export const CHANGE_NEEDS: Record<TChangeRowKind, ('unitPrice' | 'quantity' | 'discountPercent')[]> = {
  start: ['unitPrice'],
  upgrade: ['unitPrice'],
  downgrade: ['unitPrice'],
  quantity: ['quantity'],
  price: ['unitPrice'],
  discount: ['discountPercent'],
  cancel: [],
  end: [],
  reactivate: [],
  renew: [],
};

const line = (r: TChangeRow) => ({
  key: 'L1',
  planId: r.planId,
  description: r.planLabel ?? 'Subscription',
  quantity: r.quantity ?? 1,
  unitPrice: r.unitPrice ?? 0,
});

function opOf(r: TChangeRow): { kind: TChangeKind; op: TChangeOp } {
  switch (r.change) {
    case 'start':
      return { kind: 'start', op: { op: 'start', lines: [line(r)], termEnd: null, autoRenew: true, trialEnd: null } };
    case 'upgrade':
    case 'downgrade':
      return {
        kind: r.change,
        op: {
          op: 'change_plan',
          lineKey: 'L1',
          planId: r.planId,
          description: r.planLabel ?? 'Subscription',
          unitPrice: r.unitPrice ?? 0,
          ...(r.quantity === null ? {} : { quantity: r.quantity }),
        },
      };
    case 'quantity':
      return { kind: 'quantity', op: { op: 'quantity', lineKey: 'L1', quantity: r.quantity ?? 1 } };
    case 'price':
      return { kind: 'price', op: { op: 'price', lineKey: 'L1', unitPrice: r.unitPrice ?? 0 } };
    case 'discount':
      return r.discountPercent
        ? { kind: 'discount_added', op: { op: 'discount', lineKey: 'L1', discount: { percent: r.discountPercent, kind: 'lasting' } } }
        : { kind: 'discount_removed', op: { op: 'remove_discount', lineKey: 'L1' } };
    case 'cancel':
      // Requested on its day, and paid up to the day before: the subscription ends then.
      return { kind: 'cancel_request', op: { op: 'cancel', endsOn: addDays(r.effectiveDate, -1) } };
    case 'end':
      return { kind: 'end', op: { op: 'end' } };
    case 'reactivate':
      return { kind: 'reactivation', op: r.unitPrice === null ? { op: 'reactivate' } : { op: 'reactivate', lines: [line(r)] } };
    case 'renew':
      return {
        kind: 'renewal',
        op:
          r.unitPrice === null
            ? { op: 'renew', termStart: r.effectiveDate, termEnd: null }
            : { op: 'renew', termStart: r.effectiveDate, termEnd: null, lines: [line(r)] },
      };
  }
}

export function changeRowsToSubscriptions(rows: readonly TChangeRow[]): TImportedSubscription[] {
  const groups = new Map<string, TChangeRow[]>();
  for (const r of rows) {
    const key = `changes:${r.customerId}:${r.subscriptionId ?? '1'}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups].map(([externalId, list]) => {
    const sorted = [...list].sort((a, b) =>
      a.effectiveDate === b.effectiveDate ? a.rowNumber - b.rowNumber : a.effectiveDate < b.effectiveDate ? -1 : 1,
    );
    const seen = new Map<string, number>();
    const changes: TImportedChange[] = sorted.map((r) => {
      const derived = `${externalId}:${r.effectiveDate}:${r.change}`;
      const n = (seen.get(derived) ?? 0) + 1;
      seen.set(derived, n);
      const { kind, op } = opOf(r);
      return {
        externalId: r.changeId ?? (n > 1 ? `${derived}:${n}` : derived),
        kind,
        effectiveDate: r.effectiveDate,
        op,
        comment: r.comment,
        ...(r.reasonLabel ? { reasonId: r.reasonId ?? null, reasonLabel: r.reasonLabel } : {}),
      };
    });
    const first = sorted[0];
    return {
      externalId,
      customerId: first?.customerId ?? '',
      currency: first?.currency ?? 'EUR',
      termStart: first?.effectiveDate ?? '',
      intervalMonths: first?.intervalMonths ?? 1,
      changes,
      rowNumbers: sorted.map((r) => r.rowNumber),
    };
  });
}
