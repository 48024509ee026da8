#!/usr/bin/env node
// `npm test`: every check and test tier, in order, stopping at the first failure.
//
//   npm test                        everything (the PostgreSQL runs only when TEST_DATABASE_URL is set)
//   npm test -- server cli          only the named steps (see STEPS below for the names)
//
// Ends with a summary and the line `Tests: N passed, N failed`. N counts test cases (vitest and
// end-to-end); a failing check that is not a test runner (lint, types, generated files) counts as one failure,
// so a failed run never reports 0 failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const node = process.execPath;
const pgUrl = process.env.TEST_DATABASE_URL || '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-test-'));

/** Runs a command with its output shown live and kept (for counts); resolves with the exit code and the output. */
function run(cmd, args, { cwd = root, env = {}, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const fullEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete fullEnv[k];
    if (process.stdout.isTTY && !('NO_COLOR' in fullEnv)) fullEnv.FORCE_COLOR = '1';
    const child = spawn(cmd, args, { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (stream) => (chunk) => {
      stream.write(chunk);
      output += chunk;
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
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
      resolve({ code: code ?? (signal ? 1 : 0), output, timedOut });
    });
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the colour codes being removed
const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** A check that is not a test runner: passes or fails as a whole. */
const check = (cmd, args, opts) => async () => {
  const r = await run(cmd, args, opts);
  return { ok: r.code === 0, passed: 0, failed: r.code === 0 ? 0 : 1, isCheck: true };
};

/** A vitest run; the JSON reporter's file gives the counts. */
const vitest = (workspace, env) => async () => {
  const report = path.join(tmp, `vitest-${workspace.replace(/\W/g, '-')}-${Date.now()}.json`);
  const r = await run(node, [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: path.join(root, workspace),
    env,
  });
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests;
  } catch {
    // No report: vitest could not even start (a setup or import error). That is a failure of its own.
  }
  if (r.code !== 0 && failed === 0) failed = 1;
  return { ok: r.code === 0, passed, failed };
};

/** The browser tests print `E2E: N passed, N failed` last. */
const e2e = async () => {
  const r = await run(node, ['--import', 'tsx', 'e2e/run.ts']);
  const m = [...stripAnsi(r.output).matchAll(/^E2E: (\d+) passed, (\d+) failed$/gm)].at(-1);
  const passed = m ? Number(m[1]) : 0;
  let failed = m ? Number(m[2]) : 0;
  if (r.code !== 0 && failed === 0) failed = 1;
  return { ok: r.code === 0, passed, failed };
};

/**
 * The committed migrations must match the schema: drizzle-kit generates into a copy of the migrations
 * folder, and any new file there means someone changed a table without `npm run generate:migration`.
 */
const migrations = async () => {
  const source = path.join(root, 'apps/server/src/db/migrations');
  // drizzle-kit takes --out relative to the working directory, so the copy lives under the repo's .tmp/.
  const copy = path.join(root, '.tmp', `migrations-check-${process.pid}`);
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(source, copy, { recursive: true });
  try {
    const before = new Set(fs.readdirSync(copy));
    const r = await run(
      node,
      [
        bin('drizzle-kit', 'bin.cjs'),
        'generate',
        '--dialect=postgresql',
        '--schema=./src/{modules,platform}/**/*.table.ts',
        `--out=${path.relative(path.join(root, 'apps/server'), copy)}`,
      ],
      { cwd: path.join(root, 'apps/server'), timeoutMs: 120_000 },
    );
    if (r.timedOut) {
      process.stderr.write(
        '\ndrizzle-kit is waiting for an answer (a rename?): run `npm run generate:migration` yourself and commit the result.\n',
      );
      return { ok: false, passed: 0, failed: 1, isCheck: true };
    }
    const added = fs.readdirSync(copy).filter((f) => !before.has(f));
    if (r.code !== 0 || added.length) {
      for (const f of added.filter((f) => f.endsWith('.sql')))
        process.stderr.write(`\nThe schema needs a migration that is not committed:\n${fs.readFileSync(path.join(copy, f), 'utf8')}\n`);
      if (added.length)
        process.stderr.write('Run `npm run generate:migration` and commit the new files under apps/server/src/db/migrations.\n');
      return { ok: false, passed: 0, failed: 1, isCheck: true };
    }
    return { ok: true, passed: 0, failed: 0, isCheck: true };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
};

const hasTests = (dir) =>
  fs.existsSync(dir) &&
  fs.readdirSync(dir, { recursive: true }).some((f) => /\.test\.tsx?$/.test(String(f)) && !String(f).includes('node_modules'));

const tsc = (project) => check(node, [bin('typescript', 'bin/tsc'), '-p', project]);
const PGLITE = { TEST_DATABASE_URL: undefined };
const POSTGRES = { TEST_DATABASE_URL: pgUrl };

const STEPS = [
  { key: 'lint', name: 'Lint and format (biome check)', run: check(node, [bin('@biomejs/biome', 'bin/biome'), 'check', '.']) },
  { key: 'typecheck', name: 'Types: apps/server', run: tsc('apps/server') },
  {
    key: 'typecheck',
    name: 'Types: apps/web',
    run: tsc('apps/web'),
    when: () => fs.existsSync(path.join(root, 'apps/web/tsconfig.json')),
    skipped: 'no apps/web/tsconfig.json',
  },
  { key: 'typecheck', name: 'Types: apps/cli', run: tsc('apps/cli') },
  { key: 'typecheck', name: 'Types: e2e', run: tsc('e2e') },
  { key: 'typecheck', name: 'Types: bench', run: tsc('bench') },
  {
    key: 'client',
    name: 'Generated API client is up to date',
    run: check(node, ['--import', 'tsx', 'scripts/generate-client.ts', '--check']),
  },
  { key: 'migrations', name: 'Migrations match the schema', run: migrations },
  { key: 'server', name: 'Server tests on PGlite', run: vitest('apps/server', PGLITE) },
  { key: 'cli', name: 'CLI tests on PGlite', run: vitest('apps/cli', PGLITE) },
  {
    key: 'server-pg',
    name: 'Server tests on PostgreSQL',
    run: vitest('apps/server', POSTGRES),
    when: () => Boolean(pgUrl),
    skipped: 'TEST_DATABASE_URL not set',
  },
  {
    key: 'cli-pg',
    name: 'CLI tests on PostgreSQL',
    run: vitest('apps/cli', POSTGRES),
    when: () => Boolean(pgUrl),
    skipped: 'TEST_DATABASE_URL not set',
  },
  {
    key: 'web',
    name: 'Web tests',
    run: vitest('apps/web', {}),
    when: () => hasTests(path.join(root, 'apps/web/src')),
    skipped: 'no web tests',
  },
  {
    key: 'e2e',
    name: 'Browser end-to-end tests',
    run: e2e,
    when: () => fs.existsSync(path.join(root, 'e2e/run.ts')),
    skipped: 'no e2e/run.ts',
  },
];

const only = process.argv.slice(2);
const unknown = only.filter((k) => !STEPS.some((s) => s.key === k));
if (unknown.length) {
  process.stderr.write(`Unknown step ${unknown.join(', ')}; steps: ${[...new Set(STEPS.map((s) => s.key))].join(', ')}\n`);
  process.exit(2);
}

const results = [];
let passed = 0;
let failed = 0;
const startedAt = Date.now();
for (const step of STEPS) {
  if (only.length && !only.includes(step.key)) continue;
  if (step.when && !step.when()) {
    results.push({ step, status: 'skipped' });
    continue;
  }
  process.stdout.write(`\n━━ ${step.name}\n`);
  const t0 = Date.now();
  const r = await step.run();
  passed += r.passed;
  failed += r.failed;
  results.push({ step, status: r.ok ? 'passed' : 'failed', seconds: (Date.now() - t0) / 1000, counts: r });
  if (!r.ok) break;
}
fs.rmSync(tmp, { recursive: true, force: true });

const ran = new Set(results.map((r) => r.step));
const lines = [
  '',
  `━━ Summary (Node ${process.version}, ${pgUrl ? 'PGlite and PostgreSQL' : 'PGlite only'}, ${((Date.now() - startedAt) / 1000).toFixed(0)} s)`,
];
for (const r of results) {
  const mark = r.status === 'passed' ? '✓' : r.status === 'failed' ? '✗' : '-';
  const counts = r.counts && !r.counts.isCheck ? `  ${r.counts.passed} passed, ${r.counts.failed} failed` : '';
  const detail = r.status === 'skipped' ? `  skipped: ${r.step.skipped ?? 'not applicable'}` : `  ${r.seconds.toFixed(1)} s${counts}`;
  lines.push(`  ${mark} ${r.step.name.padEnd(38)}${detail}`);
}
const failedStep = results.find((r) => r.status === 'failed');
for (const step of STEPS) {
  if (failedStep && !ran.has(step) && (!only.length || only.includes(step.key)))
    lines.push(`  · ${step.name.padEnd(38)}  not run (stopped at the first failure)`);
}
lines.push('', `Tests: ${passed} passed, ${failed} failed`, '');
process.stdout.write(lines.join('\n'));
process.exit(failedStep ? 1 : 0);
