import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import {
  changesOfSubscriptions,
  deleteChangesOfSubscriptions,
  findSubscriptionsByExternalIds,
  insertChanges,
  insertSubscriptions,
  lockSubscriptions,
  replaceTermsOfSubscriptions,
  replaceVersionsOfSubscriptions,
} from './subscriptions.bulk.repository.ts';
import { describeChange } from './subscriptions.describe.ts';
import type { TImportedSubscription } from './subscriptions.periods.ts';
import { freePlans, planIdsOf, type TRecordDeps, toReplayChanges } from './subscriptions.record.ts';
import { insertCancelReason, listCancelReasons, nextReference, updateSubscription } from './subscriptions.repository.ts';
import type { subscriptionChanges, subscriptions } from './subscriptions.table.ts';
import { replay, type TChangeOp } from './subscriptions.timeline.ts';

/**
 * Writes imported subscriptions with their whole history, in the caller's transaction: created when new, their
 * change logs replaced when the file says something else, untouched when it says the same (so importing the
 * same file again changes nothing). A batch at a time: the existing subscriptions and their changes are read
 * with one query each, every history is replayed once in memory, and subscriptions, changes (with the MRR
 * around each), line versions and timeline entries are written with multi-row statements. One
 * `subscription.changed` per subscription written, published together (the metrics projection rebuilds the chunk's
 * accounts at once).
 */

export type TImportOutcome = 'inserted' | 'updated' | 'unchanged';

export interface TImportMeta {
  importId: string | null;
  actorUserId: string | null;
  reference?: () => Promise<string>;
}

type TChangeInsert = typeof subscriptionChanges.$inferInsert;

export async function writeImportedSubscriptions(
  tx: Db,
  deps: TRecordDeps,
  orgId: string,
  items: readonly { accountId: string; sub: TImportedSubscription }[],
  meta: TImportMeta,
): Promise<TImportOutcome[]> {
  if (!items.length) return [];
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const existing = new Map(
    (
      await findSubscriptionsByExternalIds(
        tx,
        orgId,
        items.map((i) => i.sub.externalId),
      )
    ).map((s) => [s.externalId, s]),
  );
  const existingIds = [...existing.values()].map((s) => s.id);
  if (existingIds.length) await lockSubscriptions(tx, orgId, existingIds);
  const changesBySub = new Map<string, Awaited<ReturnType<typeof changesOfSubscriptions>>>();
  for (const c of existingIds.length ? await changesOfSubscriptions(tx, orgId, existingIds) : [])
    changesBySub.set(c.subscriptionId, [...(changesBySub.get(c.subscriptionId) ?? []), c]);

  const outcomes: TImportOutcome[] = [];
  const toWrite: { accountId: string; sub: TImportedSubscription; row: typeof subscriptions.$inferSelect; isNew: boolean }[] = [];
  for (const { accountId, sub } of items) {
    const row = existing.get(sub.externalId);
    if (row) {
      if (row.accountId === accountId && sameHistory(changesBySub.get(row.id) ?? [], sub)) {
        outcomes.push('unchanged');
        continue;
      }
      outcomes.push('updated');
      toWrite.push({ accountId, sub, row: { ...row, accountId }, isNew: false });
      continue;
    }
    outcomes.push('inserted');
    const reference = meta.reference ? await meta.reference() : await nextReference(tx, orgId);
    const fresh: typeof subscriptions.$inferSelect = {
      orgId,
      id: newId(),
      accountId,
      reference,
      currency: sub.currency,
      intervalMonths: sub.intervalMonths ?? 1,
      termStart: sub.termStart,
      termEnd: null,
      autoRenew: true,
      noticeDays: 30,
      trialEnd: null,
      status: 'scheduled',
      endsOn: null,
      mrrCents: 0,
      externalId: sub.externalId,
      createdAt: now,
      updatedAt: now,
    };
    toWrite.push({ accountId, sub, row: fresh, isNew: true });
  }
  if (!toWrite.length) return outcomes;

  // Replay every history in memory: its versions, its status and MRR today, and the MRR around each change.
  const allPlanIds = toWrite.flatMap((w) => w.sub.changes.flatMap((c) => planIdsOf(c.op)));
  const free = await freePlans(tx, deps, orgId, allPlanIds);
  const changeRows: TChangeInsert[] = [];
  const replayed = toWrite.map((w) => {
    const changes = w.sub.changes.map((c, i) => ({ ...c, id: newId(), seq: i + 1 }));
    const result = replay(
      { intervalMonths: w.row.intervalMonths, freePlanIds: free },
      toReplayChanges(changes.map((c) => ({ ...c, payload: c.op as unknown as Record<string, unknown> }))),
      today,
    );
    for (const c of changes) {
      const mrr = result.mrrAround.get(c.id) ?? { before: 0, after: 0 };
      changeRows.push({
        orgId,
        id: c.id,
        subscriptionId: w.row.id,
        accountId: w.accountId,
        kind: c.kind,
        effectiveDate: c.effectiveDate,
        seq: c.seq,
        payload: c.op as unknown as Record<string, unknown>,
        reasonId: c.reasonId ?? null,
        competitorId: c.competitorId ?? null,
        comment: c.comment ?? null,
        mrrBeforeCents: mrr.before,
        mrrAfterCents: mrr.after,
        source: 'import',
        importId: meta.importId,
        externalId: c.externalId,
        actorUserId: meta.actorUserId,
        createdAt: now,
      });
    }
    const derived = {
      status: result.status,
      endsOn: result.endsOn,
      termStart: result.termStart,
      termEnd: result.termEnd,
      autoRenew: result.autoRenew,
      trialEnd: result.trialEnd,
      mrrCents: result.mrrCents,
    };
    return { ...w, changes, result, derived };
  });

  const rewritten = replayed.filter((w) => !w.isNew).map((w) => w.row.id);
  if (rewritten.length) await deleteChangesOfSubscriptions(tx, orgId, rewritten);
  await insertSubscriptions(
    tx,
    replayed.filter((w) => w.isNew).map((w) => ({ ...w.row, ...w.derived })),
  );
  for (const w of replayed.filter((x) => !x.isNew))
    await updateSubscription(tx, orgId, w.row.id, { accountId: w.accountId, ...w.derived, updatedAt: now });
  await insertChanges(tx, changeRows);
  await replaceVersionsOfSubscriptions(
    tx,
    orgId,
    replayed.map((w) => ({ sub: w.row, versions: w.result.versions })),
    rewritten,
  );
  await replaceTermsOfSubscriptions(
    tx,
    orgId,
    replayed.map((w) => ({ sub: { ...w.row, accountId: w.accountId }, terms: w.result.terms })),
    rewritten,
  );
  // The account's timeline shows every change with the MRR around it (the same entries recordChange writes).
  await deps.timeline.recordEntries(
    tx,
    orgId,
    replayed.flatMap((w) =>
      w.changes.map((c) => {
        const mrr = w.result.mrrAround.get(c.id) ?? { before: 0, after: 0 };
        const data = {
          changeId: c.id,
          subscriptionId: w.row.id,
          reference: w.row.reference,
          kind: c.kind,
          currency: w.row.currency,
          mrrBefore: mrr.before / 100,
          mrrAfter: mrr.after / 100,
          payload: c.op as unknown as Record<string, unknown>,
          reasonLabel: c.reasonLabel ?? null,
          comment: c.comment ?? null,
        };
        return {
          accountId: w.accountId,
          kind: 'subscription' as const,
          occurredAt: new Date(`${c.effectiveDate}T12:00:00Z`),
          subject: describeChange(data),
          data,
          sourceRef: `subscription_change:${c.id}`,
          authorUserId: meta.actorUserId,
          source: 'subscriptions',
        };
      }),
    ),
  );
  await deps.events.publishMany(
    tx,
    orgId,
    'subscription.changed',
    replayed.map((w) => {
      const last = w.changes.at(-1);
      const lastMrr = last ? w.result.mrrAround.get(last.id) : undefined;
      return {
        accountId: w.accountId,
        subscriptionId: w.row.id,
        changeId: null,
        kind: null,
        effectiveDate: last?.effectiveDate ?? w.sub.termStart,
        mrrBeforeCents: lastMrr?.before ?? 0,
        mrrAfterCents: lastMrr?.after ?? 0,
      };
    }),
  );
  return outcomes;
}

