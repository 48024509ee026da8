import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { PlanService } from '../plans/index.ts';
import type { TimelineService } from '../timeline/index.ts';
import { replaceTermsOfSubscriptions } from './subscriptions.bulk.repository.ts';
import { changesOfSubscription } from './subscriptions.changes.repository.ts';
import { describeChange } from './subscriptions.describe.ts';
import { subscriptionMessages as m } from './subscriptions.messages.ts';
import {
  insertChange,
  lockSubscription,
  nextSeq,
  replaceVersions,
  setChangeMrr,
  type TSubscriptionRow,
  updateSubscription,
} from './subscriptions.repository.ts';
import type { TChangeKind, TCreateSubscription, TLineInputBody } from './subscriptions.schemas.ts';
import { addDays, replay, type TChangeOp, type TLineInput, type TReplayChange, type TReplayResult } from './subscriptions.timeline.ts';

/**
 * Recording a change: validate it against the subscription as it stands on the change's day, append it to
 * the log, replay the whole log (so a back-dated change rewrites every later version), store the versions
 * and the derived fields, and publish `subscription.changed` — all in the caller's transaction.
 */

export interface TRecordDeps {
  clock: Clock;
  events: EventBus;
  plans: PlanService;
  timeline: TimelineService;
}

export interface TNewChange {
  kind: TChangeKind;
  effectiveDate: string;
  op: TChangeOp;
  /** Shown with the change, not replayed (plan names before and after, the quantity before …). */
  display?: Record<string, unknown>;
  reasonId?: string | null;
  competitorId?: string | null;
  comment?: string | null;
  source: 'ui' | 'api' | 'import' | 'renewal' | 'demo';
  importId?: string | null;
  externalId?: string | null;
  actorUserId: string | null;
}

const today = (clock: Clock) => clock.now().toISOString().slice(0, 10);

export const toReplayChanges = (
  rows: { id: string; effectiveDate: string; seq: number; payload: Record<string, unknown> }[],
): TReplayChange[] => rows.map((r) => ({ id: r.id, effectiveDate: r.effectiveDate, seq: r.seq, op: r.payload as unknown as TChangeOp }));

/** The subscription's replay as it stands (before a new change): for validating against. */
/** A new subscription as first stored: scheduled and without MRR until its lines are replayed; its reference given. */
export function newSubscriptionRow(orgId: string, accountId: string, reference: string, input: TCreateSubscription, now: Date) {
  return {
    orgId,
    id: newId(),
    accountId,
    reference,
    currency: input.currency,
    intervalMonths: input.intervalMonths,
    termStart: input.termStart,
    termEnd: input.termEnd ?? null,
    autoRenew: input.autoRenew ?? true,
    noticeDays: input.noticeDays ?? 30,
    trialEnd: input.trialEnd ?? null,
    status: 'scheduled',
    endsOn: null,
    mrrCents: 0,
    externalId: null,
    createdAt: now,
    updatedAt: now,
  };
}

export async function currentReplay(tx: Db, deps: TRecordDeps, sub: TSubscriptionRow): Promise<TReplayResult> {
  return (await replayWithChanges(tx, deps, sub)).result;
}

/** The replay and the change rows it was made from (their reasons and authors label the timeline entries). */
async function replayWithChanges(tx: Db, deps: TRecordDeps, sub: TSubscriptionRow) {
  const changes = await changesOfSubscription(tx, sub.orgId, sub.id);
  const planIds = changes.flatMap((c) => planIdsOf(c.payload as unknown as TChangeOp));
  const result = replay(
    { intervalMonths: sub.intervalMonths, freePlanIds: await freePlans(tx, deps, sub.orgId, planIds) },
    toReplayChanges(changes),
    today(deps.clock),
  );
  return { result, changes };
}

export function planIdsOf(op: TChangeOp): string[] {
  const lines = 'lines' in op && op.lines ? op.lines : 'line' in op ? [op.line] : [];
  return [...lines.map((l) => l.planId), 'planId' in op ? op.planId : null].filter((id): id is string => !!id);
}

export async function freePlans(tx: Db, deps: TRecordDeps, orgId: string, planIds: string[]) {
  const info = await deps.plans.lookup(orgId, planIds, tx);
  return new Set([...info.values()].filter((p) => p.isFree).map((p) => p.id));
}

/** Lines as the replay stores them: each with its plan's name and list price filled in where not given. */
export async function resolveLines(
  tx: Db,
  deps: TRecordDeps,
  sub: { orgId: string; currency: string; intervalMonths: number },
  lines: TLineInputBody[],
  field: string,
): Promise<TLineInput[]> {
  const info = await deps.plans.lookup(
    sub.orgId,
    lines.map((l) => l.planId).filter((id): id is string => !!id),
    tx,
  );
  const out: TLineInput[] = [];
  for (const [i, l] of lines.entries()) {
    const plan = l.planId ? info.get(l.planId) : undefined;
    if (l.planId && !plan) throw invalid(`${field}.${i}.planId`, m.subscription_plan_unknown);
    let unitPrice = l.unitPrice;
    if (unitPrice === undefined && plan)
      unitPrice = (await deps.plans.listPrice(sub.orgId, plan.id, sub.currency, sub.intervalMonths, tx)) ?? undefined;
    if (unitPrice === undefined) throw invalid(`${field}.${i}.unitPrice`, m.subscription_no_price, { currency: sub.currency });
    if (l.discount?.kind === 'until' && !l.discount.until) throw invalid(`${field}.${i}.discount.until`, m.subscription_until_required);
    out.push({
      planId: l.planId ?? null,
      description: l.description ?? plan?.name ?? '',
      quantity: l.quantity,
      unitPrice,
      discount: l.discount ?? null,
    });
  }
  return out;
}

