import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { createOrganisationWithAdmin } from '../../apps/server/src/modules/organisations/index.ts';
import { systemClock } from '../../apps/server/src/platform/clock.ts';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';

/**
 * The ingestion benchmark's organisation: accounts with external ids acct-0 … acct-(n-1), one Segment source
 * with a known write key (stored hashed, as the product stores it), and realistic events: track calls of a few
 * dozen feature names with small properties and Segment's context, from 20 users per account, each carrying its
 * account as context.groupId.
 */
export const INGEST_SLUG = 'ingest-bench';
export const WRITE_KEY = 'c365w_ingest-bench-write-key';
const FEATURES = Array.from({ length: 30 }, (_, i) => `Feature ${String.fromCharCode(65 + (i % 26))}${i} used`);
const USERS_PER_ACCOUNT = 20;

export interface IngestData {
  orgId: string;
  sourceId: string;
  accountIds: string[];
}

export async function ensureIngestData(databaseUrl: string, accounts: number): Promise<IngestData> {
  const database = await openDatabase({ databaseUrl, dataDir: 'unused' });
  await database.migrate();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let org = (await client.query<{ id: string }>('select id from organisations where slug = $1', [INGEST_SLUG])).rows[0];
    if (!org) {
      const made = await createOrganisationWithAdmin(database.db, systemClock, {
        name: 'Ingestion benchmark',
        slug: INGEST_SLUG,
        admin: { email: 'admin@ingest-bench.customer365.test', name: 'Bench Admin', password: 'customer365-bench' },
      });
      org = { id: made.orgId };
    }
    const orgId = org.id;
    const have = (await client.query<{ n: number }>('select count(*)::int as n from accounts where org_id = $1', [orgId])).rows[0]?.n ?? 0;
    if (have < accounts)
      await client.query(
        `insert into accounts (org_id, id, name, external_id, segment, lifecycle_stage, created_at, updated_at)
         select $1, gen_random_uuid(), 'Account ' || g, 'acct-' || g, 'smb', 'customer', now(), now() from generate_series($2::int, $3::int - 1) g`,
        [orgId, have, accounts],
      );
    const keyHash = createHash('sha256').update(WRITE_KEY).digest('hex');
    await client.query(
      `insert into usage_sources (org_id, id, name, kind, account_mapping, key_hash, key_hint, created_at)
       values ($1, $2, 'Benchmark', 'segment', 'group_id', $3, 'c365w_ingest', now()) on conflict do nothing`,
      [orgId, randomUUID(), keyHash],
    );
    const sourceId = (await client.query<{ id: string }>('select id from usage_sources where key_hash = $1', [keyHash])).rows[0]
      ?.id as string;
    const ids = await client.query<{ id: string }>(`select id from accounts where org_id = $1 and external_id like 'acct-%' order by id`, [
      orgId,
    ]);
    return { orgId, sourceId, accountIds: ids.rows.map((r) => r.id) };
  } finally {
    await client.end();
    await database.close();
  }
}

/** Empty the usage tables of the benchmark database between rounds (this database is the benchmark's own). */
export async function truncateUsage(client: pg.Client) {
  await client.query(
    'truncate usage_events, usage_daily_events, usage_daily_users, usage_account_activity, usage_keys, usage_users, usage_rollup_deltas',
  );
}

/**
 * How far before the moment it is sent an event happened, in ms: BENCH_INGEST_SPREAD seconds at most (default
 * 10, a Segment client's flush interval: a live stream, out of order within that window); 86400 gives the
 * day-wide spread of the figures before 2026-12-06.
 */
const SPREAD_MS = Number(process.env.BENCH_INGEST_SPREAD ?? 10) * 1000;
const ageOf = (k: number) => (k * 104729) % SPREAD_MS;

/**
 * A message id as most Segment libraries make one (a random UUID; analytics-node prefixes it with the time),
 * the same for the same run and event number, so the COPY floor stores the same ids as the HTTP round.
 */
function messageId(runId: string, k: number): string {
  const h = createHash('md5').update(`${runId}-${k}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A generator of /v1/batch bodies: each call a new batch of `size` events with unique message ids, written as
 * text directly (the client must not be the bottleneck), each event at most SPREAD_MS before its batch is made.
 */
export function batchMaker(accounts: number, size: number, runId: string) {
  let n = 0;
  const context = '"context":{"library":{"name":"@segment/analytics-node","version":"3.1.0"},"ip":"203.0.113.7"}';
  return () => {
    const parts: string[] = [];
    const now = Date.now();
    for (let i = 0; i < size; i++) {
      const k = n++;
      const account = (k * 7919) % accounts;
      const user = (k * 31) % USERS_PER_ACCOUNT;
      const feature = FEATURES[k % FEATURES.length] as string;
      const ts = new Date(now - ageOf(k)).toISOString();
      parts.push(
        `{"type":"track","messageId":"${messageId(runId, k)}","userId":"u${account}-${user}","event":"${feature}","timestamp":"${ts}","properties":{"plan":"pro","count":${k % 17},"source":"web"},${context.slice(0, -1)},"groupId":"acct-${account}"}}`,
      );
    }
    return `{"batch":[${parts.join(',')}],"sentAt":"${new Date().toISOString()}"}`;
  };
}

/**
 * The same rows as the HTTP path stores, as COPY text for usage_events (account resolved, as ingestion resolves
 * it): the events of a stream that lasted `seconds`, each at most SPREAD_MS before its moment in it.
 */
export function copyRows(data: IngestData, count: number, runId: string, seconds: number): string[] {
  const chunks: string[] = [];
  const start = Date.now() - seconds * 1000;
  const received = new Date().toISOString();
  let lines: string[] = [];
  for (let k = 0; k < count; k++) {
    const account = (k * 7919) % data.accountIds.length;
    const user = (k * 31) % USERS_PER_ACCOUNT;
    const ts = new Date(start + Math.floor((k * seconds * 1000) / count) - ageOf(k)).toISOString();
    lines.push(
      `${data.orgId}\t${data.sourceId}\t${messageId(runId, k)}\t${ts}\ttrack\t${FEATURES[k % FEATURES.length]}\t${data.accountIds[account]}\t\\N\tu${account}-${user}\t\\N\t{"plan": "pro", "count": ${k % 17}, "source": "web"}\t${received}\n`,
    );
    if (lines.length === 10_000) {
      chunks.push(lines.join(''));
      lines = [];
    }
  }
  if (lines.length) chunks.push(lines.join(''));
  return chunks;
}

/** utime + stime of a process in milliseconds, from /proc (fields 14 and 15, in clock ticks of 10 ms); 0 when gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU milliseconds of these processes together, per process id (backends come and go). */
export const cpuOf = (pids: number[]) => new Map(pids.map((p) => [p, cpuMs(p)]));
export function cpuSpent(before: Map<number, number>, pids: number[]): number {
  return pids.reduce((sum, p) => sum + cpuMs(p) - (before.get(p) ?? 0), 0);
}
