import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The embedded default must not lose an acknowledged write when the process is killed mid-traffic.
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
      SEED_DEMO: 'true',
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

async function signIn() {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.customer365.test', password: 'customer365-demo' }),
  });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] as string);
  const csrf = cookies.find((c) => c.startsWith('c365_csrf='))?.split('=')[1] ?? '';
  return { cookie: cookies.join('; '), 'x-csrf-token': csrf };
}

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('PGlite durability', () => {
  it('keeps every acknowledged write after kill -9 during concurrent writes', async () => {
    await startServer();
    const headers = { ...(await signIn()), 'content-type': 'application/json' };
    const acked: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `kill-test ${w}-${i}`;
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
    while (acked.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child?.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(acked.length).toBeGreaterThanOrEqual(30);

    await startServer();
    const after = { ...(await signIn()) };
    const res = await fetch(`${base}/api/v1/accounts?q=kill-test&pageSize=200&status=all`, { headers: after });
    const firstPage = (await res.json()) as { total: number };
    const names = new Set<string>();
    for (let page = 1; (page - 1) * 200 < firstPage.total; page++) {
      const r = await fetch(`${base}/api/v1/accounts?q=kill-test&pageSize=200&page=${page}`, { headers: after });
      for (const a of ((await r.json()) as { items: { name: string }[] }).items) names.add(a.name);
    }
    const lost = acked.filter((n) => !names.has(n));
    expect(lost).toEqual([]);
  }, 300_000);
});
