// Start to first served request on the embedded PGlite database: a first start (data directory created,
// migrations, demo data) and restarts on existing data. Runs the real `node --import tsx apps/server/src/main.ts`
// and times from spawn to the first 200 from /api/health.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, spawnTs, waitFor200 } from './lib/child.ts';
import { replaceDocsSection, WRITE_DOCS } from './lib/docs.ts';
import { applyBenchNice, describeMachine, gitCommit, median, table } from './lib/machine.ts';

const FIRST_RUNS = Number(process.env.BENCH_START_FIRST_RUNS ?? 3);
const RESTART_RUNS = Number(process.env.BENCH_START_RESTART_RUNS ?? 5);
const FIRST_GOAL_MS = 20_000;
const RESTART_GOAL_MS = 3_000;

interface StartRun {
  /** Spawn to the first 200 on /api/health, as a user waiting for the product sees it. */
  totalMs: number;
  /** What the server itself reports ("… ms to start"): from startServer() being called to listening. */
  serverMs: number | null;
}

async function startOnce(dataDir: string): Promise<StartRun> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnTs('apps/server/src/main.ts', { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  try {
    const totalMs = await waitFor200(`http://127.0.0.1:${port}/api/health`, child, t0);
    const m = /(\d+) ms to start/.exec(child.output());
    return { totalMs, serverMs: m ? Number(m[1]) : null };
  } finally {
    await child.stop();
  }
}

async function main() {
  applyBenchNice();
  const header =
    `## Start to first served request (PGlite)\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:start\`.\n\n` +
    `${describeMachine({ Commit: gitCommit() })}\n\n`;
  process.stderr.write(header);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-start-bench-'));
  try {
    const first: StartRun[] = [];
    let lastDir = '';
    for (let i = 0; i < FIRST_RUNS; i++) {
      lastDir = path.join(root, `data-${i}`);
      const run = await startOnce(lastDir);
      first.push(run);
      process.stderr.write(`first start ${i + 1}: ${Math.round(run.totalMs)} ms (server reports ${run.serverMs} ms)\n`);
    }
    const restarts: StartRun[] = [];
    for (let i = 0; i < RESTART_RUNS; i++) {
      const run = await startOnce(lastDir);
      restarts.push(run);
      process.stderr.write(`restart ${i + 1}: ${Math.round(run.totalMs)} ms (server reports ${run.serverMs} ms)\n`);
    }
    const row = (name: string, runs: StartRun[], goalMs: number) => {
      const totals = runs.map((r) => r.totalMs);
      const servers = runs.map((r) => r.serverMs).filter((v): v is number => v !== null);
      const med = median(totals);
      return [
        name,
        runs.length,
        fmt(Math.min(...totals)),
        `**${fmt(med)}**`,
        fmt(Math.max(...totals)),
        servers.length ? fmt(median(servers)) : 'n/a',
        `< ${goalMs / 1000} s: ${Math.max(...totals) < goalMs ? 'met' : med < goalMs ? 'met (median), not every run' : 'MISSED'}`,
      ];
    };
    const section =
      header +
      `${table(
        ['', 'runs', 'min', 'median', 'max', 'server-reported (median)', 'goal'],
        [
          row('first start (new data directory, migrations, demo data)', first, FIRST_GOAL_MS),
          row('restart (existing data)', restarts, RESTART_GOAL_MS),
        ],
      )}\n\n` +
      '- Times are from spawning `node --import tsx apps/server/src/main.ts` to the first 200 from `GET /api/health` (polled every 20 ms).\n' +
      '- "server-reported" is the figure the server prints itself: from `startServer()` to listening, without Node start-up and module loading.\n';
    process.stdout.write(`\n${section}`);
    if (WRITE_DOCS) replaceDocsSection(section);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