/** A change's row as stored: its op (and how it reads, when given) as the payload, numbered `seq` in its subscription. */
export function newChangeRow(sub: { orgId: string; id: string; accountId: string }, change: TNewChange, seq: number, now: Date) {
  return {
    orgId: sub.orgId,
    id: newId(),
    subscriptionId: sub.id,
    accountId: sub.accountId,
    kind: change.kind,
    effectiveDate: change.effectiveDate,
    seq,
    payload: { ...change.op, ...(change.display ? { display: change.display } : {}) },
    reasonId: change.reasonId ?? null,
    competitorId: change.competitorId ?? null,
    comment: change.comment ?? null,
    source: change.source,
    importId: change.importId ?? null,
    externalId: change.externalId ?? null,
    actorUserId: change.actorUserId,
    createdAt: now,
  };
}

/** Appends the change, replays, stores the result, publishes the event. Returns the change's id. */
export async function recordChange(tx: Db, deps: TRecordDeps, sub: TSubscriptionRow, change: TNewChange): Promise<string> {
  await lockSubscription(tx, sub.orgId, sub.id);
  const row = newChangeRow(sub, change, await nextSeq(tx, sub.orgId, sub.id), deps.clock.now());
  const id = row.id;
  await insertChange(tx, row);
  const around = await replayAndStore(tx, deps, sub);
  const mrr = around.get(id) ?? { before: 0, after: 0 };
  await deps.events.publish(tx, sub.orgId, 'subscription.changed', {
    accountId: sub.accountId,
    subscriptionId: sub.id,
    changeId: id,
    kind: change.kind,
    effectiveDate: change.effectiveDate,
    mrrBeforeCents: mrr.before,
    mrrAfterCents: mrr.after,
  });
  return id;
}

/** Replays the log and stores versions, per-change MRR and the subscription's derived fields. */
export async function replayAndStore(tx: Db, deps: TRecordDeps, sub: TSubscriptionRow) {
  const { result, changes } = await replayWithChanges(tx, deps, sub);
  await replaceVersions(tx, sub.orgId, sub, result.versions);
  await replaceTermsOfSubscriptions(tx, sub.orgId, [{ sub, terms: result.terms }], [sub.id]);
  for (const [changeId, mrr] of result.mrrAround) await setChangeMrr(tx, sub.orgId, changeId, mrr.before, mrr.after);
  // The account's timeline shows every change with the MRR around it, as replayed now (a back-dated change moves later ones).
  for (const c of changes) {
    const mrr = result.mrrAround.get(c.id) ?? { before: 0, after: 0 };
    const data = {
      changeId: c.id,
      subscriptionId: sub.id,
      reference: sub.reference,
      kind: c.kind,
      currency: sub.currency,
      mrrBefore: mrr.before / 100,
      mrrAfter: mrr.after / 100,
      payload: c.payload,
      reasonLabel: c.reasonLabel,
      comment: c.comment,
    };
    await deps.timeline.recordEntry(tx, sub.orgId, {
      accountId: sub.accountId,
      kind: 'subscription',
      occurredAt: new Date(`${c.effectiveDate}T12:00:00Z`),
      subject: describeChange(data),
      data,
      sourceRef: `subscription_change:${c.id}`,
      authorUserId: c.actorUserId,
      source: 'subscriptions',
    });
  }
  await updateSubscription(tx, sub.orgId, sub.id, {
    status: result.status,
    endsOn: result.endsOn,
    termStart: result.termStart,
    termEnd: result.termEnd,
    autoRenew: result.autoRenew,
    trialEnd: result.trialEnd,
    mrrCents: result.mrrCents,
    updatedAt: deps.clock.now(),
  });
  return result.mrrAround;
}

/** Checks a change against the subscription on its day (lines that exist, running or ended as needed). */
export function checkAgainst(state: TReplayResult, op: TChangeOp, day: string) {
  const first = state.versions.reduce<string | null>((min, v) => (min === null || v.validFrom < min ? v.validFrom : min), null);
  if (first && day < first) throw invalid('effectiveDate', m.subscription_before_start, { date: first });
  const running = state.versions.filter((v) => v.validFrom <= day && (v.validTo === null || v.validTo > day));
  const needsLine = 'lineKey' in op ? op.lineKey : null;
  if (needsLine && !running.some((v) => v.lineKey === needsLine))
    throw invalid('lineKey', m.subscription_line_unknown, { lineKey: needsLine, date: day });
  if (op.op === 'remove_line' && running.length <= 1) throw invalid('lineKey', m.subscription_last_line);
  if ((op.op === 'cancel' || op.op === 'end' || op.op === 'add_line') && !running.length)
    throw invalid('effectiveDate', m.subscription_not_running, { date: day });
  if (op.op === 'cancel' && op.endsOn < addDays(day, -1)) throw invalid('endsOn', m.subscription_ends_before_change);
  if (op.op === 'reactivate' && running.length) throw invalid('effectiveDate', m.subscription_still_running, { date: day });
  if (op.op === 'withdraw_cancel' && !state.endsOn) throw invalid('op', m.subscription_no_cancellation);
}
