// Usage ingestion at full speed: the product's Segment-compatible POST /v1/batch (realistic track events, BENCH_INGEST_BATCH
// per request) from BENCH_INGEST_CLIENTS concurrent keep-alive clients for BENCH_INGEST_SECONDS, in its own process on
// PostgreSQL; events/s acknowledged (each 2xx answered after its transaction committed: the events, the unmapped keys and the batch's rollup delta). Next to it,
// in the same run, the floor: a raw COPY of the same number of the same rows into the same table (usage_events, its
// partitions and its primary key), one stream. The goal: ≥ 200k events/s and ≥ 60 % of the COPY rate.
// BENCH_DATABASE_URL (default postgres://c365:c365@127.0.0.1:5432/c365_ibench): a database of its own, migrated here;
// its usage tables are emptied before each half of a round.
import http from 'node:http';
import os from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Child, freePort, spawnTs, waitFor200 } from './lib/child.ts';
import { replaceDocsSection, WRITE_DOCS } from './lib/docs.ts';
import { measureFreshness, type TFreshness } from './lib/freshness.ts';
import {
  batchMaker,
  copyRows,
  cpuMs,
  cpuOf,
  cpuSpent,
  ensureIngestData,
  INGEST_SLUG,
  type IngestData,
  truncateUsage,
  WRITE_KEY,
} from './lib/ingest-data.ts';
import { applyBenchNice, describeMachine, gitCommit, median, reniceProcesses, table } from './lib/machine.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_ibench';
const ACCOUNTS = Number(env.BENCH_INGEST_ACCOUNTS ?? 10_000);
const BATCH = Number(env.BENCH_INGEST_BATCH ?? 250);
const CLIENTS = Number(env.BENCH_INGEST_CLIENTS ?? 8);
const SECONDS = Number(env.BENCH_INGEST_SECONDS ?? 20);
const WARMUP = Number(env.BENCH_INGEST_WARMUP ?? 3);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const POOL = env.BENCH_INGEST_POOL ?? '8';
/** BENCH_INGEST_PROFILE=dir: the server runs with node --cpu-prof, one .cpuprofile per round in that folder. */
const PROFILE_DIR = env.BENCH_INGEST_PROFILE;
/** Freshness: the last PROBE_ACCOUNTS accounts are never named by the load, each probed once (bench/lib/freshness.ts). */
const PROBE_ACCOUNTS = 100;
const LOAD_ACCOUNTS = ACCOUNTS - PROBE_ACCOUNTS;
const FRESH_SECONDS = Number(env.BENCH_FRESH_SECONDS ?? 60);
const FRESH_RATE = env.BENCH_FRESH_RATE ? Number(env.BENCH_FRESH_RATE) : null;
const GOAL_RATE = 200_000;
const GOAL_RATIO = 0.6;

const nice = applyBenchNice();
const log = (s: string) => process.stderr.write(s);

/** CPU milliseconds per 1,000 events, by party (Linux /proc): less sensitive to the other work on the machine than rates. */
interface TCpu {
  server: number;
  postgres: number;
  client: number;
}

