#!/usr/bin/env node
// `npm test`: every check and test tier, each once, using every core of the machine.
//
//   npm test                        everything (the PostgreSQL runs only when TEST_DATABASE_URL is set)
//   npm test -- server cli          only the named steps (see STEPS below for the names)
//   npm run test:deep               the same with TEST_DEPTH=deep: the slow tests on all of their inputs
//
// Three stages, stopping after the first that fails:
//   1. checks: lint, type checks, the web build, generated client, migrations, web tests; several at once, each step's
//      output printed whole when it ends;
//   2. API suites (server, then CLI): on PGlite with this Node, on PostgreSQL with TEST_NODE_ALT (another
//      Node binary; CI sets Node 24) or this Node; one run after the other, each with every core as a vitest
//      worker. TEST_API_AT_ONCE=2 runs the two side by side instead (a worker each, every line prefixed with
//      its run): on a busy 2-core machine that took 1090 s against 708 s one after the other;
//   3. browser tests (with TEST_NODE_ALT when set). They start with the API suites instead, side by side, and
//      count as part of stage 2: a browser test waits on its page most of the time (the whole run used 231 s of
//      CPU in 552 s on a busy machine), so the cores it leaves idle go to the API suites. TEST_BROWSER_APART=1 runs
//      them after the API suites, alone, as a stage of their own.
// TEST_CONCURRENCY caps the checks run at once (default: the number of cores; 1 runs one after another).
// Each vitest run gets its share of the cores as workers; TEST_MAX_WORKERS sets that number instead.
//
// Ends with the slowest test files, a summary and the line `Tests: N passed, N failed`. N counts test cases
// (vitest and end-to-end); a failing check that is not a test runner (lint, types, generated files) counts as
// one failure, so a failed run never reports 0 failed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checks } from './test-checks.mjs';
import { createOutput } from './test-output.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const pgUrl = process.env.TEST_DATABASE_URL || '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-test-'));
const args = process.argv.slice(2);
const deep = args.includes('--deep') || process.env.TEST_DEPTH === 'deep';
const only = args.filter((a) => a !== '--deep');
const cores = os.availableParallelism();
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY) || cores);

/** The Node binaries: this one, and another for the PostgreSQL and browser runs when TEST_NODE_ALT names one. */
const mainNode = { path: process.execPath, version: process.version };
const altNode = process.env.TEST_NODE_ALT ? nodeAt(process.env.TEST_NODE_ALT) : mainNode;
function nodeAt(file) {
  const r = spawnSync(file, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`TEST_NODE_ALT=${file} does not run: ${r.error?.message ?? r.stderr}\n`);
    process.exit(2);
  }
  return { path: file, version: r.stdout.trim() };
}
const twoNodes = altNode.path !== mainNode.path;
/** The binary's folder goes first on PATH, so `node` and `npm` in child processes are the same version. */
const nodeEnv = (node) => ({ PATH: `${path.dirname(node.path)}${path.delimiter}${process.env.PATH ?? ''}` });

