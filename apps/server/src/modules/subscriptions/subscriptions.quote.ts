import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { checkAgainst, currentReplay, recordChange, resolveLines, type TRecordDeps } from './subscriptions.record.ts';
import { findSubscription } from './subscriptions.repository.ts';
import type { TLineInputBody } from './subscriptions.schemas.ts';
import { addDays, type TChangeOp } from './subscriptions.timeline.ts';

export interface TQuoteRenewal {
  effectiveDate: string;
  termEnd: string;
  lines: (TLineInputBody & { quantity: number })[];
  comment: string;
}

/**
 * An accepted quote (the quotes module, in its transaction; no permission check: the quote's signed link or its
 * service checked it): a new term with the quoted lines from `effectiveDate` (a renewal), or a reactivation when the
 * subscription is not running on that day (a win-back). Recorded like any change (replay, terms, timeline,
 * `subscription.changed`, audit), so every metric moves.
 */
export async function renewFromQuote(tx: Db, deps: TRecordDeps, orgId: string, subscriptionId: string, input: TQuoteRenewal) {
  const sub = await findSubscription(tx, orgId, subscriptionId);
  if (!sub) throw notFound('Subscription');
  const day = input.effectiveDate;
  const state = await currentReplay(tx, deps, sub);
  // Running that day, or up to the day before (a term that ends the day before the new one starts is renewed).
  const runsOn = (d: string) => state.versions.some((v) => v.validFrom <= d && (v.validTo === null || v.validTo > d));
  const running = runsOn(day) || runsOn(addDays(day, -1));
  const lines = await resolveLines(tx, deps, sub, input.lines, 'lines');
  const op: TChangeOp = running
    ? { op: 'renew', termStart: day, termEnd: input.termEnd, lines }
    : { op: 'reactivate', lines, termEnd: input.termEnd };
  const kind = running ? 'renewal' : 'reactivation';
  checkAgainst(state, op, day);
  const changeId = await recordChange(tx, deps, sub, {
    kind,
    effectiveDate: day,
    op,
    comment: input.comment,
    source: 'renewal',
    actorUserId: null,
  });
  await recordAudit(tx, deps.clock, null, {
    orgId,
    entityType: 'subscription',
    entityId: subscriptionId,
    action: kind,
    after: { effectiveDate: day, termEnd: input.termEnd, comment: input.comment },
  } as Parameters<typeof recordAudit>[3]);
  return { changeId, kind };
}

/** Today's MRR of a subscription in minor units of its currency (0 when unknown). */
export async function currentMrrCents(tx: Db, orgId: string, subscriptionId: string): Promise<number> {
  return Number((await findSubscription(tx, orgId, subscriptionId))?.mrrCents ?? 0);
}
