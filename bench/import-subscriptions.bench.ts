// Import of subscription history in the periods form (customer_id,start_date,end_date,monthly_amount), end to
// end through the import service and its jobs (upload → validation → import, all_or_nothing, "create missing
// accounts"), then the same file again (every row unchanged), next to a raw COPY of the same rows in the same
// run. PostgreSQL first, then PGlite.
//
//   npm run bench:import-subscriptions                       # 20,000 rows, PostgreSQL (BENCH_DATABASE_URL) and PGlite
//   npm run bench:import-subscriptions -- --write-docs       # also replace its section in docs/benchmarks.md
//   BENCH_SUBSCRIPTION_ROWS=4000 BENCH_IMPORT_PGLITE=0 npm run bench:import-subscriptions
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config/config.ts';
import { createOrganisationWithAdmin } from '../apps/server/src/modules/organisations/index.ts';
import type { Actor } from '../apps/server/src/platform/access/access.ts';
import { systemClock } from '../apps/server/src/platform/clock.ts';
import { type Database, openDatabase } from '../apps/server/src/platform/db/database.ts';
import { newId } from '../apps/server/src/platform/ids.ts';
import { createSmtpMailer } from '../apps/server/src/platform/mail/outbox.ts';
import { replaceDocsSection, WRITE_DOCS } from './lib/docs.ts';
import { describeMachine, gitCommit, table } from './lib/machine.ts';
import { generatePeriodRows, type TPeriodSourceRow, toPeriodsCsv } from './lib/subscription-import-data.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_bench';
const ROWS = Number(env.BENCH_SUBSCRIPTION_ROWS ?? 20_000);
const WITH_PGLITE = env.BENCH_IMPORT_PGLITE !== '0';
const WITH_POSTGRES = env.BENCH_IMPORT_POSTGRES !== '0';
const HEADING = '## Import of subscription history (periods form)';
const PROBE_MS = 100;

interface TResult {
  engine: string;
  copy: number;
  validate: number;
  import: number;
  reimport: number;
  /** Seconds per 1,000 rows over the first and the last quarter of the import (does a row cost more as the organisation grows?). */
  firstQuarter: number;
  lastQuarter: number;
  subscriptions: number;
  probe: { count: number; p50: number; p99: number; max: number };
}

async function measure(engine: 'PostgreSQL' | 'PGlite', database: Database, rows: TPeriodSourceRow[]): Promise<TResult> {
  await database.migrate();
  const suffix = newId().slice(-12);
  const { orgId, userId } = await createOrganisationWithAdmin(database.db, systemClock, {
    name: `Subscription import bench ${suffix}`,
    slug: `subscription-import-bench-${suffix}`,
    admin: { email: `bench-subs-${suffix}@bench.example`, name: 'Bench Admin', password: 'bench-import-password' },
  });
  const config = loadConfig({
    DATABASE_URL: engine === 'PostgreSQL' ? DATABASE_URL : undefined,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    DATA_DIR: os.tmpdir(),
  });
  const mailer = createSmtpMailer(undefined);
  const { app, services, worker } = await buildApp({ config, database, clock: systemClock, logger: pino({ level: 'silent' }), mailer });
  const actor: Actor = { orgId, userId, name: 'Bench Admin', role: 'admin', ownAccountsOnly: false };
  const { token } = await services.identity.createApiToken(actor, { name: 'bench probe', scopes: ['account:read'] });
  const probeAccount = await services.accounts.create(actor, { name: 'Probe account', domain: `probe-${suffix}.bench.example` });
  const file = Buffer.from(toPeriodsCsv(rows));

  // The floor: the same rows COPY'd into a table of their own columns, in this run.
  await exec(database, 'drop table if exists bench_subscription_periods');
  await exec(
    database,
    'create table bench_subscription_periods (customer_id text, start_date date, end_date date, monthly_amount numeric)',
  );
  const copy = await timeCopy(
    database,
    rows.map((r) => `${r.customerId}\t${r.startDate}\t${r.endDate || '\\N'}\t${r.monthlyAmount}\n`).join(''),
  );
  await exec(database, 'drop table bench_subscription_periods');

  // The worker runs in the background as in the server; the import's progress is read every 250 ms meanwhile.
  const samples: [number, number][] = [];
  worker.start();
  const untilStatus = async (id: string, statuses: string[]) => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const imp = await services.imports.get(actor, id);
      samples.push([performance.now(), imp.processedRows]);
      if (statuses.includes(imp.status)) return imp;
    }
  };
  const importOnce = async (name: string) => {
    const up = await services.imports.upload(actor, {
      entity: 'subscriptions',
      fileName: name,
      bytes: file,
      options: { format: 'periods', createMissingAccounts: true },
    });
    const t0 = performance.now();
    await services.imports.setMapping(actor, up.id, up.suggestedMapping);
    const validated = await untilStatus(up.id, ['validated', 'failed']);
    if (validated.status !== 'validated' || validated.errorRows) throw new Error(`validation: ${validated.status} ${validated.errorRows}`);
    const t1 = performance.now();
    samples.length = 0;
    await services.imports.start(actor, up.id, 'all_or_nothing');
    const done = await untilStatus(up.id, ['completed', 'failed']);
    if (done.status !== 'completed') throw new Error(`import ${done.status}: ${done.failureMessage}`);
    return { validate: (t1 - t0) / 1000, import: (performance.now() - t1) / 1000, done };
  };

  const probe = startProbe(app, `/api/v1/accounts/${probeAccount.id}`, token);
  const first = await importOnce('periods.csv');
  const probed = await probe.stop();
  if (first.done.insertedRows !== rows.length) throw new Error(`inserted ${first.done.insertedRows} of ${rows.length}`);
  const perThousand = (from: number, to: number) => {
    const at = (n: number) => samples.find(([, done]) => done >= n)?.[0] ?? Number.NaN;
    return (at(to) - at(from)) / 1000 / ((to - from) / 1000);
  };
  const q = rows.length / 4;
  const firstQuarter = perThousand(0, q);
  const lastQuarter = perThousand(3 * q, rows.length);
  const again = await importOnce('periods-again.csv');
  if (again.done.unchangedRows !== rows.length) throw new Error(`re-import: ${again.done.unchangedRows} of ${rows.length} unchanged`);
  const subscriptions = (await services.subscriptions.list(actor, { page: 1, pageSize: 1, sort: 'reference', order: 'asc' } as never))
    .total;
  await worker.stop();
  process.stderr.write(
    `${engine}: import ${first.import.toFixed(1)} s, re-import ${again.import.toFixed(1)} s, COPY ${copy.toFixed(3)} s\n`,
  );
  await app.close();
  mailer.close();
  return {
    engine: `${engine} ${(await database.ping()).version.split(' on ')[0]?.replace('PostgreSQL ', '') ?? ''}`,
    copy,
    validate: first.validate,
    import: first.import,
    reimport: again.import,
    firstQuarter,
    lastQuarter,
    subscriptions,
    probe: probed,
  };
}

