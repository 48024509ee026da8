import type { Db } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors.ts';
import { subscriptionMessages as m } from './subscriptions.messages.ts';
import { checkAgainst, resolveLines, type TNewChange, type TRecordDeps } from './subscriptions.record.ts';
import { findCancelReason, type TSubscriptionRow } from './subscriptions.repository.ts';
import type { TChangeInput, TChangeKind } from './subscriptions.schemas.ts';
import { addDays, type TChangeOp, type TReplayResult } from './subscriptions.timeline.ts';

/** The last day of the billing period (of `intervalMonths` from `termStart`) that contains `day`. */
export function billingPeriodEnd(termStart: string, intervalMonths: number, day: string): string {
  const start = new Date(`${termStart}T00:00:00Z`);
  for (let k = 1; k < 2000; k++) {
    const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k * intervalMonths, start.getUTCDate()));
    const nextDay = next.toISOString().slice(0, 10);
    if (nextDay > day) return addDays(nextDay, -1);
  }
  return day;
}

/**
 * The op a request asks for, with list prices and plan names filled in, and its kind, checked against `state`: the
 * subscription's replay before the change (the service replays the stored log; a batch, its log in memory).
 */
export async function prepareChange(
  tx: Db,
  deps: TRecordDeps,
  sub: TSubscriptionRow,
  input: TChangeInput,
  state: TReplayResult,
): Promise<Omit<TNewChange, 'source' | 'actorUserId'>> {
  const base = { effectiveDate: input.effectiveDate, comment: input.comment ?? null };
  const running = state.versions.filter(
    (v) => v.validFrom <= input.effectiveDate && (v.validTo === null || v.validTo > input.effectiveDate),
  );
  const lineOf = (key: string) => running.find((v) => v.lineKey === key);
  let op: TChangeOp;
  let kind: TChangeKind;
  let display: Record<string, unknown> | undefined;
  switch (input.op) {
    case 'change_plan': {
      const [line] = await resolveLines(
        tx,
        deps,
        sub,
        [{ planId: input.planId, quantity: input.quantity ?? 1, unitPrice: input.unitPrice, description: null }],
        'change',
      );
      const old = lineOf(input.lineKey);
      const plans = await deps.plans.lookup(sub.orgId, [input.planId, ...(old?.planId ? [old.planId] : [])], tx);
      const from = old?.planId ? plans.get(old.planId) : undefined;
      const to = plans.get(input.planId);
      const qty = input.quantity ?? old?.quantity ?? 1;
      const mrrDelta = (line?.unitPrice ?? 0) * qty - (old ? old.unitPrice * old.quantity : 0);
      const tierDelta = (to?.tier ?? 0) - (from?.tier ?? 0);
      kind = tierDelta > 0 || (tierDelta === 0 && mrrDelta > 0) ? 'upgrade' : tierDelta < 0 || mrrDelta < 0 ? 'downgrade' : 'plan_change';
      op = {
        op: 'change_plan',
        lineKey: input.lineKey,
        planId: input.planId,
        description: line?.description ?? '',
        unitPrice: line?.unitPrice ?? 0,
        quantity: input.quantity,
      };
      display = { fromPlan: from?.name ?? old?.description ?? null, toPlan: to?.name ?? null, fromUnitPrice: old?.unitPrice ?? null };
      break;
    }
    case 'add_line': {
      const [line] = await resolveLines(tx, deps, sub, [input.line], 'line');
      if (!line) throw invalid('line', m.subscription_plan_unknown);
      op = { op: 'add_line', line };
      kind = 'add_on';
      break;
    }
    case 'remove_line':
      op = { op: 'remove_line', lineKey: input.lineKey };
      kind = 'remove_line';
      display = { description: lineOf(input.lineKey)?.description ?? null };
      break;
    case 'quantity':
      op = { op: 'quantity', lineKey: input.lineKey, quantity: input.quantity };
      kind = 'quantity';
      display = { description: lineOf(input.lineKey)?.description ?? null, fromQuantity: lineOf(input.lineKey)?.quantity ?? null };
      break;
    case 'price':
      op = { op: 'price', lineKey: input.lineKey, unitPrice: input.unitPrice };
      kind = 'price';
      display = { description: lineOf(input.lineKey)?.description ?? null, fromUnitPrice: lineOf(input.lineKey)?.unitPrice ?? null };
      break;
    case 'discount':
      if (input.discount.kind === 'until' && !input.discount.until) throw invalid('discount.until', m.subscription_until_required);
      op = { op: 'discount', lineKey: input.lineKey, discount: input.discount };
      kind = 'discount_added';
      display = { description: lineOf(input.lineKey)?.description ?? null };
      break;
    case 'remove_discount':
      op = { op: 'remove_discount', lineKey: input.lineKey };
      kind = 'discount_removed';
      display = { description: lineOf(input.lineKey)?.description ?? null };
      break;
    case 'terms':
      if (input.termEnd && input.termEnd < sub.termStart) throw invalid('termEnd', m.subscription_term_order);
      op = { op: 'terms', termEnd: input.termEnd, autoRenew: input.autoRenew, trialEnd: input.trialEnd };
      kind = 'terms';
      break;
    case 'cancel': {
      const reason = await findCancelReason(tx, sub.orgId, input.reasonId);
      if (!reason) throw invalid('reasonId', m.subscription_reason_unknown);
      // By default the last paid day is the end of the term the request falls in, else of its billing period.
      const inTerm = state.termEnd && state.termStart <= input.effectiveDate && state.termEnd >= input.effectiveDate;
      const firstDay = state.versions.map((v) => v.validFrom).sort()[0] ?? state.termStart;
      const endsOn = input.endsOn ?? (inTerm ? state.termEnd : null) ?? billingPeriodEnd(firstDay, sub.intervalMonths, input.effectiveDate);
      op = { op: 'cancel', endsOn };
      kind = 'cancel_request';
      return { ...base, kind, op, reasonId: reason.id, competitorId: reason.asksCompetitor ? (input.competitorId ?? null) : null };
    }
    case 'withdraw_cancel':
      op = { op: 'withdraw_cancel' };
      kind = 'cancel_withdrawn';
      break;
    case 'end': {
      if (input.reasonId && !(await findCancelReason(tx, sub.orgId, input.reasonId)))
        throw invalid('reasonId', m.subscription_reason_unknown);
      op = { op: 'end' };
      kind = 'end';
      checkAgainst(state, op, input.effectiveDate);
      return { ...base, kind, op, reasonId: input.reasonId ?? null, competitorId: input.competitorId ?? null };
    }
    case 'reactivate':
      op = {
        op: 'reactivate',
        lines: input.lines ? await resolveLines(tx, deps, sub, input.lines, 'lines') : undefined,
        termEnd: input.termEnd,
        autoRenew: input.autoRenew,
        trialEnd: input.trialEnd,
      };
      kind = 'reactivation';
      break;
    case 'renew':
      if (input.termEnd && input.termEnd < input.effectiveDate) throw invalid('termEnd', m.subscription_term_order);
      op = {
        op: 'renew',
        termStart: input.effectiveDate,
        termEnd: input.termEnd,
        lines: input.lines ? await resolveLines(tx, deps, sub, input.lines, 'lines') : undefined,
      };
      kind = 'renewal';
      break;
  }
  checkAgainst(state, op, input.effectiveDate);
  return { ...base, kind, op, display };
}
