import type { Database } from '../../platform/db/database.ts';
import {
  copyUsageEvents,
  type TEventColumns,
  type TEventPart,
  type TUserUpdates,
  type TWriteOutcome,
  writeUsageEvents,
} from './usage.ingest.repository.ts';

/**
 * Group commit for ingestion on PostgreSQL: the batches of concurrent requests of one source that arrive while
 * earlier writes are in flight are written together, one COPY, one rollup delta and one commit for all of them
 * (a transaction's fixed cost, its statements and its WAL flush, was most of the database's work per batch:
 * bench/ingest.bench.ts). Each request is still answered only after the commit that holds its events. When the
 * group's write fails (a message stored before, which the COPY refuses, or anything else), every request of it
 * is written again on its own, as before (writeUsageEvents: COPY, else the careful INSERT … ON CONFLICT), so one
 * request's retry or bad row never costs another request its answer. PGlite (one connection) writes each batch
 * on its own.
 */

/** Writes in flight at once; the requests that arrive meanwhile wait for the next group. */
const IN_FLIGHT = 2;
/** Events per group at most (a group is one COPY and one delta row). */
const GROUP_EVENTS = 5_000;

interface TPending {
  orgId: string;
  sourceId: string;
  cols: TEventColumns;
  users: TUserUpdates | null;
  receivedAt: Date;
  resolve: (o: TWriteOutcome) => void;
  reject: (err: unknown) => void;
}

export type GroupWriter = ReturnType<typeof createGroupWriter>;

export function createGroupWriter(database: Database) {
  const queue: TPending[] = [];
  let inFlight = 0;

  /** The oldest waiting request and the later ones of the same source, up to GROUP_EVENTS events. */
  function take(): TPending[] {
    const first = queue.shift() as TPending;
    const group = [first];
    let events = first.cols.messageId.length;
    for (let i = 0; i < queue.length && events < GROUP_EVENTS; ) {
      const p = queue[i] as TPending;
      const n = p.cols.messageId.length;
      if (p.orgId === first.orgId && p.sourceId === first.sourceId && events + n <= GROUP_EVENTS) {
        group.push(p);
        events += n;
        queue.splice(i, 1);
      } else i++;
    }
    return group;
  }

  async function alone(p: TPending) {
    try {
      p.resolve(await writeUsageEvents(database, p.orgId, p.sourceId, p.cols, p.users, p.receivedAt));
    } catch (err) {
      p.reject(err);
    }
  }

  async function flush(group: TPending[]) {
    if (group.length === 1) return alone(group[0] as TPending);
    const first = group[0] as TPending;
    const parts: TEventPart[] = group.map((p) => ({ cols: p.cols, receivedAt: p.receivedAt.toISOString() }));
    const at = new Date(Math.max(...group.map((p) => p.receivedAt.getTime()))).toISOString();
    let outcome: TWriteOutcome;
    try {
      outcome = await copyUsageEvents(database, first.orgId, first.sourceId, parts, mergeUsers(group), at);
    } catch {
      for (const p of group) await alone(p);
      return;
    }
    for (const p of group) p.resolve({ stored: p.cols.messageId.length, accounts: outcome.accounts });
  }

  function pump() {
    while (inFlight < IN_FLIGHT && queue.length) {
      inFlight++;
      flush(take()).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    /** Stores a request's events (as writeUsageEvents), possibly in one transaction with other requests' events. */
    write(orgId: string, sourceId: string, cols: TEventColumns, users: TUserUpdates | null, receivedAt: Date): Promise<TWriteOutcome> {
      if (!database.pool || !cols.messageId.length) return writeUsageEvents(database, orgId, sourceId, cols, users, receivedAt);
      return new Promise((resolve, reject) => {
        queue.push({ orgId, sourceId, cols, users, receivedAt, resolve, reject });
        pump();
      });
    },
  };
}

/** The users of the group's requests, one row per user (a statement may not update a row twice); later requests win, as they would one after another. */
export function mergeUsers(group: { users: TUserUpdates | null }[]): TUserUpdates | null {
  const byUser = new Map<string, { groupKey: string | null; email: string | null }>();
  for (const { users } of group) {
    if (!users) continue;
    users.userId.forEach((u, i) => {
      const before = byUser.get(u);
      byUser.set(u, { groupKey: users.groupKey[i] ?? before?.groupKey ?? null, email: users.email[i] ?? before?.email ?? null });
    });
  }
  if (!byUser.size) return null;
  const out: TUserUpdates = { userId: [], groupKey: [], email: [] };
  for (const [u, v] of byUser) {
    out.userId.push(u);
    out.groupKey.push(v.groupKey);
    out.email.push(v.email);
  }
  return out;
}
