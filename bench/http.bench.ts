// Account detail and account list under load on PostgreSQL with 100k accounts, next to two baselines
// measured in the same run: an empty Fastify route and a bare primary-key SELECT through `pg`.
// Every server runs in its own process; this process only generates load (autocannon).
import pg from 'pg';
import { BENCH_EMAIL, BENCH_PASSWORD, ensureBenchData } from './lib/bench-data.ts';
import { type Child, freePort, spawnTs, waitFor200 } from './lib/child.ts';
import { replaceDocsSection, WRITE_DOCS } from './lib/docs.ts';
import { type LoadResult, measure } from './lib/load.ts';
import { applyBenchNice, describeMachine, gitCommit, median, reniceProcesses, table } from './lib/machine.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_bench';
const ACCOUNTS = Number(env.BENCH_ACCOUNTS ?? 100_000);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(env.BENCH_DURATION ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const POOL = env.BENCH_POOL_MAX ?? '10';
// The product in this many processes on one port (node:cluster), each with its own pool; 1 = as `npm start` runs it.
const APP_PROCESSES = Number(env.BENCH_APP_PROCESSES ?? 1);
// Open-loop rates for the latency table: well below what the machine can serve, so latency is service time
// rather than time spent queueing behind 49 other connections.
const RATE = Number(env.BENCH_RATE ?? 1000);
const LIST_RATE = Number(env.BENCH_LIST_RATE ?? 50);
// autocannon paces each connection on its own timer and they start together, so at a fixed rate every
// connection sends at once: 10 connections keep those bursts small.
const RATE_CONNECTIONS = Number(env.BENCH_RATE_CONNECTIONS ?? 10);

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

async function main() {
  const nice = applyBenchNice();
  const pgVersion = await serverVersion();
  const data = await ensureBenchData(DATABASE_URL, ACCOUNTS, env.BENCH_RESEED === '1');
  const seedNote = data.seededNow ? `seeded now in ${data.seedSeconds.toFixed(1)} s` : 'reused from an earlier run';
  const header =
    `## Account list and detail under load\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:http\`.\n\n` +
    `${describeMachine({ PostgreSQL: pgVersion, Commit: gitCommit() })}\n` +
    `- Data: ${data.accountCount} accounts in one organisation, ${data.markets.length} markets (${seedNote})\n` +
    `- Load: autocannon, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s measured per route, ${ROUNDS} rounds, ` +
    `routes interleaved; pg pool of ${POOL} in every server\n` +
    (APP_PROCESSES > 1
      ? `- Product: ${APP_PROCESSES} processes on one port (node:cluster, BENCH_APP_PROCESSES), each with its own pool; its CPU is theirs together\n`
      : '') +
    '\n';
  process.stderr.write(header);

  const ports = { empty: await freePort(), bare: await freePort(), app: await freePort() };
  const children: Child[] = [];
  let monitor: pg.Client | null = null;
  try {
    const empty = spawnTs('bench/servers/empty-route.ts', { PORT: String(ports.empty) });
    const bare = spawnTs('bench/servers/bare-select.ts', {
      PORT: String(ports.bare),
      DATABASE_URL,
      PG_POOL_MAX: POOL,
      BENCH_ORG_ID: data.orgId,
    });
    // The real product, started the way `npm start` does (main.ts → startServer), against the bench database.
    const app = spawnTs(APP_PROCESSES > 1 ? 'bench/servers/app-processes.ts' : 'apps/server/src/main.ts', {
      BENCH_APP_PROCESSES: String(APP_PROCESSES),
      PORT: String(ports.app),
      HOST: '127.0.0.1',
      DATABASE_URL,
      PG_POOL_MAX: POOL,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    });
    children.push(empty, bare, app);
    const t0 = performance.now();
    await waitFor200(`http://127.0.0.1:${ports.empty}/api/health`, empty, t0);
    await waitFor200(`http://127.0.0.1:${ports.bare}/api/health`, bare, t0);
    await waitFor200(`http://127.0.0.1:${ports.app}/api/health`, app, t0);

    const cookie = await signIn(`http://127.0.0.1:${ports.app}`);
    // Reads which PostgreSQL backends serve the bench database, to add their CPU time to each request's cost.
    monitor = new pg.Client({ connectionString: DATABASE_URL });
    await monitor.connect();
    const watcher = monitor;
    const postgresPids = async () =>
      (
        await watcher.query<{ pid: number }>(
          'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        )
      ).rows.map((r) => r.pid);
    const base = {
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      postgresPids,
      beforeMeasure: async () => reniceProcesses(await postgresPids(), nice),
    };
    const ids = data.accountIds;
    const marketIds = data.markets.map((m) => m.id);
    const segments = ['enterprise', 'mid_market', 'smb'] as const;
    // A few filter combinations a CSM would use: one segment in one market, one segment in two markets,
    // one market with an edition; always 50 rows, sorted by name.
    const listPaths = [
      ...segments.flatMap((s) => marketIds.slice(0, 3).map((m) => `segment=${s}&marketId=${m}`)),
      ...segments.map((s) => `segment=${s}&marketId=${marketIds[0]}&marketId=${marketIds[1]}`),
      ...marketIds.slice(0, 4).map((m) => `marketId=${m}&edition=professional`),
    ].map((q) => `/api/v1/accounts?${q}&sort=name&pageSize=50`);

    const targets = [
      { name: 'empty Fastify route', url: `http://127.0.0.1:${ports.empty}`, serverPid: empty.proc.pid, nextPath: () => '/empty' },
      {
        name: 'bare SELECT by id (pg)',
        url: `http://127.0.0.1:${ports.bare}`,
        serverPid: bare.proc.pid,
        nextPath: () => `/accounts/${pick(ids)}`,
      },
      {
        name: 'bare SELECT by id (pg), prepared',
        url: `http://127.0.0.1:${ports.bare}`,
        serverPid: bare.proc.pid,
        nextPath: () => `/prepared/accounts/${pick(ids)}`,
      },
      {
        name: 'GET /api/v1/accounts/:id',
        url: `http://127.0.0.1:${ports.app}`,
        headers: { cookie },
        serverPid: app.proc.pid,
        nextPath: () => `/api/v1/accounts/${pick(ids)}`,
      },
      {
        name: 'GET /api/v1/accounts (filtered, 50 rows)',
        url: `http://127.0.0.1:${ports.app}`,
        headers: { cookie },
        serverPid: app.proc.pid,
        nextPath: () => pick(listPaths),
      },
    ];

    const rounds: LoadResult[][] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const results: LoadResult[] = [];
      for (const t of targets) {
        const r = await measure({ ...base, ...t });
        results.push(r);
        process.stderr.write(
          `round ${round}: ${r.name}: ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
            `CPU ms/req: server ${r.cpu.server?.toFixed(3)}, postgres ${r.cpu.postgres?.toFixed(3)}, load generator ${r.cpu.loadGenerator.toFixed(3)}; ` +
            `errors ${r.errors} ${JSON.stringify(r.statusCodes)}\n`,
        );
      }
      rounds.push(results);
    }
    const fixedRate: LoadResult[] = [];
    const [, bareTarget, , detailTarget, listTarget] = targets;
    for (const [target, rate] of [
      [bareTarget, RATE],
      [detailTarget, RATE],
      [listTarget, LIST_RATE],
    ] as const) {
      if (!target) continue;
      const r = await measure({ ...base, ...target, connections: RATE_CONNECTIONS, overallRate: rate });
      fixedRate.push({ ...r, name: `${r.name} at ${rate} req/s` });
      process.stderr.write(
        `fixed rate: ${r.name} at ${rate} req/s: got ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms\n`,
      );
    }
    const section = `${header}${report(rounds)}\n\n${reportFixedRate(fixedRate)}\n`;
    process.stdout.write(`\n${section}`);
    if (WRITE_DOCS) replaceDocsSection(section);
  } finally {
    await monitor?.end();
    for (const c of children) await c.stop();
  }
}

/** Sign in through the real login route, as the browser does; the load then carries the session cookie. */
async function signIn(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('c365_session='));
  if (!session) throw new Error('login set no session cookie');
  return session.split(';')[0] as string;
}

const cpu = (xs: (number | null)[]) => (xs.every((x) => x !== null) ? median(xs as number[]).toFixed(3) : 'n/a');

function report(rounds: LoadResult[][]): string {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const names = rounds[0]?.map((r) => r.name) ?? [];
  const rows = names.map((name, i) => {
    const runs = rounds.map((rs) => rs[i] as LoadResult);
    return [
      name,
      `**${fmt(median(runs.map((r) => r.requestsPerSecond)))}**`,
      runs.map((r) => fmt(r.requestsPerSecond)).join(' / '),
      median(runs.map((r) => r.p50)),
      `**${median(runs.map((r) => r.p99))}**`,
      runs.map((r) => r.p99).join(' / '),
      cpu(runs.map((r) => r.cpu.server)),
      cpu(runs.map((r) => r.cpu.postgres)),
      cpu(runs.map((r) => r.cpu.loadGenerator)),
      runs.reduce((n, r) => n + r.errors, 0),
    ];
  });
  // Positions in the targets list of main().
  const [EMPTY, BARE, PREPARED, DETAIL, LIST] = [0, 1, 2, 3, 4];
  const at = (rs: LoadResult[], i: number) => rs[i] as LoadResult;
  const ratio = (num: number, den: number) => rounds.map((rs) => at(rs, num).requestsPerSecond / at(rs, den).requestsPerSecond);
  const detailVsBare = ratio(DETAIL, BARE);
  const totalCpu = (r: LoadResult) => (r.cpu.server ?? Number.NaN) + (r.cpu.postgres ?? Number.NaN) + r.cpu.loadGenerator;
  const cpuRatio = rounds.map((rs) => totalCpu(at(rs, BARE)) / totalCpu(at(rs, DETAIL)));
  const detailP99 = median(rounds.map((rs) => at(rs, DETAIL).p99));
  const pct = (xs: number[]) => `${Math.round(median(xs) * 100)}% (rounds: ${xs.map((x) => `${Math.round(x * 100)}%`).join(' / ')})`;
  return [
    table(
      [
        'route',
        'req/s (median)',
        'req/s per round',
        'p50 ms',
        'p99 ms (median)',
        'p99 ms per round',
        'CPU ms/req: server',
        'PostgreSQL',
        'load generator',
        'errors',
      ],
      rows,
    ),
    '',
    `- Account detail / bare SELECT throughput: ${pct(detailVsBare)} — goal ≥ 70%: ${median(detailVsBare) >= 0.7 ? 'met' : 'MISSED'}`,
    `- The same ratio from CPU time per request (server + PostgreSQL + load generator), which other work on the machine disturbs less: ${pct(cpuRatio)}`,
    `- Account detail p99 at full load (${CONNECTIONS} connections): ${detailP99} ms — goal < 20 ms: ${detailP99 < 20 ? 'met' : 'MISSED'}`,
    `- Account detail / prepared bare SELECT (the product's lookup is a prepared statement too): ${pct(ratio(DETAIL, PREPARED))}`,
    `- Account detail / empty route: ${pct(ratio(DETAIL, EMPTY))}; bare SELECT / empty route: ${pct(ratio(BARE, EMPTY))}`,
    `- Account list / account detail: ${pct(ratio(LIST, DETAIL))}`,
    '- Authentication: session cookie from POST /api/v1/auth/login (the browser path).',
  ].join('\n');
}

function reportFixedRate(results: LoadResult[]): string {
  const rows = results.map((r) => [r.name, Math.round(r.requestsPerSecond), r.p50, `**${r.p99}**`, r.errors]);
  const detail = results[1];
  return [
    `Latency at a fixed request rate (open loop, ${RATE_CONNECTIONS} connections, ${DURATION} s, one run each):`,
    '',
    table(['route and rate', 'req/s served', 'p50 ms', 'p99 ms', 'errors'], rows),
    '',
    detail ? `- Account detail p99 at ${RATE} req/s: ${detail.p99} ms — goal < 20 ms: ${detail.p99 < 20 ? 'met' : 'MISSED'}` : '',
  ].join('\n');
}

async function serverVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const r = await client.query<{ server_version: string }>('show server_version');
    return r.rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
