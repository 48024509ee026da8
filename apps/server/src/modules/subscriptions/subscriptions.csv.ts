import type { CsvColumn } from '../../platform/http/csv.ts';
import type { TChange, TSubscription } from './subscriptions.schemas.ts';

/** The columns of the subscriptions CSV export, in order: the list's columns, with ids for integrators. */
export const SUBSCRIPTION_CSV: CsvColumn<TSubscription>[] = [
  ['reference', (s) => s.reference],
  ['account', (s) => s.accountName],
  ['account_id', (s) => s.accountId],
  ['status', (s) => s.status],
  ['interval_months', (s) => s.intervalMonths],
  ['currency', (s) => s.currency],
  ['mrr', (s) => s.mrr],
  ['arr', (s) => s.arr],
  ['term_start', (s) => s.termStart],
  ['term_end', (s) => s.termEnd],
  ['auto_renew', (s) => (s.autoRenew ? 'yes' : 'no')],
  ['notice_days', (s) => s.noticeDays],
  ['trial_end', (s) => s.trialEnd],
  ['ends_on', (s) => s.endsOn],
  ['created_at', (s) => s.createdAt],
];

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const display = (c: TChange) => (c.payload.display ?? {}) as Record<string, unknown>;
const line = (c: TChange) => (c.payload.line ?? {}) as Record<string, unknown>;

/** The columns of the subscription changes CSV export: what changed, why, and the MRR around it. */
export const CHANGE_CSV: CsvColumn<TChange>[] = [
  ['effective_date', (c) => c.effectiveDate],
  ['account', (c) => c.accountName],
  ['account_id', (c) => c.accountId],
  ['subscription', (c) => c.subscriptionReference],
  ['kind', (c) => c.kind],
  ['item', (c) => text(display(c).description) ?? text(line(c).description) ?? text(c.payload.description)],
  ['from_plan', (c) => text(display(c).fromPlan)],
  ['to_plan', (c) => text(display(c).toPlan)],
  ['quantity', (c) => num(c.payload.quantity) ?? num(line(c).quantity)],
  ['unit_price', (c) => num(c.payload.unitPrice) ?? num(line(c).unitPrice)],
  ['ends_on', (c) => text(c.payload.endsOn)],
  ['reason', (c) => c.reasonLabel],
  ['comment', (c) => c.comment],
  ['currency', (c) => c.currency],
  ['mrr_before', (c) => c.mrrBefore],
  ['mrr_after', (c) => c.mrrAfter],
  ['mrr_change', (c) => Math.round((c.mrrAfter - c.mrrBefore) * 100) / 100],
  ['source', (c) => c.source],
  ['recorded_by', (c) => c.actorName],
  ['recorded_at', (c) => c.createdAt],
];
