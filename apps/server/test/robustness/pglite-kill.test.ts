import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.ts';
import { isDeep } from '../depth.ts';
import { TEMPLATE_PATH } from '../global-setup.ts';
import { buildTestApp, createTestOrg, TEST_PASSWORD } from '../harness.ts';

// The embedded default must not lose an acknowledged write when the process is killed mid-traffic.
// `npm test` kills it once; `npm run test:deep` kills and restarts it three times on the same data.
// PGlite only: the server under test runs on PGlite whatever the suite's database, so the PostgreSQL run of
// the suite skips it (reported as skipped) instead of repeating it.
const KILL_ROUNDS = isDeep ? 3 : 1;
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-kill-'));
let port = 0;
let base = '';
let child: ChildProcess | null = null;
let output = '';

/** A port nothing listens on right now (the kernel picks it), so the test cannot collide with another server. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return p;
}

async function startServer() {
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept (the last 4 kB) to say why, should the server not come up.
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-4096);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  child = proc;
  return waitForHealth(proc);
}

async function waitForHealth(proc: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`server exited (${proc.exitCode ?? proc.signalCode}) before answering:\n${output}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer within 120 s:\n${output}`);
}

/**
 * The data directory the server starts on: the migrated test template and one organisation, made in-process.
 * The demo data would add seconds of seeding to every run and nothing to what is tested.
 */
async function prepareDataDir() {
  const database = await openDatabase({ dataDir, loadDataDir: new Blob([fs.readFileSync(TEMPLATE_PATH)]) });
  const t = await buildTestApp({ database });
  const org = await createTestOrg(t, 'Kill test');
  await t.close();
  await database.close();
  return org.admin.email;
}

async function signIn(email: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] as string);
  const csrf = cookies.find((c) => c.startsWith('c365_csrf='))?.split('=')[1] ?? '';
  return { cookie: cookies.join('; '), 'x-csrf-token': csrf };
}

/** Every account name the restarted server lists. */
async function storedNames(headers: Record<string, string>) {
  const names = new Set<string>();
  for (let page = 1; ; page++) {
    const r = await fetch(`${base}/api/v1/accounts?q=kill-test&status=all&pageSize=200&page=${page}`, { headers });
    expect(r.status).toBe(200);
    const { items, total } = (await r.json()) as { items: { name: string }[]; total: number };
    for (const a of items) names.add(a.name);
    if (page * 200 >= total) return names;
  }
}

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('PGlite durability', () => {
  it(`keeps every acknowledged write after kill -9 during concurrent writes (${KILL_ROUNDS} kill${KILL_ROUNDS > 1 ? 's' : ''})`, async () => {
    const email = await prepareDataDir();
    await startServer();
    const acked: string[] = [];
    for (let round = 1; round <= KILL_ROUNDS; round++) {
      const headers = { ...(await signIn(email)), 'content-type': 'application/json' };
      const ackedBefore = acked.length;
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const name = `kill-test ${round}-${w}-${i}`;
          try {
            const res = await fetch(`${base}/api/v1/accounts`, { method: 'POST', headers, body: JSON.stringify({ name }) });
            if (res.status === 201) acked.push(name);
          } catch {
            return; // the process is gone
          }
        }
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      // Kill once enough writes were acknowledged (the machine's speed varies), while the writers are still busy.
      const deadline = Date.now() + 60_000;
      while (acked.length - ackedBefore < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      child?.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      expect(acked.length - ackedBefore).toBeGreaterThanOrEqual(30);

      await startServer();
      const names = await storedNames(await signIn(email));
      const lost = acked.filter((n) => !names.has(n));
      expect(lost, `round ${round}`).toEqual([]);
    }
  }, 300_000);
});
