import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp, type TestApp } from '@customer365/server/test/harness.ts';

export interface ServedTestApp {
  t: TestApp;
  /** Where the CLI reaches the API (`--url`). */
  url: string;
  /** A scratch folder for the files a test hands the CLI; empty unless `tmpPrefix` was given. */
  tmp: string;
  /** Stops the server and removes the scratch folder. */
  close: () => Promise<void>;
}

/**
 * The test application served on a free local port, as the CLI meets the product. With `worker`, the job
 * worker runs in the same process, as in production, so the jobs a command waits for (validation, import,
 * recompute) get done.
 */
export async function serveTestApp(opts: { worker?: boolean; now?: string; tmpPrefix?: string } = {}): Promise<ServedTestApp> {
  const t = await buildTestApp(opts.now ? { now: opts.now } : {});
  if (opts.worker) t.worker.start();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const tmp = opts.tmpPrefix ? fs.mkdtempSync(path.join(os.tmpdir(), opts.tmpPrefix)) : '';
  return {
    t,
    url,
    tmp,
    close: async () => {
      await t.close();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