interface TRound {
  http: { events: number; seconds: number; requests: number; failed: number; p50: number; p99: number; cpu: TCpu };
  copy: { rows: number; seconds: number; cpu: TCpu };
  stored: number;
  /** Events answered 2xx, warm-up included: every one must be in the table once. */
  acknowledged: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;

function post(port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/batch',
        method: 'POST',
        agent,
        headers: { authorization: auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** C clients, each posting the next batch as soon as the previous one is answered, until `until`. */
async function load(port: number, next: () => string, seconds: number) {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const body = next();
        const t0 = performance.now();
        const res = await post(port, body);
        latencies.push(performance.now() - t0);
        if (res.status === 200 && res.text === '{"success":true}') ok++;
        else {
          failed++;
          if (failed < 3) log(`answer ${res.status}: ${res.text.slice(0, 200)}\n`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { requests: ok, failed, seconds: elapsed, events: ok * BATCH, p50: median(latencies), p99: percentile(latencies, 0.99) };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

/** The product in its own process (web and worker, as `npm start`), answering on a free port. */
async function startServer(): Promise<{ app: Child; port: number }> {
  const port = await freePort();
  const app: Child = spawnTs(
    'apps/server/src/main.ts',
    { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL, PG_POOL_MAX: POOL, LOG_LEVEL: 'warn', SEED_DEMO: 'false' },
    PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
  );
  try {
    await waitFor200(`http://127.0.0.1:${port}/api/health`, app, performance.now());
  } catch (err) {
    await app.stop();
    throw err;
  }
  return { app, port };
}

async function httpRound(client: pg.Client, round: number): Promise<{ http: TRound['http']; stored: number; acknowledged: number }> {
  await truncateUsage(client);
  await checkpoint(client);
  const { app, port } = await startServer();
  try {
    const next = batchMaker(ACCOUNTS, BATCH, `r${round}`);
    const warm = await load(port, next, WARMUP);
    const pids = (await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()')).rows.map(
      (r) => r.pid,
    );
    reniceProcesses([...pids, app.proc.pid as number], nice);
    const serverPid = app.proc.pid as number;
    const before = { server: cpuMs(serverPid), pg: cpuOf(pids), self: process.cpuUsage() };
    const loaded = await load(port, next, SECONDS);
    const self = process.cpuUsage(before.self);
    const per = 1000 / Math.max(1, loaded.events);
    const measured = {
      ...loaded,
      cpu: {
        server: (cpuMs(serverPid) - before.server) * per,
        postgres: cpuSpent(before.pg, pids) * per,
        client: ((self.user + self.system) / 1000) * per,
      },
    };
    log(
      `round ${round}: HTTP ${Math.round(measured.events / measured.seconds).toLocaleString('en-US')} events/s (${measured.requests} batches, ${measured.failed} failed, p50 ${measured.p50.toFixed(0)} ms, p99 ${measured.p99.toFixed(0)} ms)\n`,
    );
    const stored = (await client.query<{ n: number }>('select count(*)::int as n from usage_events')).rows[0]?.n ?? 0;
    return { http: measured, stored, acknowledged: warm.events + measured.events };
  } finally {
    await app.stop();
  }
}

async function copyRound(client: pg.Client, data: IngestData, rows: number, round: number): Promise<TRound['copy']> {
  if (!rows) return { rows: 0, seconds: 1, cpu: { server: 0, postgres: 0, client: 0 } };
  await truncateUsage(client);
  // The partitions the rows fall in exist already (the HTTP round made them), as they would in production.
  const chunks = copyRows(data, rows, `c${round}`, SECONDS);
  await checkpoint(client);
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid as number;
  const before = { pg: cpuMs(pid), self: process.cpuUsage() };
  const t0 = performance.now();
  await pipeline(
    Readable.from(chunks),
    client.query(
      copyFrom(
        'copy usage_events (org_id, source_id, message_id, ts, type, event, account_id, group_key, user_id, anonymous_id, properties, received_at) from stdin',
      ),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const self = process.cpuUsage(before.self);
  const cpu = { server: 0, postgres: ((cpuMs(pid) - before.pg) * 1000) / rows, client: ((self.user + self.system) / 1000) * (1000 / rows) };
  log(`round ${round}: COPY ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s (${rows} rows)\n`);
  return { rows, seconds, cpu };
}

/** Ingestion at `rate` events/s for FRESH_SECONDS while probe events measure how soon health follows (bench/lib/freshness.ts). */
async function freshnessRound(client: pg.Client, rate: number): Promise<TFreshness> {
  await truncateUsage(client);
  const probeAccounts = (
    await client.query<{ externalId: string; id: string }>(
      `select a.external_id as "externalId", a.id from accounts a join organisations o on o.id = a.org_id
       where o.slug = $1 and a.external_id = any($2::text[]) order by a.external_id`,
      [INGEST_SLUG, Array.from({ length: PROBE_ACCOUNTS }, (_, i) => `acct-${LOAD_ACCOUNTS + i}`)],
    )
  ).rows;
  const orgId = (await client.query<{ id: string }>('select id from organisations where slug = $1', [INGEST_SLUG])).rows[0]?.id as string;
  const { app, port } = await startServer();
  try {
    reniceProcesses([app.proc.pid as number], nice);
    const result = await measureFreshness({
      databaseUrl: DATABASE_URL,
      orgId,
      probeAccounts,
      rate,
      batch: BATCH,
      seconds: FRESH_SECONDS,
      probeEveryMs: 2_000,
      graceSeconds: 60,
      next: batchMaker(LOAD_ACCOUNTS, BATCH, `f${Date.now()}`),
      post: (body) => post(port, body),
    });
    log(
      `freshness at ${fmt(Math.round(rate))} events/s: achieved ${fmt(Math.round(result.achievedRate))}, ${result.probes} probes, ${result.missed} missed, p50 ${(result.p50 / 1000).toFixed(1)} s, p95 ${(result.p95 / 1000).toFixed(1)} s\n`,
    );
    return result;
  } finally {
    await app.stop();
  }
}

function freshnessReport(f: TFreshness, basis: string): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const held = f.missed === 0 && f.probes > 0 && f.max <= 60_000;
  return [
    `Freshness under load (issue 8, item 5): ${basis}, ${FRESH_SECONDS} s of \`/v1/batch\` sent on a fixed schedule (open loop) by the same server (web and worker in one process); ` +
      "every 2 s one probe event for an account the load never names; latency from the probe's 2xx until its health score is seen recomputed " +
      "(polled every 100 ms): ingestion → rollup delta → `usage.rollup` job of the next 10-second slot → `usage.activity_changed` → health rescores the accounts the merge moved (the load's accounts too).",
    '',
    table(
      ['target events/s', 'achieved events/s', 'failed batches', 'probes (missed)', 'p50', 'p95', 'slowest', '≤ 60 s'],
      [
        [
          fmt(Math.round(f.targetRate)),
          fmt(Math.round(f.achievedRate)),
          f.failed,
          `${f.probes} (${f.missed})`,
          s(f.p50),
          s(f.p95),
          s(f.max),
          held ? 'held' : 'NOT held',
        ],
      ],
    ),
    '',
  ].join('\n');
}

/** CHECKPOINT when the role may (superuser or pg_checkpoint), so each half starts with the WAL flushed; skipped otherwise. */
async function checkpoint(client: pg.Client) {
  await client.query('checkpoint').catch(() => {});
}

function cpuRow(name: string, cpus: TCpu[]): string[] {
  const m = (f: (c: TCpu) => number) => median(cpus.map(f));
  const total = m((c) => c.server + c.postgres + c.client);
  return [
    name,
    m((c) => c.server).toFixed(0),
    m((c) => c.postgres).toFixed(0),
    m((c) => c.client).toFixed(0),
    total.toFixed(0),
    `${fmt(Math.round((2000 / total) * 1000))} events/s`,
  ];
}

const rate = (n: number, s: number) => Math.round(n / s);
const fmt = (n: number) => n.toLocaleString('en-US');

function report(rounds: TRound[], pgVersion: string, settings: string, loadAtStart: string, loadAtEnd: string): string {
  const httpRates = rounds.map((r) => rate(r.http.events, r.http.seconds));
  const copyRates = rounds.map((r) => rate(r.copy.rows, r.copy.seconds));
  const ratios = rounds.map((_r, i) => (httpRates[i] as number) / (copyRates[i] as number));
  const h = median(httpRates);
  const ratio = median(ratios);
  return [
    '## Usage ingestion',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${WRITE_DOCS ? 'npm run bench:ingest -- --write-docs' : 'npm run bench:ingest'}\`${nice !== null ? ` (BENCH_NICE=${nice})` : ''}.`,
    '',
    describeMachine({ PostgreSQL: pgVersion, 'PostgreSQL settings': settings, Commit: gitCommit() }).replace(
      /Load average at start[^\n]*/,
      `Load average at start (1/5/15 min): ${loadAtStart}; at the end: ${loadAtEnd}`,
    ),
    `- Load: ${CLIENTS} concurrent keep-alive clients in the bench process, each posting the next \`/v1/batch\` of ${BATCH} track events (about ${Math.round(batchMaker(ACCOUNTS, BATCH, 'x')().length / BATCH)} bytes each: feature name, 3 properties, Segment's context, groupId of one of ${fmt(ACCOUNTS)} accounts, 20 users per account, a random UUID as message id, a timestamp up to ${(Number(env.BENCH_INGEST_SPREAD ?? 10)).toLocaleString('en-US')} s before the batch is sent) as soon as the previous one is answered; ${WARMUP} s warm-up, then ${SECONDS} s measured; server pool ${POOL} connections`,
    '- The product: its own process (`apps/server/src/main.ts`) on PostgreSQL; each 2xx is answered after the transaction that stored the batch and its rollup delta (per account, day and event; per account, day and user; last seen; merged into the rollups by the `usage.rollup` job, which runs in the same server process during the measured window) committed with `synchronous_commit = on`',
    '- The floor: COPY of the same number of the same rows (accounts already resolved) into the same partitioned `usage_events` with its primary key, one stream from this process (after a CHECKPOINT where the role may run one); the tables are emptied before each half of a round',
    '',
    table(
      ['round', 'HTTP events/s', 'batches (failed)', 'latency p50 / p99', 'stored = acknowledged', 'COPY rows/s', 'HTTP ÷ COPY'],
      rounds.map((r, i) => [
        i + 1,
        fmt(httpRates[i] as number),
        `${fmt(r.http.requests)} (${r.http.failed})`,
        `${r.http.p50.toFixed(0)} / ${r.http.p99.toFixed(0)} ms`,
        r.stored === r.acknowledged ? `yes (${fmt(r.stored)})` : `NO (${fmt(r.stored)} of ${fmt(r.acknowledged)})`,
        fmt(copyRates[i] as number),
        `${(100 * (ratios[i] as number)).toFixed(0)} %`,
      ]),
    ),
    '',
    'CPU per 1,000 events (medians; ms of one core): what each party spends, wherever the time goes on a shared machine. ' +
      'The last column is the rate the two cores would allow if the bench had them to itself (2,000 ms of CPU a second ÷ the CPU of an event).',
    '',
    table(
      ['path', 'server (Node)', 'PostgreSQL', 'load generator', 'total', 'CPU-bound rate on 2 free cores'],
      [
        cpuRow(
          'HTTP /v1/batch',
          rounds.map((r) => r.http.cpu),
        ),
        cpuRow(
          'COPY',
          rounds.map((r) => r.copy.cpu),
        ),
      ],
    ),
    '',
    `Median: **${fmt(h)} events/s** through the HTTP batch API, **${(100 * ratio).toFixed(0)} %** of COPY (${fmt(median(copyRates))} rows/s). ` +
      `Goal ≥ ${fmt(GOAL_RATE)} events/s: ${h >= GOAL_RATE ? 'met' : 'MISSED'}; ≥ ${GOAL_RATIO * 100} % of COPY: ${ratio >= GOAL_RATIO ? 'met' : 'MISSED'}. ` +
      "The load generator, the server and PostgreSQL share the machine's cores (and other work ran on it: see the load average), so these are lower bounds.",
    '',
  ].join('\n');
}

async function main() {
  const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const data = await ensureIngestData(DATABASE_URL, ACCOUNTS);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const version = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? '?';
    const s = await client.query<{ name: string; setting: string }>(
      "select name, setting from pg_settings where name in ('shared_buffers', 'synchronous_commit', 'max_wal_size', 'fsync') order by name",
    );
    const settings = s.rows.map((r) => `${r.name}=${r.setting}`).join(', ');
    const rounds: TRound[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const h = await httpRound(client, round);
      const copy = await copyRound(client, data, h.http.events, round);
      rounds.push({ http: h.http, copy, stored: h.stored, acknowledged: h.acknowledged });
    }
    const maxRate = rounds.length ? median(rounds.map((r) => r.http.events / r.http.seconds)) : null;
    const freshRate = FRESH_RATE ?? (maxRate ? maxRate / 2 : null);
    const fresh = freshRate && FRESH_SECONDS > 0 ? await freshnessRound(client, freshRate) : null;
    await truncateUsage(client);
    const loadAtEnd = os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
    const basis = FRESH_RATE ? 'at BENCH_FRESH_RATE' : 'at half the median HTTP rate above';
    const section = [
      rounds.length ? report(rounds, version, settings, loadAtStart, loadAtEnd) : '## Usage ingestion\n',
      fresh ? freshnessReport(fresh, basis) : '',
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    if (WRITE_DOCS) replaceDocsSection(section);
  } finally {
    await client.end();
    agent.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
