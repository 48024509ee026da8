import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { createGroupWriter } from './usage.ingest.group.ts';
import { findUserAccountKeys, resolveAccountKeys, type TEventColumns, type TUserUpdates } from './usage.ingest.repository.ts';
import { ensurePartition } from './usage.partitions.repository.ts';
import { findSourceByKeyHash, findUnmappedUserKeys, mapKeyToAccount, type TUsageSourceRow, touchSource } from './usage.repository.ts';
import { mergeRollupDeltas } from './usage.rollups.repository.ts';
import { isEventError, readEvent, type TEventError, type TSegmentType, type TUsageEvent } from './usage.segment.ts';

export const hashWriteKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A stored event with its account already known (the native API names it), else resolved from its key. */
export type TIngestEvent = TUsageEvent & { accountId?: string };

export interface TIngestOutcome {
  received: number;
  stored: number;
  rejected: TEventError[];
}

/** How long a write key's source, and an account key's account, are remembered (a revoke or a mapping on this instance forgets at once). */
const SOURCE_TTL_MS = 5_000;
const KEY_TTL_MS = 10_000;
const LAST_USED_EVERY_MS = 60_000;
const CACHE_MAX = 100_000;
/** Rollups follow ingestion within this slot (plus the job queue's poll): one merge job per organisation and slot. */
export const ROLLUP_SLOT_MS = 10_000;
export const ROLLUP_JOB = 'usage.rollup';
const MERGE_BATCH = 2_000;

export type UsageIngest = ReturnType<typeof createUsageIngest>;

/**
 * Ingestion: write key → source, raw events → stored events (per-event errors kept aside), account keys →
 * accounts, then one transaction (usage.ingest.repository.ts). The answer is given only after it commits.
 * Nothing is awaited per event: lookups are one query per batch (users, keys), and known answers are cached
 * briefly; unknown keys are never cached, so a key mapped on another instance is seen at the next batch.
 */
