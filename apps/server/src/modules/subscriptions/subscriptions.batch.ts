import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudits, type TAuditEntry } from '../audit/index.ts';
import type { PlanService, TPlanInfo } from '../plans/index.ts';
import {
  insertChanges,
  insertSubscriptions,
  replaceTermsOfSubscriptions,
  replaceVersionsOfSubscriptions,
} from './subscriptions.bulk.repository.ts';
import { describeChange } from './subscriptions.describe.ts';
import type { TSubscriptionChangedEvent } from './subscriptions.events.ts';
import { subscriptionMessages as m } from './subscriptions.messages.ts';
import { prepareChange } from './subscriptions.prepare.ts';
import {
  freePlans,
  newChangeRow,
  newSubscriptionRow,
  planIdsOf,
  resolveLines,
  type TNewChange,
  type TRecordDeps,
  toReplayChanges,
} from './subscriptions.record.ts';
import { listCancelReasons, nextReference, type TSubscriptionRow } from './subscriptions.repository.ts';
import type { TChangeInput, TCreateSubscription } from './subscriptions.schemas.ts';
import type { subscriptionChanges } from './subscriptions.table.ts';
import { replay, type TChangeOp, type TReplayResult } from './subscriptions.timeline.ts';

/**
 * Many new subscriptions with their histories (the demo's three years of them), under the same rules as
 * `create` and `change` one at a time, but written together, as the import writes its histories: each change is
 * validated against its subscription's log replayed in memory (the same `prepareChange` and `replay`), and
 * `commit` writes the subscriptions, changes, line versions, terms, timeline entries and audit rows with a
 * statement per table, and publishes every `subscription.changed` with `publishMany` (the metrics projection
 * rebuilds the accounts once). What it stores is what the one-at-a-time path stores: each change's event and audit
 * entry carry the MRR around it as replayed when it was added, each row and timeline entry the final replay's.
 * Events and audit entries are dated when committed. Nothing is written before `commit`.
 */

type TChangeRow = typeof subscriptionChanges.$inferInsert & { id: string; seq: number; payload: Record<string, unknown> };
interface TPending {
  row: TSubscriptionRow;
  changes: TChangeRow[];
  state: TReplayResult | null;
}

const money = (cents: number) => Math.round(cents) / 100;

export type SubscriptionBatch = ReturnType<typeof createSubscriptionBatch>;

