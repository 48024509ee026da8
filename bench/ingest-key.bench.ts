// The events' key order at scale: what storing a live stream costs PostgreSQL when the month's partition already
// holds BENCH_KEY_PREFILL events (default 10M, a key larger than shared_buffers), for the key the table had before
// 2026-12-06 (org, source, message id, time), the one it has now (org, source, time, message id) and none. The tables
// have the usage_events columns and are partitioned by month; the live rows are those of bench/lib/ingest-data.ts
// (random UUIDs as message ids, each up to 10 s before its moment in a 20 s stream), stored with COPY from this
// process. Its own tables in a schema of its own (bench_key), dropped at the end. Prints a markdown table.
//
//   BENCH_DATABASE_URL=postgres://… BENCH_KEY_PREFILL=10000000 BENCH_KEY_ROWS=1000000 npm run bench:ingest-key

import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { cpuMs } from './lib/ingest-data.ts';
import { applyBenchNice, describeMachine, table } from './lib/machine.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_ibench';
const PREFILL = Number(env.BENCH_KEY_PREFILL ?? 10_000_000);
const ROWS = Number(env.BENCH_KEY_ROWS ?? 1_000_000);
const ORG = '11111111-1111-4111-8111-111111111111';
const SOURCE = '22222222-2222-4222-8222-222222222222';
const KEYS = [
  { name: 'message id before time (before)', columns: 'org_id, source_id, message_id, ts' },
  { name: 'time before message id (now)', columns: 'org_id, source_id, ts, message_id' },
  // No key at all: no idempotence, no table the product could have; what a COPY of these rows costs at the least.
  { name: 'no key (floor)', columns: '' },
];

const nice = applyBenchNice();
const log = (s: string) => process.stderr.write(s);

/** A live stream's rows as COPY text: the earlier events end at `start`; these follow over 20 s. */
function* liveRows(start: number): Generator<string> {
  const accounts = Array.from({ length: 10_000 }, () => randomUUID());
  let lines: string[] = [];
  for (let k = 0; k < ROWS; k++) {
    const ts = new Date(start + Math.floor((k * 20_000) / ROWS) - ((k * 104729) % 10_000)).toISOString();
    lines.push(
      `${ORG}\t${SOURCE}\t${randomUUID()}\t${ts}\ttrack\tFeature ${k % 30} used\t${accounts[(k * 7919) % 10_000]}\t\\N\tu${k % 200_000}\t\\N\t{"plan": "pro", "count": ${k % 17}, "source": "web"}\t${new Date(start).toISOString()}\n`,
    );
    if (lines.length === 10_000) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length) yield lines.join('');
}

async function measure(client: pg.Client, key: (typeof KEYS)[number]) {
  await client.query('drop table if exists bench_key.events');
  await client.query(`create table bench_key.events (org_id uuid not null, source_id uuid not null, message_id text not null,
    ts timestamptz not null, type text not null, event text, account_id uuid, group_key text, user_id text, anonymous_id text,
    properties jsonb, received_at timestamptz not null${key.columns ? `, primary key (${key.columns})` : ''}) partition by range (ts)`);
  await client.query(`create table bench_key.events_m partition of bench_key.events for values from ('2026-01-01') to ('2026-02-01')`);
  // The month so far: PREFILL events in time order, 43 ms apart from the first of the month (random message ids).
  const fill = performance.now();
  await client.query(
    `insert into bench_key.events select $1, $2, gen_random_uuid()::text, timestamptz '2026-01-01' + g * interval '43 ms', 'track',
       'Feature 1 used', gen_random_uuid(), null, 'u1', null, '{"plan": "pro"}', now() from generate_series(1, $3::int) g`,
    [ORG, SOURCE, PREFILL],
  );
  const fillSeconds = (performance.now() - fill) / 1000;
  const size = key.columns
    ? (await client.query<{ s: string }>(`select pg_size_pretty(pg_relation_size('bench_key.events_m_pkey')) as s`)).rows[0]?.s
    : '—';
  await client.query('checkpoint').catch(() => {});
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid as number;
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  const start = Date.parse('2026-01-01T00:00:00Z') + PREFILL * 43 + 10_000;
  await pipeline(Readable.from(liveRows(start)), client.query(copyFrom('copy bench_key.events from stdin')));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = ((cpuMs(pid) - cpu0) * 1000) / ROWS;
  log(
    `${key.name}: prefill ${fillSeconds.toFixed(1)} s, key ${size}, COPY ${Math.round(ROWS / seconds)} rows/s, ${cpu.toFixed(1)} ms CPU per 1,000\n`,
  );
  return [
    key.name,
    key.columns ? `(${key.columns})` : '—',
    `${fillSeconds.toFixed(1)} s`,
    size ?? '?',
    `${seconds.toFixed(1)} s`,
    Math.round(ROWS / seconds).toLocaleString('en-US'),
    cpu.toFixed(1),
  ];
}

const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
try {
  if (nice !== null) log(`nice ${nice}\n`);
  await client.query('create schema if not exists bench_key');
  await client.query('set synchronous_commit = off');
  const rows = [];
  for (const key of KEYS) rows.push(await measure(client, key));
  process.stdout.write(
    `${describeMachine({ Command: `BENCH_KEY_PREFILL=${PREFILL} BENCH_KEY_ROWS=${ROWS} npm run bench:ingest-key` })}\n\n${table(
      [
        'key',
        'columns',
        `fill with ${PREFILL.toLocaleString('en-US')} events (INSERT … SELECT)`,
        'key size',
        `COPY of ${ROWS.toLocaleString('en-US')} live events`,
        'rows/s',
        'PostgreSQL CPU per 1,000 (ms)',
      ],
      rows,
    )}\n`,
  );
} finally {
  await client.query('drop schema if exists bench_key cascade').catch(() => {});
  await client.end();
}
