import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A port nobody listens on right now (the OS picks it), so benches never collide with running servers. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  /** Everything the process wrote, for error messages and for parsing what it reports. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Run a TypeScript entry point with `node --import tsx` from the repository root. */
export function spawnTs(entry: string, env: Record<string, string>, extraNodeArgs: string[] = []): Child {
  const proc = spawn(process.execPath, [...extraNodeArgs, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null) resolve();
    proc.once('exit', () => resolve());
  });
  return {
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const force = setTimeout(() => proc.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(force);
      }
    },
  };
}

/** Poll `url` until it answers 200; returns milliseconds since `since` (performance.now()). */
export async function waitFor200(url: string, child: Child, since: number, timeoutMs = 120_000, everyMs = 20): Promise<number> {
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`process exited (${child.proc.exitCode}) before ${url} answered:\n${child.output()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The product (`apps/server/src/main.ts`) on a database in its own process, on a free port, without demo data, once
 * its health check answers; `env` adds to or overrides that (PROCESS_ROLE=web for serving only, WEB_DIST, the pool).
 */
export async function startProduct(
  databaseUrl: string,
  env: Record<string, string> = {},
  /** Another checkout of the product to run (its own server code), e.g. the commit a change is compared with. */
  checkout = '',
): Promise<{ app: Child; base: string }> {
  const port = await freePort();
  const app = spawnTs(checkout ? path.join(path.resolve(checkout), 'apps/server/src/main.ts') : 'apps/server/src/main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${base}/api/health`, app, performance.now());
  } catch (err) {
    await app.stop();
    throw err;
  }
  return { app, base };
}
