// "Does the health score predict churn?" on real churn labels: the Telco Customer Churn table
// (../shared/datasets/telco-churn, 7,043 customers) imported through the product's own importers with the
// `customer365` command line (custom fields made through the API, accounts and subscription changes imported),
// then `customer365 health evaluate` on PROVENANCE.md's deterministic test split (sorted by customerID, every
// fifth from the fifth): the default scorecard as shipped, then fitted to the training part. Prints both AUCs.
//
//   npm run bench:health-telco                                 # PostgreSQL at BENCH_DATABASE_URL (a fresh organisation)
//   BENCH_HEALTH_TELCO_PGLITE=1 npm run bench:health-telco      # on a throwaway PGlite instead
//   TELCO_CSV=path/to/Telco-Customer-Churn.csv npm run bench:health-telco
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config/config.ts';
import { createOrganisationWithAdmin } from '../apps/server/src/modules/organisations/index.ts';
import type { Actor } from '../apps/server/src/platform/access/access.ts';
import { systemClock } from '../apps/server/src/platform/clock.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { newId } from '../apps/server/src/platform/ids.ts';
import { createSmtpMailer } from '../apps/server/src/platform/mail/outbox.ts';
import { ROOT } from './lib/child.ts';
import { prepareTelco, TELCO_TEST_FIELD } from './lib/telco-churn.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_bench';
const PGLITE = env.BENCH_HEALTH_TELCO_PGLITE === '1';
const CSV = env.TELCO_CSV ?? path.resolve(ROOT, '../shared/datasets/telco-churn/Telco-Customer-Churn.csv');
const CLI = path.join(ROOT, 'apps/cli/bin/customer365.mjs');
const log = (s: string) => process.stderr.write(`${s}\n`);

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-health-telco-'));
  const database = await openDatabase(PGLITE ? { dataDir } : { databaseUrl: DATABASE_URL, dataDir: '', poolMax: 10 });
  await database.migrate();
  const suffix = newId().slice(-12);
  const { orgId, userId } = await createOrganisationWithAdmin(database.db, systemClock, {
    name: `Telco churn ${suffix}`,
    slug: `telco-churn-${suffix}`,
    admin: { email: `telco-${suffix}@bench.example`, name: 'Bench Admin', password: 'bench-telco-password' },
  });
  const config = loadConfig({
    DATABASE_URL: PGLITE ? undefined : DATABASE_URL,
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
  try {
    const today = systemClock.now().toISOString().slice(0, 10);
    const files = prepareTelco(fs.readFileSync(CSV, 'utf8'), today);
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
    const timed = async (what: string, args: string[]) => {
      const t0 = performance.now();
      const r = await cli([...args, ...common]);
      if (r.code !== 0) throw new Error(`${what}: exit ${r.code}\n${r.stderr}`);
      log(`${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return r.stdout;
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
    const evaluate = ['health', 'evaluate', '--outcome', 'churned', '--test-field', TELCO_TEST_FIELD, '--json'];
    const plain = JSON.parse(await timed('evaluate (default scorecard)', evaluate));
    const fitted = JSON.parse(await timed('evaluate --fit', [...evaluate, '--fit']));
    const auc = (v: number | null) => (v === null ? '—' : v.toFixed(4));
    process.stdout.write(
      [
        `Command: customer365 health evaluate --outcome churned --test-field ${TELCO_TEST_FIELD} [--fit] --json`,
        `default scorecard: test AUC ${auc(plain.test.auc)} (n ${plain.test.n}, ${plain.test.positives} churned), train AUC ${auc(plain.train.auc)} (n ${plain.train.n})`,
        `fitted scorecard:  test AUC ${auc(fitted.test.auc)}, train AUC ${auc(fitted.train.auc)}; ${fitted.inputs.length} inputs:`,
        ...fitted.inputs
          .sort((a: { weight: number }, b: { weight: number }) => b.weight - a.weight)
          .map((i: { name: string; weight: number }) => `  ${String(i.weight).padStart(5)}  ${i.name}`),
        '',
      ].join('\n'),
    );
  } finally {
    await worker.stop?.();
    await app.close();
    await database.close?.();
  }
}

await main();
process.exit(0);
