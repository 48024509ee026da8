// The demo seed (`seed-demo`, a first start): where its time goes, per module part, on PGlite and PostgreSQL.
// PGlite: a fresh in-memory database, migrated (timed too), then seeded. PostgreSQL (BENCH_DATABASE_URL): a
// scratch database made and dropped by the bench. `--dump FILE` writes the demo organisation's rows, ids and
// random secrets normalised (bench/lib/demo-dump.ts), to compare the demo before and after a change.
import fs from 'node:fs';
import pg from 'pg';
import { seedDemo } from '../apps/server/src/db/seed/demo.ts';
import { createFixedClock } from '../apps/server/src/platform/clock.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { dumpOrganisation } from './lib/demo-dump.ts';
import { applyBenchNice, describeMachine, gitCommit, table } from './lib/machine.ts';

const NOW = '2026-11-21T06:30:00Z';
const dumpAt = process.argv.indexOf('--dump');
const dumpFile = dumpAt > 0 ? process.argv[dumpAt + 1] : undefined;

async function main() {
  applyBenchNice();
  const url = process.env.BENCH_DATABASE_URL;
  const scratch = `c365_bench_demo_${process.pid}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(q).finally(() => c.end());
  };
  if (url) await admin(`create database "${scratch}"`);
  const dbUrl = url ? Object.assign(new URL(url), { pathname: `/${scratch}` }).toString() : undefined;
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // Statements counted too: unlike time, their number does not depend on what else the machine is doing.
    let statements = 0;
    const onQuery = () => {
      statements++;
    };
    const database = await openDatabase(
      dbUrl ? { databaseUrl: dbUrl, dataDir: '', poolMax: 5, onQuery } : { dataDir: 'memory://demo-bench', onQuery },
    );
    await database.migrate();
    const migrateCpu = process.cpuUsage(cpu0);
    const migrateMs = performance.now() - t0;
    const parts = new Map<string, { wall: number; cpu: number; calls: number; statements: number }>();
    const migrateStatements = statements;
    // A part's statements: those since the previous part ended (the few between parts count to the next).
    let counted = statements;
    const cpu1 = process.cpuUsage();
    const t1 = performance.now();
    const { orgId } = await seedDemo(database, createFixedClock(NOW), 'http://localhost:3650', {
      onTiming: (part, wall, cpu) => {
        const p = parts.get(part) ?? { wall: 0, cpu: 0, calls: 0, statements: 0 };
        parts.set(part, { wall: p.wall + wall, cpu: p.cpu + cpu, calls: p.calls + 1, statements: p.statements + statements - counted });
        counted = statements;
      },
    });
    const seedCpu = process.cpuUsage(cpu1);
    const seedMs = performance.now() - t1;
    const seedStatements = statements - migrateStatements;
    if (dumpFile) fs.writeFileSync(dumpFile, await dumpOrganisation(database, orgId));
    await database.close();
    const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    const rows = [...parts]
      .sort((a, b) => b[1].cpu - a[1].cpu)
      .map(([part, p]) => [part, p.calls, p.statements, ms(p.wall), ms(p.cpu), `${((p.cpu / cpuMs(seedCpu)) * 100).toFixed(0)} %`]);
    process.stdout.write(
      `## Demo seed (${url ? 'PostgreSQL' : 'PGlite'})\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with ` +
        `\`${url ? 'BENCH_DATABASE_URL=… ' : ''}npm run bench:demo-seed\`.\n\n${describeMachine({ Commit: gitCommit() })}\n\n` +
        `${table(
          ['', 'calls', 'SQL statements', 'wall', 'CPU (this process)', 'share of the seed’s CPU'],
          [
            ['migrations (new database)', 1, migrateStatements, ms(migrateMs), ms(cpuMs(migrateCpu)), ''],
            ['**whole seed**', 1, seedStatements, `**${ms(seedMs)}**`, `**${ms(cpuMs(seedCpu))}**`, '100 %'],
            ...rows,
          ],
        )}\n`,
    );
  } finally {
    if (url) await admin(`drop database if exists "${scratch}" with (force)`);
  }
}

await main();