export function createSubscriptionBatch(
  deps: TRecordDeps & { db: Db; accounts: AccountService },
  actor: Actor,
  source: TNewChange['source'],
) {
  requirePermission(actor, 'subscription:write');
  const { db, clock } = deps;
  const orgId = actor.orgId;
  // The catalogue does not change while a batch is made: each plan and price is read once.
  const d: TRecordDeps = { ...deps, plans: cachedPlans(deps.plans) };
  const pending = new Map<string, TPending>();
  const events: TSubscriptionChangedEvent[] = [];
  const audits: (() => TAuditEntry)[] = [];

  /** As replayAndStore: the log in replay order; each change the replay prices keeps its MRR; the row takes the result. */
  async function replayOf(p: TPending) {
    const log = [...p.changes].sort((a, b) =>
      a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.seq - b.seq,
    );
    const planIds = log.flatMap((c) => planIdsOf(c.payload as unknown as TChangeOp));
    const result = replay(
      { intervalMonths: p.row.intervalMonths, freePlanIds: await freePlans(db, d, orgId, planIds) },
      toReplayChanges(log),
      clock.now().toISOString().slice(0, 10),
    );
    for (const c of p.changes) {
      const mrr = result.mrrAround.get(c.id);
      if (mrr) Object.assign(c, { mrrBeforeCents: mrr.before, mrrAfterCents: mrr.after });
    }
    const { status, endsOn, termStart, termEnd, autoRenew, trialEnd, mrrCents } = result;
    Object.assign(p.row, { status, endsOn, termStart, termEnd, autoRenew, trialEnd, mrrCents, updatedAt: clock.now() });
    p.state = result;
    return result;
  }

  /** As recordChange: appends the change, replays, and keeps its event. */
  async function add(p: TPending, change: TNewChange) {
    const row = newChangeRow(p.row, change, p.changes.length + 1, clock.now());
    const id = row.id;
    // The payload as the database gives it back (jsonb keeps no undefined), for the replay.
    p.changes.push({ ...row, payload: JSON.parse(JSON.stringify(row.payload)) });
    const mrr = (await replayOf(p)).mrrAround.get(id) ?? { before: 0, after: 0 };
    const { accountId, id: subscriptionId } = p.row;
    events.push({
      accountId,
      subscriptionId,
      changeId: id,
      kind: change.kind,
      effectiveDate: change.effectiveDate,
      mrrBeforeCents: mrr.before,
      mrrAfterCents: mrr.after,
    });
    return mrr;
  }

  const summary = (p: TPending) => ({ id: p.row.id, status: p.row.status, endsOn: p.row.endsOn, mrr: money(p.row.mrrCents) });

  return {
    /** A new subscription of an account (as `create`); its reference is given when committed. */
    async create(accountId: string, input: TCreateSubscription) {
      const account = await deps.accounts.requireVisible(actor, accountId);
      if (account.archivedAt) throw invalid('accountId', m.subscription_account_archived);
      if (input.termEnd && input.termEnd < input.termStart) throw invalid('termEnd', m.subscription_term_order);
      const now = clock.now();
      const row: TSubscriptionRow = { ...newSubscriptionRow(orgId, accountId, '', input, now), accountName: account.name };
      const p: TPending = { row, changes: [], state: null };
      const lines = await resolveLines(db, d, row, input.lines, 'lines');
      await add(p, {
        kind: 'start',
        effectiveDate: input.termStart,
        op: { op: 'start', lines, termEnd: input.termEnd ?? null, autoRenew: input.autoRenew ?? true, trialEnd: input.trialEnd ?? null },
        comment: input.comment ?? null,
        source,
        actorUserId: actor.userId,
      });
      pending.set(row.id, p);
      const mrr = money(row.mrrCents);
      audits.push(() => ({ entityType: 'subscription', entityId: row.id, action: 'created', after: { reference: row.reference, mrr } }));
      return summary(p);
    },

    /** A change of a subscription made in this batch (as `change`); the subscription as it then stands. */
    async change(subscriptionId: string, input: TChangeInput) {
      const p = pending.get(subscriptionId);
      if (!p?.state) throw notFound('Subscription');
      const prepared = await prepareChange(db, d, p.row, input, p.state);
      const mrr = await add(p, { ...prepared, source, actorUserId: actor.userId });
      const after = { effectiveDate: input.effectiveDate, mrrBefore: money(mrr.before), mrrAfter: money(mrr.after) };
      audits.push(() => ({ entityType: 'subscription', entityId: subscriptionId, action: prepared.kind, after }));
      return summary(p);
    },

    /** Writes the batch in one transaction. */
    async commit() {
      const subs = [...pending.values()];
      if (!subs.length) return;
      await db.transaction(async (tx) => {
        let next = Number((await nextReference(tx, orgId)).slice(4));
        for (const p of subs) p.row.reference = `SUB-${String(next++).padStart(4, '0')}`;
        const reasons = new Map((await listCancelReasons(tx, orgId)).map((r) => [r.id, r.label]));
        await insertSubscriptions(
          tx,
          subs.map(({ row: { accountName: _, ...row } }) => row),
        );
        await insertChanges(
          tx,
          subs.flatMap((p) => p.changes),
        );
        await replaceVersionsOfSubscriptions(
          tx,
          orgId,
          subs.map((p) => ({ sub: p.row, versions: p.state?.versions ?? [] })),
          [],
        );
        await replaceTermsOfSubscriptions(
          tx,
          orgId,
          subs.map((p) => ({ sub: p.row, terms: p.state?.terms ?? [] })),
          [],
        );
        // The account's timeline shows every change with the MRR around it, as finally replayed (as recordChange leaves them).
        await deps.timeline.recordEntries(
          tx,
          orgId,
          subs.flatMap(({ row, changes, state }) =>
            changes.map((c) => {
              const mrr = state?.mrrAround.get(c.id) ?? { before: 0, after: 0 };
              const data = {
                changeId: c.id,
                subscriptionId: row.id,
                reference: row.reference,
                kind: c.kind,
                currency: row.currency,
                mrrBefore: mrr.before / 100,
                mrrAfter: mrr.after / 100,
                payload: c.payload,
                reasonLabel: c.reasonId ? (reasons.get(c.reasonId) ?? null) : null,
                comment: c.comment ?? null,
              };
              return {
                accountId: row.accountId,
                kind: 'subscription' as const,
                occurredAt: new Date(`${c.effectiveDate}T12:00:00Z`),
                subject: describeChange(data),
                data,
                sourceRef: `subscription_change:${c.id}`,
                authorUserId: c.actorUserId ?? null,
                source: 'subscriptions',
              };
            }),
          ),
        );
        await recordAudits(
          tx,
          clock,
          actor,
          audits.map((a) => a()),
        );
        await deps.events.publishMany(tx, orgId, 'subscription.changed', events);
      });
      pending.clear();
      events.length = 0;
      audits.length = 0;
    },
  };
}

/** The plan lookups the replay and the line prices make, each answered once. */
function cachedPlans(plans: PlanService): PlanService {
  const known = new Map<string, TPlanInfo | null>();
  const prices = new Map<string, Promise<number | null>>();
  return {
    ...plans,
    async lookup(orgId, planIds, tx) {
      const missing = [...new Set(planIds)].filter((id) => !known.has(id));
      if (missing.length) {
        const found = await plans.lookup(orgId, missing, tx);
        for (const id of missing) known.set(id, found.get(id) ?? null);
      }
      return new Map(planIds.flatMap((id) => (known.get(id) ? [[id, known.get(id) as TPlanInfo]] : [])));
    },
    listPrice(orgId, planId, currency, intervalMonths, tx) {
      const key = `${planId}/${currency}/${intervalMonths}`;
      if (!prices.has(key)) prices.set(key, plans.listPrice(orgId, planId, currency, intervalMonths, tx));
      return prices.get(key) as Promise<number | null>;
    },
  };
}
