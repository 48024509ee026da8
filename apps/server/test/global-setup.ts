import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS_DIR, openDatabase } from '../src/platform/db/database.ts';

export const TEMPLATE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.tmp/test-template.tar.gz');
/** What the template was made from (see templateKey); a template whose key matches is used as it is. */
const KEY_PATH = `${TEMPLATE_PATH}.key`;

/**
 * Everything the migrated template depends on: the migrations (SQL and journal), the code that opens and migrates
 * the database, and the PGlite and Drizzle versions. Another value of any of them makes a new template.
 */
function templateKey(): string {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  for (const pkg of ['@electric-sql/pglite', 'drizzle-orm']) hash.update(`${pkg}@${versionOf(require.resolve(pkg), pkg)}\n`);
  const files = [
    fileURLToPath(new URL('../src/platform/db/database.ts', import.meta.url)),
    ...fs
      .readdirSync(MIGRATIONS_DIR, { recursive: true })
      .map((f) => path.join(MIGRATIONS_DIR, String(f)))
      .filter((f) => fs.statSync(f).isFile())
      .sort(),
  ];
  for (const file of files) hash.update(`${path.relative(MIGRATIONS_DIR, file)}\n`).update(fs.readFileSync(file));
  return hash.digest('hex');
}

/** The version of package `name`, from the package.json above one of its files (its exports leave package.json out). */
function versionOf(file: string, name: string): string {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const { name: found, version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (found === name) return version;
  }
  throw new Error(`no package.json of ${name} above ${file}`);
}

/** Writes next to `file`, then renames: a run reading the template meanwhile never sees half of it. */
function writeAtomically(file: string, data: Buffer | string) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * PGlite: migrate one database once and dump it; every test file starts from a copy (0.5 s instead of initdb). The dump
 * is kept in .tmp/ with the key of what it was made from, so the next run (the CLI's after the server's in `npm test`,
 * or a single test file run again) takes it as it is while the migrations and the PGlite version stay the same:
 * about 10 s of one core saved per run (docs/benchmarks.md, "Test suite time").
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
  const key = templateKey();
  if (fs.existsSync(TEMPLATE_PATH) && fs.existsSync(KEY_PATH) && fs.readFileSync(KEY_PATH, 'utf8') === key) return;
  const database = await openDatabase({ dataDir: 'memory://template' });
  await database.migrate();
  const dump = await database.pglite?.dumpDataDir('gzip');
  await database.close();
  if (!dump) throw new Error('PGlite dump failed');
  fs.mkdirSync(path.dirname(TEMPLATE_PATH), { recursive: true });
  // The key after the template: a run stopped between the two leaves the old key, so the next one makes it again.
  fs.rmSync(KEY_PATH, { force: true });
  writeAtomically(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  writeAtomically(KEY_PATH, key);
}