/** One imported subscription (see writeImportedSubscriptions). */
export async function writeImportedSubscription(
  tx: Db,
  deps: TRecordDeps,
  orgId: string,
  accountId: string,
  sub: TImportedSubscription,
  meta: TImportMeta,
): Promise<TImportOutcome> {
  const [outcome] = await writeImportedSubscriptions(tx, deps, orgId, [{ accountId, sub }], meta);
  return outcome ?? 'unchanged';
}

function sameHistory(
  existing: readonly {
    externalId: string | null;
    kind: string;
    effectiveDate: string;
    payload: unknown;
    reasonId: string | null;
    competitorId: string | null;
  }[],
  sub: TImportedSubscription,
) {
  return (
    existing.length === sub.changes.length &&
    existing.every((c, i) => {
      const n = sub.changes[i];
      return (
        n &&
        c.externalId === n.externalId &&
        c.kind === n.kind &&
        c.effectiveDate === n.effectiveDate &&
        c.reasonId === (n.reasonId ?? null) &&
        c.competitorId === (n.competitorId ?? null) &&
        stableJson(c.payload) === stableJson(n.op as TChangeOp)
      );
    })
  );
}

/** The organisation's cancel reasons by label in lower case, those of `labels` it lacks added first. */
export async function ensureCancelReasons(tx: Db, clock: Clock, orgId: string, labels: string[]) {
  const have = new Map((await listCancelReasons(tx, orgId)).map((r) => [r.label.toLowerCase(), { id: r.id, label: r.label }]));
  let sortOrder = have.size;
  for (const label of labels) {
    if (have.has(label.toLowerCase())) continue;
    const id = newId();
    await insertCancelReason(tx, {
      orgId,
      id,
      label,
      asksCompetitor: false,
      sortOrder: ++sortOrder,
      archivedAt: null,
      createdAt: clock.now(),
    });
    have.set(label.toLowerCase(), { id, label });
  }
  return have;
}

/**
 * References for the new subscriptions of one import, in its transaction: the organisation's highest is read
 * once, then counted up (reading it for each of thousands of subscriptions scans them all every time).
 */
export function referenceAllocator(tx: Db, orgId: string): () => Promise<string> {
  let next: number | null = null;
  return async () => {
    next ??= Number((await nextReference(tx, orgId)).slice(4));
    const reference = `SUB-${String(next).padStart(4, '0')}`;
    next++;
    return reference;
  };
}

/** JSON with keys in one order at every depth: a jsonb column gives its keys back in its own order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
