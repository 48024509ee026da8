import { copyCell } from '../../platform/db/bulk.ts';

/**
 * A batch's rollup delta and unmapped keys, computed in the process when every event of the batch is new (the
 * COPY path of usage.ingest.repository.ts: a COPY that stored the batch stored every row of it). The same
 * aggregates WRITE_EVENTS_SQL computes from its insert's RETURNING, in the same JSON shapes the rollup merge
 * reads (usage.rollups.repository.ts). Pure: no I/O.
 */

export interface TBatchColumns {
  messageId: string[];
  /** ISO 8601 in UTC (toISOString): its first ten characters are the UTC day, and strings compare as instants. */
  ts: string[];
  type: string[];
  event: (string | null)[];
  accountId: (string | null)[];
  groupKey: (string | null)[];
  userId: (string | null)[];
  anonymousId: (string | null)[];
  properties: (string | null)[];
}

export interface TBatchDelta {
  /** JSON arrays, or null when no event of the batch is activity of a known account (no delta row then). */
  dailyEvents: string | null;
  dailyUsers: string;
  activity: string | null;
  /** The account ids the delta touches (for the activity-changed event). */
  accounts: string[];
  /** Keys of events kept without an account: per kind and key, count and first/last time, sorted by kind, key. */
  keys: { kind: string[]; key: string[]; events: number[]; first: string[]; last: string[] };
}

const ACTIVITY_TYPES = new Set(['track', 'page', 'screen']);

export function batchDelta(cols: TBatchColumns): TBatchDelta {
  const daily = new Map<string, { a: string; d: string; e: string | null; n: number }>();
  const users = new Map<string, { a: string; d: string; u: string; n: number }>();
  const activity = new Map<string, { a: string; f: string; l: string; n: number }>();
  const keys = new Map<string, { kind: string; key: string; n: number; f: string; l: string }>();
  const n = cols.messageId.length;
  for (let i = 0; i < n; i++) {
    const a = cols.accountId[i];
    const ts = cols.ts[i] as string;
    const userKey = cols.userId[i] ?? cols.anonymousId[i] ?? null;
    if (!a) {
      const g = cols.groupKey[i];
      const kind = g ? 'group' : 'user';
      const key = g ?? userKey;
      if (!key) continue;
      const k = `${kind}\u0000${key}`;
      const hit = keys.get(k);
      if (!hit) keys.set(k, { kind, key, n: 1, f: ts, l: ts });
      else {
        hit.n++;
        if (ts < hit.f) hit.f = ts;
        if (ts > hit.l) hit.l = ts;
      }
      continue;
    }
    if (!ACTIVITY_TYPES.has(cols.type[i] as string)) continue;
    const d = ts.slice(0, 10);
    const e = cols.event[i] ?? null;
    const dk = `${a}|${d}|${e}`;
    const de = daily.get(dk);
    if (de) de.n++;
    else daily.set(dk, { a, d, e, n: 1 });
    if (userKey) {
      const uk = `${a}|${d}|${userKey}`;
      const du = users.get(uk);
      if (du) du.n++;
      else users.set(uk, { a, d, u: userKey, n: 1 });
    }
    const act = activity.get(a);
    if (!act) activity.set(a, { a, f: ts, l: ts, n: 1 });
    else {
      act.n++;
      if (ts < act.f) act.f = ts;
      if (ts > act.l) act.l = ts;
    }
  }
  const sortedKeys = [...keys.values()].sort((x, y) =>
    x.kind === y.kind ? (x.key < y.key ? -1 : x.key > y.key ? 1 : 0) : x.kind < y.kind ? -1 : 1,
  );
  return {
    dailyEvents: daily.size ? JSON.stringify([...daily.values()]) : null,
    dailyUsers: JSON.stringify([...users.values()]),
    activity: activity.size ? JSON.stringify([...activity.values()]) : null,
    accounts: [...activity.keys()],
    keys: {
      kind: sortedKeys.map((k) => k.kind),
      key: sortedKeys.map((k) => k.key),
      events: sortedKeys.map((k) => k.n),
      first: sortedKeys.map((k) => k.f),
      last: sortedKeys.map((k) => k.l),
    },
  };
}

export const EVENT_COPY_COLUMNS =
  'org_id, source_id, message_id, ts, type, event, account_id, group_key, user_id, anonymous_id, properties, received_at';

/** The batch as COPY text lines for usage_events (EVENT_COPY_COLUMNS order), one string. */
export function eventCopyText(orgId: string, sourceId: string, cols: TBatchColumns, receivedAt: string): string {
  const head = `${orgId}\t${sourceId}\t`;
  const tail = `\t${receivedAt}\n`;
  let out = '';
  const n = cols.messageId.length;
  for (let i = 0; i < n; i++)
    out +=
      head +
      copyCell(cols.messageId[i]) +
      '\t' +
      cols.ts[i] +
      '\t' +
      cols.type[i] +
      '\t' +
      copyCell(cols.event[i]) +
      '\t' +
      copyCell(cols.accountId[i]) +
      '\t' +
      copyCell(cols.groupKey[i]) +
      '\t' +
      copyCell(cols.userId[i]) +
      '\t' +
      copyCell(cols.anonymousId[i]) +
      '\t' +
      copyCell(cols.properties[i]) +
      tail;
  return out;
}
