import type { TChangeRow, TSubscriptionRow, TVersionRow } from './subscriptions.repository.ts';
import type { TChange, TChangeKind, TSubscription } from './subscriptions.schemas.ts';

/** Rows as the API shows them: money in major units of the subscription's currency, names next to ids. */

const money = (cents: number) => Math.round(cents) / 100;

export function toLineDto(v: TVersionRow, planNames: ReadonlyMap<string, string>) {
  return {
    lineKey: v.lineKey,
    planId: v.planId,
    planName: v.planId ? (planNames.get(v.planId) ?? null) : null,
    description: v.description,
    quantity: Number(v.quantity),
    unitPrice: Number(v.unitPrice),
    discountPercent: Number(v.discountPercent),
    trial: v.trial,
    mrr: money(v.mrrCents),
    validFrom: v.validFrom,
    validTo: v.validTo,
  };
}

/** `versions`: the subscription's line versions (its current lines are those in force today, or its last). */
export function toSubscriptionDto(
  r: TSubscriptionRow,
  versions: TVersionRow[],
  planNames: ReadonlyMap<string, string>,
  today: string,
): TSubscription {
  let current = versions.filter((v) => v.validFrom <= today && (v.validTo === null || v.validTo > today));
  if (!current.length && versions.length) {
    const lastFrom = versions
      .map((v) => v.validFrom)
      .sort()
      .at(-1);
    current = versions.filter((v) => v.validFrom === lastFrom);
  }
  return {
    id: r.id,
    accountId: r.accountId,
    accountName: r.accountName,
    reference: r.reference,
    currency: r.currency,
    intervalMonths: r.intervalMonths,
    termStart: r.termStart,
    termEnd: r.termEnd,
    autoRenew: r.autoRenew,
    noticeDays: r.noticeDays,
    trialEnd: r.trialEnd,
    status: r.status as TSubscription['status'],
    endsOn: r.endsOn,
    mrr: money(r.mrrCents),
    arr: money(r.mrrCents * 12),
    lines: current.map((v) => toLineDto(v, planNames)),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toChangeDto(c: TChangeRow): TChange {
  return {
    id: c.id,
    subscriptionId: c.subscriptionId,
    subscriptionReference: c.subscriptionReference,
    accountId: c.accountId,
    accountName: c.accountName,
    kind: c.kind as TChangeKind,
    effectiveDate: c.effectiveDate,
    payload: c.payload,
    reasonId: c.reasonId,
    reasonLabel: c.reasonLabel,
    competitorId: c.competitorId,
    comment: c.comment,
    currency: c.currency,
    mrrBefore: money(c.mrrBeforeCents),
    mrrAfter: money(c.mrrAfterCents),
    source: c.source,
    actorName: c.actorName,
    createdAt: c.createdAt.toISOString(),
  };
}
