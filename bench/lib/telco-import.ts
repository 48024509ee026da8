// The Telco Customer Churn table imported through the product's own importers, as bench/health-telco.bench.ts and
// bench/health-fit.ts need it: a fresh organisation, the custom fields made through the API, the accounts and the
// subscription changes imported with the `customer365` command line against a server in this process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config/config.ts';
import { createOrganisationWithAdmin } from '../../apps/server/src/modules/organisations/index.ts';
import type { Actor } from '../../apps/server/src/platform/access/access.ts';
import { systemClock } from '../../apps/server/src/platform/clock.ts';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { newId } from '../../apps/server/src/platform/ids.ts';
import { createSmtpMailer } from '../../apps/server/src/platform/mail/outbox.ts';
import { ROOT } from './child.ts';
import { prepareTelco } from './telco-churn.ts';

const CLI = path.join(ROOT, 'apps/cli/bin/customer365.mjs');
export const TELCO_CSV = process.env.TELCO_CSV ?? path.resolve(ROOT, '../shared/datasets/telco-churn/Telco-Customer-Churn.csv');
const log = (s: string) => process.stderr.write(`${s}\n`);

export function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Imports the table into a fresh organisation; `timed` runs a CLI command against it and logs its time. */
export async function importTelco(opts: { databaseUrl: string; pglite: boolean }) {
  const { databaseUrl, pglite } = opts;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-health-telco-'));
  const database = await openDatabase(pglite ? { dataDir } : { databaseUrl, dataDir: '', poolMax: 10 });
  await database.migrate();
  const suffix = newId().slice(-12);
  const { orgId, userId } = await createOrganisationWithAdmin(database.db, systemClock, {
    name: `Telco churn ${suffix}`,
    slug: `telco-churn-${suffix}`,
    admin: { email: `telco-${suffix}@bench.example`, name: 'Bench Admin', password: 'bench-telco-password' },
  });
  const config = loadConfig({
    DATABASE_URL: pglite ? undefined : databaseUrl,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    DATA_DIR: dataDir,
  });
  const { app, services, worker } = await buildApp({
    config,
    database,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    mailer: createSmtpMailer(undefined),
  });
  const actor: Actor = { orgId, userId, name: 'Bench Admin', role: 'admin', ownAccountsOnly: false };
  const scopes = ['custom_field:manage', 'import:run', 'account:write', 'subscription:write', 'health:configure', 'health:read'] as const;
  const { token } = await services.identity.createApiToken(actor, { name: 'telco bench', scopes: [...scopes] });
  worker.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const common = ['--url', url, '--token', token];
  const close = async () => {
    await worker.stop?.();
    await app.close();
    await database.close?.();
  };
  const timed = async (what: string, args: string[]) => {
    const t0 = performance.now();
    const r = await cli([...args, ...common]);
    if (r.code !== 0) throw new Error(`${what}: exit ${r.code}\n${r.stderr}`);
    log(`${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return r.stdout;
  };
  try {
    const today = systemClock.now().toISOString().slice(0, 10);
    const files = prepareTelco(fs.readFileSync(TELCO_CSV, 'utf8'), today);
    log(`${files.rows} customers, ${files.churners} churned, ${files.testRows} in the test split; reference day ${today}`);
    for (const f of files.fields) {
      const res = await fetch(`${url}/api/v1/custom-fields`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ entity: 'account', key: f.key, label: f.label, type: f.type, ...(f.options ? { options: f.options } : {}) }),
      });
      if (res.status !== 201) throw new Error(`custom field ${f.key}: ${res.status} ${await res.text()}`);
    }
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dataDir, name), text);
      return path.join(dataDir, name);
    };
    await timed('import accounts', [
      'import',
      'accounts',
      write('accounts.csv', files.accountsCsv),
      '--mapping',
      write('accounts.json', JSON.stringify(files.accountMapping)),
    ]);
    await timed('import subscriptions', [
      'import',
      'subscriptions',
      write('changes.csv', files.changesCsv),
      '--format',
      'changes',
      '--mapping',
      write('changes.json', JSON.stringify(files.changesMapping)),
    ]);
  } catch (e) {
    await close();
    throw e;
  }
  return { services, actor, timed, close };
}
