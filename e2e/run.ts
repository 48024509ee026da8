/**
 * Browser end-to-end tests: builds the web UI when stale, starts the real server on a free port with a
 * fresh PGlite data directory (demo data seeded), runs every e2e/*.e2e.ts file in Chromium and stops the
 * server again, also when something fails. One test runs at a time (they share the demo organisation); on
 * Node 22.8 and later every file runs in this process with one Chromium, on older Node each file in a process
 * of its own. Ends with the line `E2E: N passed, N failed`.
 *
 *   npm run test:e2e                     all files
 *   npm run test:e2e -- imports          only files whose name contains "imports"
 *   E2E_SKIP_BUILD=1 npm run test:e2e    use apps/web/dist as it is
 *   E2E_WEB_DIST=dir E2E_WEB_SRC=dir …    serve another build of the web UI (its strings read from E2E_WEB_SRC)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from '../apps/web/build-if-stale.ts';
import { CHROMIUM_PATH, RESULTS_DIR } from './support/paths.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const e2eDir = path.join(root, 'e2e');
const web = path.join(root, 'apps/web');

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms`);
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

function selectTestFiles(filters: string[]) {
  const all = fs
    .readdirSync(e2eDir)
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort()
    .map((f) => path.join(e2eDir, f));
  return filters.length ? all.filter((f) => filters.some((x) => path.basename(f).includes(x))) : all;
}

async function runTests(files: string[]): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  // Node 22.8 and later can run every file in this one process (`isolation: 'none'`): the files then share one
  // Chromium and one load of tsx and playwright instead of a process and a browser each. Older Node keeps a
  // process per file. Either way one test runs at a time, since the tests share the demo organisation.
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const shared = major > 22 || (major === 22 && minor >= 8);
  const options = { files, concurrency: 1, timeout: 10 * 60_000, ...(shared ? { isolation: 'none' } : {}) };
  const stream = run(options as Parameters<typeof run>[0]);
  // Top-level tests only; a file that fails to load is reported as one failed top-level entry.
  stream.on('test:pass', (d) => {
    if (d.nesting === 0 && d.details?.type !== 'suite' && !d.skip && !d.todo) passed++;
  });
  stream.on('test:fail', (d) => {
    if (d.nesting === 0 && d.details?.type !== 'suite') failed++;
  });
  await new Promise<void>((resolve, reject) => {
    const out = stream.compose(new spec());
    out.on('data', (chunk: string | Uint8Array) => process.stdout.write(chunk));
    out.on('end', resolve);
    out.on('error', reject);
  });
  return { passed, failed };
}

async function main() {
  const files = selectTestFiles(process.argv.slice(2));
  if (files.length === 0) throw new Error('no e2e test files matched');
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (Debian: apt-get install chromium)`);
  // Screenshots left from an earlier run would pass for failures of this one.
  fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  if (process.env.E2E_SKIP_BUILD !== '1' && !process.env.E2E_WEB_DIST) buildWebIfStale((m) => process.stdout.write(`${m}\n`));

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-e2e-'));
  const dataDir = path.join(runDir, 'data');
  const serverLog = path.join(RESULTS_DIR, 'server.log');
  const log = fs.openSync(serverLog, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    JOB_POLL_MS: '100',
  };
  // Always the embedded database with the outbox kept, whatever the caller's shell has set.
  for (const key of ['DATABASE_URL', 'SMTP_URL', 'WEB_DIST', 'PROCESS_ROLE', 'COOKIE_SECURE']) delete env[key];
  // The server gets its own copy of the built UI: a build started meanwhile (npm start, npm run build)
  // empties apps/web/dist and would pull the pages out from under the running tests.
  const webCopy = path.join(runDir, 'web');
  fs.cpSync(process.env.E2E_WEB_DIST ? path.resolve(process.env.E2E_WEB_DIST) : path.join(web, 'dist'), webCopy, { recursive: true });
  env.WEB_DIST = webCopy;
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    stdio: ['ignore', log, log],
    env,
  });
  let result = { passed: 0, failed: 1 };
  const cleanUp = async () => {
    server.ref();
    await stopServer(server);
    fs.closeSync(log);
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void cleanUp().then(() => process.exit(130));
    });
  }
  try {
    const startedAt = Date.now();
    // Migrations and the demo on PGlite: a minute on a busy two-core machine, more when other work shares it.
    await waitForHealth(baseUrl, server, 300_000);
    process.stdout.write(`Server ready at ${baseUrl} in ${Date.now() - startedAt} ms (data in ${dataDir})\n`);
    process.env.E2E_BASE_URL = baseUrl;
    // With every file in this process, the runner finishes only when nothing else keeps Node running
    // (nodejs/node#57234): the server's process must not, so it is let go for the tests and held again after.
    server.unref();
    result = await runTests(files);
  } catch (err) {
    process.stderr.write(`\n${(err as Error).message}\n`);
    const tail = fs.readFileSync(serverLog, 'utf8').split('\n').slice(-40).join('\n');
    process.stderr.write(`--- last lines of ${path.relative(root, serverLog)} ---\n${tail}\n`);
  } finally {
    await cleanUp();
  }
  process.stdout.write(`\nE2E: ${result.passed} passed, ${result.failed} failed\n`);
  process.exitCode = result.failed > 0 || result.passed === 0 ? 1 : 0;
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.stdout.write('\nE2E: 0 passed, 1 failed\n');
  process.exitCode = 1;
});