export function createUsageIngest(deps: { database: Database; db: Db; clock: Clock; events: EventBus }) {
  const { database, db, clock, events: bus } = deps;
  const sources = new Map<string, { source: TUsageSourceRow | null; until: number }>();
  const keys = new Map<string, { accountId: string | null; ignored: boolean; until: number }>();
  const userKeys = new Map<string, { key: string; until: number }>();
  const lastTouched = new Map<string, number>();
  const partitions = new Set<string>();
  const rollupSlots = new Map<string, number>();
  const writer = createGroupWriter(database);

  /** A merge job for the organisation's slot, once per slot per instance (the queue deduplicates across instances). */
  async function scheduleMerge(orgId: string, at: Date) {
    const slot = Math.floor(at.getTime() / ROLLUP_SLOT_MS);
    if (rollupSlots.get(orgId) === slot) return;
    rollupSlots.set(orgId, slot);
    await enqueueJob(
      db,
      clock,
      ROLLUP_JOB,
      { orgId },
      { orgId, dedupeKey: `${ROLLUP_JOB}:${orgId}:${slot}`, runAt: new Date((slot + 1) * ROLLUP_SLOT_MS) },
    );
  }

  const remember = <V>(map: Map<string, V>, k: string, v: V) => {
    if (map.size >= CACHE_MAX) map.clear();
    map.set(k, v);
  };

  /** The months of the batch's event times (ISO strings: their first seven characters), each partition made once per instance. */
  async function ensureMonths(isoTimes: string[]) {
    const months = new Set<string>();
    for (const ts of isoTimes) months.add(ts.slice(0, 7));
    for (const month of months) {
      if (partitions.has(month)) continue;
      await ensurePartition(db, month);
      partitions.add(month);
    }
  }

  /** The account key of each event: its own, one a group/identify call earlier in the batch named, or the user's stored one. */
  async function accountKeysOf(source: TUsageSourceRow, events: TIngestEvent[], now: number): Promise<(string | null)[]> {
    const inBatch = new Map<string, string>();
    const missing = new Set<string>();
    for (const e of events) {
      if (e.accountKey && e.userId && (e.type === 'group' || e.type === 'identify')) inBatch.set(e.userId, e.accountKey);
      else if (!e.accountKey && !e.accountId && e.userId && !inBatch.has(e.userId)) {
        const hit = userKeys.get(`${source.id}|${e.userId}`);
        if (!hit || hit.until < now) missing.add(e.userId);
      }
    }
    const found = missing.size ? await findUserAccountKeys(database, source.orgId, source.id, [...missing]) : new Map<string, string>();
    for (const [u, k] of found) remember(userKeys, `${source.id}|${u}`, { key: k, until: now + KEY_TTL_MS });
    const seen = new Map<string, string>();
    return events.map((e) => {
      if (e.accountKey) {
        if (e.userId && (e.type === 'group' || e.type === 'identify')) seen.set(e.userId, e.accountKey);
        return e.accountKey;
      }
      if (!e.userId) return null;
      return seen.get(e.userId) ?? found.get(e.userId) ?? userKeys.get(`${source.id}|${e.userId}`)?.key ?? null;
    });
  }

  async function resolveKeys(source: TUsageSourceRow, wanted: Map<string, { kind: string; key: string }>, now: number) {
    const ask = { kind: [] as string[], key: [] as string[] };
    for (const [ck, { kind, key }] of wanted) {
      const hit = keys.get(ck);
      if (!hit || hit.until < now) {
        ask.kind.push(kind);
        ask.key.push(key);
      }
    }
    if (!ask.key.length) return;
    const rows = await resolveAccountKeys(database, source.orgId, source.id, ask);
    rows.forEach((r, i) => {
      const ck = `${source.id}|${ask.kind[i]}|${r.key}`;
      // Only answers that name an account are remembered: an unknown key may be mapped any moment.
      if (r.accountId || r.ignored) remember(keys, ck, { accountId: r.accountId, ignored: r.ignored, until: now + KEY_TTL_MS });
      else keys.delete(ck);
    });
  }

  /**
   * A group (or identify) call that names a known account for users whose earlier events were kept under the
   * user alone (their tracks arrived before it: a client's batches travel in parallel): those events move to
   * the account, as an admin's mapping would move them. After the commit, so at worst they stay listed.
   */
  async function adoptUserEvents(source: TUsageSourceRow, users: Map<string, { groupKey: string | null }>, at: Date) {
    const accountOf = new Map<string, string>();
    for (const [u, v] of users) {
      const accountId = v.groupKey ? keys.get(`${source.id}|group|${v.groupKey}`)?.accountId : null;
      if (accountId) accountOf.set(u, accountId);
    }
    const waiting = await findUnmappedUserKeys(db, source.orgId, source.id, [...accountOf.keys()]);
    for (const userId of waiting)
      await db.transaction((tx) => mapKeyToAccount(tx, source.orgId, source.id, 'user', userId, accountOf.get(userId) as string, at));
  }

  return {
    /** The live source of a write key, or null (unknown or revoked). */
    async authenticate(writeKey: string): Promise<TUsageSourceRow | null> {
      const hash = hashWriteKey(writeKey);
      const now = clock.now().getTime();
      const hit = sources.get(hash);
      if (hit && hit.until > now) return hit.source;
      const source = await findSourceByKeyHash(db, hash);
      remember(sources, hash, { source, until: now + SOURCE_TTL_MS });
      return source;
    },

    /**
     * Merges the organisation's waiting rollup deltas into the rollups, a transaction per 2,000 batches, each
     * publishing usage.activity_changed with the accounts it moved (usage.events.ts); answers how many.
     */
    async mergeRollups(orgId: string): Promise<number> {
      let total = 0;
      for (;;) {
        const merged = await db.transaction(async (tx) => {
          const r = await mergeRollupDeltas(tx, orgId, MERGE_BATCH);
          if (r.accounts.length) await bus.publish(tx, orgId, 'usage.activity_changed', { accountIds: r.accounts });
          return r.merged;
        });
        total += merged;
        if (merged < MERGE_BATCH) return total;
      }
    },

    /** Forget what this instance remembers of a source (after a revoke) or of its keys (after a mapping). */
    forget(sourceId: string) {
      for (const [h, v] of sources) if (v.source?.id === sourceId) sources.delete(h);
      for (const k of keys.keys()) if (k.startsWith(`${sourceId}|`)) keys.delete(k);
    },

    /** Reads Segment events (per-event errors aside) and stores the valid ones. */
    async ingestSegment(
      source: TUsageSourceRow,
      raws: unknown[],
      endpointType: TSegmentType | null,
      checkSize: boolean,
    ): Promise<TIngestOutcome> {
      const receivedAt = clock.now();
      const rule = { accountMapping: source.accountMapping, accountTrait: source.accountTrait };
      const valid: TIngestEvent[] = [];
      const rejected: TEventError[] = [];
      for (let i = 0; i < raws.length; i++) {
        const e = readEvent(raws[i], i, endpointType, rule, receivedAt, checkSize);
        if (isEventError(e)) rejected.push(e);
        else valid.push(e);
      }
      const stored = await this.store(source, valid, receivedAt);
      return { received: raws.length, stored, rejected };
    },

    /** Stores events of a source: accounts resolved, partitions made, one transaction. Answers how many were new. */
    async store(source: TUsageSourceRow, events: TIngestEvent[], receivedAt: Date): Promise<number> {
      const now = receivedAt.getTime();
      if (now - (lastTouched.get(source.id) ?? 0) > LAST_USED_EVERY_MS) {
        lastTouched.set(source.id, now);
        await touchSource(db, source.orgId, source.id, receivedAt);
      }
      if (!events.length) return 0;
      const accountKeys = await accountKeysOf(source, events, now);
      // Each event's cache key (source|kind|key) once: the account key it names, else its user's.
      const wanted = new Map<string, { kind: string; key: string }>();
      const refs: (string | null)[] = events.map((e, i) => {
        if (e.accountId) return null;
        const group = accountKeys[i];
        const kind = group ? 'group' : 'user';
        const key = group ?? ((e.userId ?? e.anonymousId) as string);
        const ck = `${source.id}|${kind}|${key}`;
        if (!wanted.has(ck)) wanted.set(ck, { kind, key });
        return ck;
      });
      await resolveKeys(source, wanted, now);
      const cols: TEventColumns = {
        messageId: [],
        ts: [],
        type: [],
        event: [],
        accountId: [],
        groupKey: [],
        userId: [],
        anonymousId: [],
        properties: [],
      };
      const users = new Map<string, { groupKey: string | null; email: string | null }>();
      events.forEach((e, i) => {
        let accountId = e.accountId ?? null;
        let groupKey: string | null = null;
        if (!accountId) {
          accountId = keys.get(refs[i] as string)?.accountId ?? null;
          const group = accountKeys[i];
          if (!accountId && group) groupKey = group;
        }
        cols.messageId.push(e.messageId);
        cols.ts.push(e.ts);
        cols.type.push(e.type);
        cols.event.push(e.event);
        cols.accountId.push(accountId);
        cols.groupKey.push(groupKey);
        cols.userId.push(e.userId);
        cols.anonymousId.push(e.anonymousId);
        cols.properties.push(e.properties);
        if (e.userId && (e.type === 'identify' || e.type === 'group') && (e.accountKey || e.email)) {
          const before = users.get(e.userId);
          users.set(e.userId, { groupKey: e.accountKey ?? before?.groupKey ?? null, email: e.email ?? before?.email ?? null });
        }
      });
      for (const [u, v] of users) if (v.groupKey) remember(userKeys, `${source.id}|${u}`, { key: v.groupKey, until: now + KEY_TTL_MS });
      const userCols: TUserUpdates = { userId: [], groupKey: [], email: [] };
      for (const [u, v] of users) {
        userCols.userId.push(u);
        userCols.groupKey.push(v.groupKey);
        userCols.email.push(v.email);
      }
      await ensureMonths(cols.ts);
      const { stored } = await writer.write(source.orgId, source.id, cols, userCols, receivedAt);
      if (stored) await scheduleMerge(source.orgId, receivedAt);
      if (users.size) await adoptUserEvents(source, users, receivedAt);
      return stored;
    },
  };
}