/** GET an account every PROBE_MS through the HTTP layer, each timed from its slot: does the import hold the server up? */
function startProbe(app: FastifyInstance, url: string, token: string) {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    const start = performance.now();
    for (let slot = 0; running; slot++) {
      const wait = start + slot * PROBE_MS - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      times.push(performance.now() - (start + slot * PROBE_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const s = [...times].sort((a, b) => a - b);
      const at = (f: number) => Math.round(s[Math.min(s.length - 1, Math.floor(f * s.length))] ?? 0);
      return { count: s.length, p50: at(0.5), p99: at(0.99), max: Math.round(s.at(-1) ?? 0) };
    },
  };
}

async function timeCopy(database: Database, text: string): Promise<number> {
  const sql = 'copy bench_subscription_periods (customer_id, start_date, end_date, monthly_amount) from stdin';
  const t0 = performance.now();
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      await pipeline(Readable.from([text]), client.query(copyFrom(sql)));
    } finally {
      client.release();
    }
  } else await database.pglite?.query(sql.replace('stdin', "'/dev/blob'"), [], { blob: new Blob([text]) });
  return (performance.now() - t0) / 1000;
}

async function exec(database: Database, text: string) {
  if (database.pool) await database.pool.query(text);
  else await database.pglite?.exec(text);
}

async function ensurePostgresDatabase() {
  const name = new URL(DATABASE_URL).pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(DATABASE_URL), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    if (!(await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount)
      await admin.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function report(results: TResult[], machine: string, fileBytes: number) {
  return `${[
    HEADING,
    '',
    `Command: \`npm run bench:import-subscriptions\` (bench/import-subscriptions.bench.ts). A ${fmt(ROWS, 0)}-row file in the periods`,
    `form (${fmt(fileBytes / 2 ** 20)} MB; about four periods per customer, with price changes, gaps and churn: bench/lib/subscription-import-data.ts)`,
    'goes through the import service and its jobs as the API does it: upload, validation job, import job (all_or_nothing,',
    '"create missing accounts": every customer is a new account). The import is timed from its start until it reports',
    '"completed"; then the same file is imported again (every row unchanged). Baseline: a raw `COPY` of the same rows into',
    'a table of their four columns, in the same run. While the first import ran, `GET /api/v1/accounts/:id` was sent every',
    `${PROBE_MS} ms in the same process (timed from its slot).`,
    '',
    machine,
    `- Commit ${gitCommit()}; ${new Date().toISOString().slice(0, 10)}`,
    '',
    table(
      [
        'engine',
        'COPY of the rows',
        'validation',
        'import',
        'rows/s',
        'import ÷ COPY',
        's per 1,000 rows: first → last quarter',
        're-import (unchanged)',
        'subscriptions',
        'probe p50 / p99 / max ms',
      ],
      results.map((r) => [
        r.engine,
        `${fmt(r.copy, 3)} s`,
        `${fmt(r.validate)} s`,
        `**${fmt(r.import)} s**`,
        fmt(ROWS / r.import, 0),
        `${fmt(r.import / r.copy, 0)}×`,
        `${fmt(r.firstQuarter, 2)} → ${fmt(r.lastQuarter, 2)}`,
        `${fmt(r.reimport)} s`,
        fmt(r.subscriptions, 0),
        `${r.probe.p50} / ${r.probe.p99} / ${fmt(r.probe.max, 0)}`,
      ]),
    ),
  ].join('\n')}\n`;
}

async function main() {
  const rows = generatePeriodRows(ROWS);
  const machine = describeMachine();
  const results: TResult[] = [];
  if (WITH_POSTGRES) {
    await ensurePostgresDatabase();
    const server = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: '', poolMax: 10 });
    try {
      results.push(await measure('PostgreSQL', server, rows));
    } finally {
      await server.close();
    }
  }
  if (WITH_PGLITE) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-subscription-import-bench-'));
    const lite = await openDatabase({ dataDir: dir });
    try {
      results.push(await measure('PGlite', lite, rows));
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const section = report(results, machine, toPeriodsCsv(rows).length);
  process.stdout.write(`\n${section}`);
  if (WRITE_DOCS) replaceDocsSection(section);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