/** Runs a command, its output going to `out` (live, prefixed or buffered) and kept; resolves with the exit code and the output. */
function run(cmd, cmdArgs, { cwd = root, env = {}, timeoutMs, out }) {
  return new Promise((resolve) => {
    const fullEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete fullEnv[k];
    if (process.stdout.isTTY && !('NO_COLOR' in fullEnv)) fullEnv.FORCE_COLOR = '1';
    const child = spawn(cmd, cmdArgs, { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (stream) => (chunk) => {
      out.write(stream, chunk);
      output += chunk;
    };
    child.stdout.on('data', keep('stdout'));
    child.stderr.on('data', keep('stderr'));
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, timeoutMs)
      : null;
    child.on('error', (err) => {
      output += String(err);
      resolve({ code: 127, output, timedOut });
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      out.end();
      resolve({ code: code ?? (signal ? 1 : 0), output, timedOut });
    });
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the colour codes being removed
const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** Where each vitest run's per-file times went (scripts/vitest-file-times.mjs), for the slowest-files list. */
const fileTimes = [];

/** A vitest run; the JSON reporter's file gives the counts. `ctx.workers` is its share of the cores. */
const vitest = (workspace, node, env) => async (ctx) => {
  const slug = `${workspace.replace(/\W/g, '-')}-${fileTimes.length}-${Date.now()}`;
  const report = path.join(tmp, `vitest-${slug}.json`);
  const times = path.join(tmp, `times-${slug}.json`);
  const r = await run(
    node.path,
    [
      bin('vitest', 'vitest.mjs'),
      'run',
      `--maxWorkers=${ctx.workers}`,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      `--reporter=${path.join(root, 'scripts/vitest-file-times.mjs')}`,
    ],
    {
      cwd: path.join(root, workspace),
      env: { ...env, ...nodeEnv(node), VITEST_FILE_TIMES: times, TEST_DEPTH: deep ? 'deep' : undefined },
      out: ctx.out,
    },
  );
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests;
  } catch {
    // No report: vitest could not even start (a setup or import error). That is a failure of its own.
  }
  try {
    for (const f of JSON.parse(fs.readFileSync(times, 'utf8'))) fileTimes.push({ ...f, file: path.join(workspace, f.file), run: ctx.name });
  } catch {
    // No times without a finished run; its failure is counted above.
  }
  if (r.code !== 0 && failed === 0) failed = 1;
  return { ok: r.code === 0, passed, failed };
};

/** The browser tests print `E2E: N passed, N failed` last. */
const e2e = (node) => async (ctx) => {
  const r = await run(node.path, ['--import', 'tsx', 'e2e/run.ts'], { env: nodeEnv(node), out: ctx.out });
  const m = [...stripAnsi(r.output).matchAll(/^E2E: (\d+) passed, (\d+) failed$/gm)].at(-1);
  const passed = m ? Number(m[1]) : 0;
  let failed = m ? Number(m[2]) : 0;
  if (r.code !== 0 && failed === 0) failed = 1;
  return { ok: r.code === 0, passed, failed };
};

const hasTests = (dir) =>
  fs.existsSync(dir) &&
  fs.readdirSync(dir, { recursive: true }).some((f) => /\.test\.tsx?$/.test(String(f)) && !String(f).includes('node_modules'));

const PGLITE = { TEST_DATABASE_URL: undefined };
const POSTGRES = { TEST_DATABASE_URL: pgUrl };
const on = (node) => (twoNodes ? ` (Node ${node.version.split('.')[0]})` : '');
const browserApart = process.env.TEST_BROWSER_APART === '1';
const needsPg = { when: () => Boolean(pgUrl), skipped: 'TEST_DATABASE_URL not set' };

// stage: 1 checks, 2 API suites (and the browser tests beside them), 3 browser tests when apart. lane: steps of one
// lane run one after another, lanes at once.
const STEPS = [
  // First of the first stage: the longest step (several run at once; see test-checks.mjs).
  {
    key: 'web',
    name: 'Web tests',
    stage: 1,
    run: vitest('apps/web', mainNode, {}),
    when: () => hasTests(path.join(root, 'apps/web/src')),
    skipped: 'no web tests',
  },
  ...checks({ root, bin, run }).map((s) => ({ ...s, stage: 1 })),
  { key: 'server', name: `Server tests on PGlite${on(mainNode)}`, stage: 2, lane: 'pglite', run: vitest('apps/server', mainNode, PGLITE) },
  { key: 'cli', name: `CLI tests on PGlite${on(mainNode)}`, stage: 2, lane: 'pglite', run: vitest('apps/cli', mainNode, PGLITE) },
  {
    key: 'server-pg',
    name: `Server tests on PostgreSQL${on(altNode)}`,
    stage: 2,
    lane: 'postgres',
    run: vitest('apps/server', altNode, POSTGRES),
    ...needsPg,
  },
  {
    key: 'cli-pg',
    name: `CLI tests on PostgreSQL${on(altNode)}`,
    stage: 2,
    lane: 'postgres',
    run: vitest('apps/cli', altNode, POSTGRES),
    ...needsPg,
  },
  {
    key: 'e2e',
    name: `Browser end-to-end tests${on(altNode)}`,
    stage: browserApart ? 3 : 2,
    beside: !browserApart,
    run: e2e(altNode),
    when: () => fs.existsSync(path.join(root, 'e2e/run.ts')),
    skipped: 'no e2e/run.ts',
  },
];

const unknown = only.filter((k) => !STEPS.some((s) => s.key === k));
if (unknown.length) {
  process.stderr.write(`Unknown step ${unknown.join(', ')}; steps: ${[...new Set(STEPS.map((s) => s.key))].join(', ')}\n`);
  process.exit(2);
}

const out = createOutput(process.stdout);
const results = [];
let passed = 0;
let failed = 0;
const startedAt = Date.now();

async function runStep(step, ctx) {
  const t0 = Date.now();
  const r = await step.run(ctx);
  passed += r.passed;
  failed += r.failed;
  results.push({ step, status: r.ok ? 'passed' : 'failed', seconds: (Date.now() - t0) / 1000, counts: r });
  return r.ok;
}

/** Checks: up to `cores` at once; each step's output is printed whole when it ends. */
async function runPool(steps) {
  let next = 0;
  const worker = async () => {
    while (next < steps.length) {
      const step = steps[next++];
      const buffer = out.buffered();
      const t0 = Date.now();
      const ok = await runStep(step, { name: step.name, workers: 1, out: buffer });
      out.block(`━━ ${step.name} (${ok ? 'passed' : 'FAILED'}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`, buffer.text());
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, steps.length) }, worker));
}

/** API suites: the lanes one after another, or TEST_API_AT_ONCE of them at once (each with its share of the cores). */
async function runLanes(steps) {
  const lanes = [...new Set(steps.map((s) => s.lane))].map((lane) => steps.filter((s) => s.lane === lane));
  const atOnce = Math.min(Math.max(1, Number(process.env.TEST_API_AT_ONCE) || 1), lanes.length);
  const workers = Number(process.env.TEST_MAX_WORKERS) || Math.max(1, Math.floor(cores / atOnce));
  let next = 0;
  const worker = async () => {
    while (next < lanes.length) {
      for (const step of lanes[next++]) {
        const prefix = atOnce > 1 ? `${step.key.padEnd(9)}│ ` : '';
        out.line(
          `\n━━ ${step.name}${atOnce > 1 ? ` (lines marked "${step.key}")` : ''}, ${workers} vitest worker${workers > 1 ? 's' : ''}`,
        );
        if (!(await runStep(step, { name: step.name, workers, out: out.prefixed(prefix) }))) return;
      }
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
}

/** A step that runs beside the API lanes (the browser tests): its lines live, each marked with its key. */
async function runBeside(step) {
  out.line(`\n━━ ${step.name}, beside the API suites (lines marked "${step.key}")`);
  await runStep(step, { name: step.name, workers: cores, out: out.prefixed(`${step.key.padEnd(9)}│ `) });
}

let stoppedAt = null;
const STAGES = { 1: 'checks and web tests', 2: browserApart ? 'API suites' : 'API suites and browser tests', 3: 'browser tests' };
const stageSeconds = [];
for (const stage of [1, 2, 3]) {
  const steps = [];
  for (const step of STEPS.filter((s) => s.stage === stage && (!only.length || only.includes(s.key)))) {
    if (step.when && !step.when()) results.push({ step, status: 'skipped' });
    else steps.push(step);
  }
  if (!steps.length) continue;
  const t0 = Date.now();
  if (stage === 1) await runPool(steps);
  else if (stage === 2) await Promise.all([runLanes(steps.filter((s) => !s.beside)), ...steps.filter((s) => s.beside).map(runBeside)]);
  else
    for (const step of steps) {
      out.line(`\n━━ ${step.name}`);
      await runStep(step, { name: step.name, workers: cores, out: out.prefixed('') });
    }
  stageSeconds.push(`${STAGES[stage]} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (results.some((r) => r.status === 'failed')) {
    stoppedAt = stage;
    break;
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const ran = new Set(results.map((r) => r.step));
const lines = ['', ...slowestFiles(10)];
const nodes = twoNodes ? `Node ${mainNode.version} and ${altNode.version}` : `Node ${mainNode.version}`;
const where = pgUrl ? 'PGlite and PostgreSQL' : 'PGlite only';
lines.push(`━━ Summary (${nodes}, ${where}${deep ? ', deep' : ''}, ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
for (const step of STEPS) {
  const r = results.find((x) => x.step === step);
  if (!r) {
    if (stoppedAt && !ran.has(step) && (!only.length || only.includes(step.key)))
      lines.push(`  · ${step.name.padEnd(42)}  not run (stopped after the first stage that failed)`);
    continue;
  }
  const mark = r.status === 'passed' ? '✓' : r.status === 'failed' ? '✗' : '-';
  const counts = r.counts && !r.counts.isCheck ? `  ${r.counts.passed} passed, ${r.counts.failed} failed` : '';
  const detail =
    r.status === 'skipped' ? `  skipped: ${r.step.skipped ?? 'not applicable'}` : `  ${r.seconds.toFixed(1).padStart(6)} s${counts}`;
  lines.push(`  ${mark} ${r.step.name.padEnd(42)}${detail}`);
}
lines.push(`  Stages (wall clock): ${stageSeconds.join(', ')}`);
lines.push('', `Tests: ${passed} passed, ${failed} failed`, '');
process.stdout.write(lines.join('\n'));
process.exit(stoppedAt ? 1 : 0);

/** The slowest test files of all vitest runs, with where their time went (import, once-per-file hooks, tests). */
function slowestFiles(n) {
  if (!fileTimes.length) return [];
  const total = (f) => f.importMs + f.hooksMs + f.testsMs;
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const sum = (key) => fileTimes.reduce((a, f) => a + f[key], 0);
  const lines = [
    `━━ Slowest test files (of ${fileTimes.length}; all files: import ${s(sum('importMs'))}, beforeAll/afterAll ${s(sum('hooksMs'))}, tests ${s(sum('testsMs'))}, summed over workers)`,
  ];
  for (const f of [...fileTimes].sort((a, b) => total(b) - total(a)).slice(0, n))
    lines.push(
      `  ${s(total(f)).padStart(8)}  ${f.file}  [${f.run}: import ${s(f.importMs)}, hooks ${s(f.hooksMs)}, tests ${s(f.testsMs)}]`,
    );
  return [...lines, ''];
}
