import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { TImportedSubscription } from './subscriptions.periods.ts';
import { replayAndStore, type TRecordDeps } from './subscriptions.record.ts';
import {
  changesOfSubscription,
  deleteChangesOfSubscription,
  findSubscriptionByExternalId,
  insertChange,
  insertSubscription,
  lockSubscription,
  nextReference,
} from './subscriptions.repository.ts';

/**
 * Writes one imported subscription with its whole history, in the import's transaction: created when new,
 * its change log replaced when the file says something else, untouched when it says the same (so importing
 * the same file again changes nothing). One replay and one `subscription.changed` per subscription, however
 * many changes it has.
 */
export async function writeImportedSubscription(
  tx: Db,
  deps: TRecordDeps,
  orgId: string,
  accountId: string,
  sub: TImportedSubscription,
  meta: { importId: string | null; actorUserId: string | null; reference?: () => Promise<string> },
): Promise<'inserted' | 'updated' | 'unchanged'> {
  const now = deps.clock.now();
  let row = await findSubscriptionByExternalId(tx, orgId, sub.externalId);
  let outcome: 'inserted' | 'updated' = 'updated';
  if (row) {
    await lockSubscription(tx, orgId, row.id);
    const existing = await changesOfSubscription(tx, orgId, row.id);
    const same =
      row.accountId === accountId &&
      existing.length === sub.changes.length &&
      existing.every((c, i) => {
        const n = sub.changes[i];
        return (
          n &&
          c.externalId === n.externalId &&
          c.kind === n.kind &&
          c.effectiveDate === n.effectiveDate &&
          stableJson(c.payload) === stableJson(n.op)
        );
      });
    if (same) return 'unchanged';
    await deleteChangesOfSubscription(tx, orgId, row.id);
  } else {
    outcome = 'inserted';
    const id = newId();
    await insertSubscription(tx, {
      orgId,
      id,
      accountId,
      reference: meta.reference ? await meta.reference() : await nextReference(tx, orgId),
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
    });
    row = await findSubscriptionByExternalId(tx, orgId, sub.externalId);
  }
  if (!row) throw new Error('imported subscription vanished');
  for (const [seq, c] of sub.changes.entries())
    await insertChange(tx, {
      orgId,
      id: newId(),
      subscriptionId: row.id,
      accountId,
      kind: c.kind,
      effectiveDate: c.effectiveDate,
      seq: seq + 1,
      payload: c.op as unknown as Record<string, unknown>,
      source: 'import',
      importId: meta.importId,
      externalId: c.externalId,
      comment: c.comment ?? null,
      actorUserId: meta.actorUserId,
      createdAt: now,
    });
  const around = await replayAndStore(tx, deps, row);
  const last = sub.changes.at(-1);
  const lastMrr = last ? around.get([...around.keys()].at(-1) ?? '') : undefined;
  await deps.events.publish(tx, orgId, 'subscription.changed', {
    accountId,
    subscriptionId: row.id,
    changeId: null,
    kind: null,
    effectiveDate: last?.effectiveDate ?? sub.termStart,
    mrrBeforeCents: lastMrr?.before ?? 0,
    mrrAfterCents: lastMrr?.after ?? 0,
  });
  return outcome;
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
