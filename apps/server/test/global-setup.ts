import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/platform/db/database.ts';

export const TEMPLATE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.tmp/test-template.tar.gz');

/**
 * PGlite: migrate one database once and dump it; every test file starts from a copy (0.5 s instead of initdb).
 * PostgreSQL (TEST_DATABASE_URL): migrate the test database once; tests share it, each making its own organisation.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const database = await openDatabase({ databaseUrl: url, dataDir: '' });
    await database.migrate();
    await database.close();
    return;
  }
  const database = await openDatabase({ dataDir: 'memory://template' });
  await database.migrate();
  const dump = await database.pglite?.dumpDataDir('gzip');
  await database.close();
  if (!dump) throw new Error('PGlite dump failed');
  fs.mkdirSync(path.dirname(TEMPLATE_PATH), { recursive: true });
  fs.writeFileSync(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
}
