import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { isDeep } from '../../../test/depth.ts';
import { TEMPLATE_PATH } from '../../../test/global-setup.ts';
import { buildTestApp, createTestDatabase, createTestOrg } from '../../../test/harness.ts';
import { type Database, openDatabase } from '../../platform/db/database.ts';
import { makeUsageSource } from './usage.factory.ts';
import { usageDailyEvents, usageEvents } from './usage.table.ts';

// SIGKILL the server while clients stream batches to /v1/batch; after a restart every event that got a 2xx is
// stored exactly once, also after the clients resend every batch (as Segment's clients retry), and the rollups
// count each once. On the suite's database: PostgreSQL when TEST_DATABASE_URL is set, else a PGlite data
// directory. `npm test` kills once; `npm run test:deep` three times on the same data.
const KILLS = isDeep ? 3 : 1;
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pgUrl = process.env.TEST_DATABASE_URL ?? '';
const dataDir = pgUrl ? '' : fs.mkdtempSync(path.join(os.tmpdir(), 'c365-usage-kill-'));
let child: ChildProcess | null = null;
let output = '';
let base = '';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startServer() {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  output = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir || '/nonexistent',
      DATABASE_URL: pgUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      // No worker: on the shared PostgreSQL test database it would run other test files' queued jobs on the real clock.
      PROCESS_ROLE: 'web',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-4096);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  child = proc;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`server exited before answering:\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer within 120 s:\n${output}`);
}

async function stopServer(signal: 'SIGKILL' | 'SIGTERM') {
  const proc = child;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill(signal);
  await exited;
}

/** The test's database, opened in this process (the server must be stopped first on PGlite: one process owns it). */
const openOwn = (): Promise<Database> => (pgUrl ? createTestDatabase() : openDatabase({ dataDir }));

/** An organisation and a source made in-process; on PGlite in the fresh data directory the server then opens. */
async function prepare() {
  const database = pgUrl
    ? await createTestDatabase()
    : await openDatabase({ dataDir, loadDataDir: new Blob([fs.readFileSync(TEMPLATE_PATH)]) });
  const t = await buildTestApp({ database });
  const org = await createTestOrg(t, 'Usage kill');
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: org.admin.headers,
    payload: { name: 'Acme', externalId: 'acme' },
  });
  const source = await makeUsageSource(t.app, org.admin.headers);
  await t.close();
  if (!pgUrl) await database.close();
  return { orgId: org.orgId, writeKey: source.writeKey };
}

const now = new Date().toISOString();
const batchOf = (round: number, n: number) =>
  JSON.stringify({
    batch: Array.from({ length: 50 }, (_, i) => ({
      type: 'track',
      messageId: `k${round}-${n}-${i}`,
      userId: `u${i % 7}`,
      event: 'Report exported',
      timestamp: now,
      context: { groupId: 'acme' },
    })),
  });

/** Clients post batches until the server goes away, noting the batches sent and the message ids acknowledged. */
async function stream(writeKey: string, round: number, clients: number, sent: string[], acked: Set<string>) {
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  let n = 0;
  let down = false;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!down) {
        const body = batchOf(round, n++);
        sent.push(body);
        try {
          const res = await fetch(`${base}/v1/batch`, {
            method: 'POST',
            headers: { authorization: auth, 'content-type': 'application/json' },
            body,
          });
          if (res.status === 200) for (const e of JSON.parse(body).batch as { messageId: string }[]) acked.add(e.messageId);
          else await res.arrayBuffer();
        } catch {
          down = true;
        }
      }
    }),
  );
}

afterAll(async () => {
  await stopServer('SIGKILL');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('usage ingestion under SIGKILL', () => {
  it(`stores every acknowledged event exactly once (${KILLS} kill${KILLS > 1 ? 's' : ''}, then every batch resent)`, async () => {
    const { orgId, writeKey } = await prepare();
    const acked = new Set<string>();
    const sent: string[] = [];
    await startServer();
    for (let round = 1; round <= KILLS; round++) {
      const before = acked.size;
      const streaming = stream(writeKey, round, 6, sent, acked);
      // Kill once some batches of this round have been answered, while others are in flight.
      const until = Date.now() + 60_000;
      while (acked.size < before + 1000 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await stopServer('SIGKILL');
      await streaming;
      await startServer();
    }
    expect(acked.size).toBeGreaterThan(0);
    // Every batch again, as a client retries what it could not confirm (and some it could): nothing twice.
    const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    for (const body of sent) {
      const res = await fetch(`${base}/v1/batch`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    await stopServer('SIGTERM');
    const database = await openOwn();
    try {
      const rows = await database.db
        .select({ messageId: usageEvents.messageId, n: sql<number>`count(*)::int` })
        .from(usageEvents)
        .where(eq(usageEvents.orgId, orgId))
        .groupBy(usageEvents.messageId);
      const stored = new Map(rows.map((r) => [r.messageId, Number(r.n)]));
      const missing = [...acked].filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      expect([...stored.values()].filter((n) => n !== 1)).toEqual([]);
      expect(stored.size).toBe(sent.length * 50);
      // The rollups count each stored event once, whatever was merged before a kill.
      const t = await buildTestApp({ database });
      await t.services.usageIngest.mergeRollups(orgId);
      const [total] = await database.db
        .select({ n: sql<number>`coalesce(sum(${usageDailyEvents.count}), 0)::int` })
        .from(usageDailyEvents)
        .where(and(eq(usageDailyEvents.orgId, orgId)));
      expect(Number(total?.n)).toBe(stored.size);
      await t.close();
    } finally {
      if (!pgUrl) await database.close();
    }
  }, 300_000);
});
