// Memory check for the import: a 100k-row accounts CSV uploaded, validated and imported (all_or_nothing) through
// the import service in a process whose V8 heap is capped. It completes well inside the cap, because rows are
// read, checked and written a batch at a time. PostgreSQL with BENCH_DATABASE_URL, else PGlite in a temporary dir.
//
//   node --expose-gc --max-old-space-size=160 --import tsx bench/import-memory.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config/config.ts';
import { createOrganisationWithAdmin } from '../apps/server/src/modules/organisations/index.ts';
import { systemClock } from '../apps/server/src/platform/clock.ts';
import { openDatabase } from '../apps/server/src/platform/db/database.ts';
import { newId } from '../apps/server/src/platform/ids.ts';
import { createSmtpMailer } from '../apps/server/src/platform/mail/outbox.ts';

const url = process.env.BENCH_DATABASE_URL;
const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const dir = url ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'c365-import-memory-'));
const database = await openDatabase(url ? { databaseUrl: url, dataDir: '' } : { dataDir: dir as string });
await database.migrate();
const suffix = newId().slice(-12);
const { orgId, userId } = await createOrganisationWithAdmin(database.db, systemClock, {
  name: `Import memory ${suffix}`,
  slug: `import-memory-${suffix}`,
  admin: { email: `import-memory-${suffix}@bench.example`, name: 'Bench', password: 'bench-import-password' },
});
const mailer = createSmtpMailer(undefined);
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATA_DIR: os.tmpdir() });
const { app, services, worker } = await buildApp({ config, database, clock: systemClock, logger: pino({ level: 'silent' }), mailer });
const actor = { orgId, userId, name: 'Bench', role: 'admin' as const, ownAccountsOnly: false };

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
};
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 20);
const settle = async (id: string) => {
  for (;;) {
    if ((await worker.runOnce()) === 0) await new Promise((r) => setTimeout(r, 20));
    const imp = await services.imports.get(actor, id);
    if (imp.status !== 'validating' && imp.status !== 'importing') return imp;
  }
};

const lines = ['Name,Domain,CRM id,Employees,Tags'];
for (let i = 1; i <= rows; i++) lines.push(`Acme ${i} B.V.,acme-${i}.example,HS-${i},${i},"imported; pilot"`);
const uploaded = await services.imports.upload(actor, {
  entity: 'accounts',
  fileName: 'accounts.csv',
  bytes: Buffer.from(lines.join('\r\n')),
});
lines.length = 0;
const start = heapMb();
await services.imports.setMapping(actor, uploaded.id, uploaded.suggestedMapping);
const validated = await settle(uploaded.id);
await services.imports.start(actor, uploaded.id, 'all_or_nothing');
const done = await settle(uploaded.id);
clearInterval(sampler);
const heapLimit = Math.round((await import('node:v8')).getHeapStatistics().heap_size_limit / 2 ** 20);
console.log(
  `${url ? 'PostgreSQL' : 'PGlite'}: ${validated.status} → ${done.status}, ${done.insertedRows} rows inserted; V8 heap limit ${heapLimit} MB; ` +
    `heap used after upload ${start} MB, at most ${Math.round(peak / 2 ** 20)} MB during validation and import, ${heapMb()} MB after`,
);
await app.close();
mailer.close();
await database.db.execute(sql.raw(`delete from organisations where id = '${orgId}'`));
await database.close();
if (dir) fs.rmSync(dir, { recursive: true, force: true });
