// Commands that work on the database directly (no running server needed): migrate, seed-demo.
// They read the same configuration as the server: DATABASE_URL, or the PGlite directory DATA_DIR.
import type { Database } from '@customer365/server/src/platform/db/database.ts';
import { CliError, say, usageError } from '../errors.ts';

/** Loads the server's configuration and opens its database; the server code is loaded only when needed. */
export async function openConfiguredDatabase() {
  const { loadConfig } = await import('@customer365/server/src/config/config.ts');
  const { openDatabase } = await import('@customer365/server/src/platform/db/database.ts');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    throw usageError((err as Error).message);
  }
  const where = config.databaseUrl ? `PostgreSQL (${redactUrl(config.databaseUrl)})` : `PGlite in ${config.dataDir}`;
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
    return { config, database, where };
  } catch (err) {
    throw new CliError(`Could not open the database, ${where}: ${(err as Error).message}`);
  }
}

/** Applies pending migrations; returns how many were applied now and how many exist in total. */
export async function applyMigrations(database: Database, where: string) {
  const before = await countAppliedMigrations(database);
  try {
    await database.migrate();
  } catch (err) {
    throw new CliError(`Migrating ${where} failed: ${(err as Error).message}`);
  }
  const after = await countAppliedMigrations(database);
  return { applied: after - before, total: after };
}

async function countAppliedMigrations(database: Database): Promise<number> {
  const { sql } = await import('drizzle-orm');
  try {
    const r = (await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as {
      rows: { n: number }[];
    };
    return Number(r.rows[0]?.n ?? 0);
  } catch {
    return 0; // a new database: the journal table does not exist yet
  }
}

export async function runMigrate() {
  const { database, where } = await openConfiguredDatabase();
  try {
    const { applied, total } = await applyMigrations(database, where);
    say(
      applied ? `Applied ${applied} migration(s) to ${where}; ${total} in total.` : `${where} is up to date (${total} migrations applied).`,
    );
  } finally {
    await database.close().catch(() => {});
  }
}

export async function runSeedDemo() {
  const { config, database, where } = await openConfiguredDatabase();
  try {
    await applyMigrations(database, where);
    const { eq } = await import('drizzle-orm');
    const { organisations } = await import('@customer365/server/src/modules/organisations/index.ts');
    const { DEMO_SLUG, seedDemo } = await import('@customer365/server/src/db/seed/demo.ts');
    const { systemClock } = await import('@customer365/server/src/platform/clock.ts');
    const [existing] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, DEMO_SLUG));
    if (existing) {
      say(`The demo organisation is already loaded in ${where}; nothing changed.`);
      return;
    }
    const demo = await seedDemo(database, systemClock, config.publicUrl);
    say(`Loaded the demo organisation "${demo.organisation}" into ${where}.`);
    say(`Every demo user's password is: ${demo.password}`);
    for (const u of demo.users) say(`  ${u.role.padEnd(18)} ${u.email}`);
  } finally {
    await database.close().catch(() => {});
  }
}

/** postgres://user:secret@host/db → postgres://user:***@host/db, so passwords never reach a terminal or log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
