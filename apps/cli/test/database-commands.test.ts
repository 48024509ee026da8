import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { users } from '@customer365/server/src/modules/identity/index.ts';
import { organisations } from '@customer365/server/src/modules/organisations/index.ts';
import { type Database, openDatabase } from '@customer365/server/src/platform/db/database.ts';
import { newId } from '@customer365/server/src/platform/ids.ts';
import { verify } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, runCli } from './run-cli.ts';

// The commands run against a fresh PGlite directory, or against TEST_DATABASE_URL when the suite runs on PostgreSQL.
const pgUrl = process.env.TEST_DATABASE_URL;
let dataDir: string;
let env: Record<string, string | undefined>;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-cli-'));
  env = { DATABASE_URL: pgUrl, DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3650' };
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Opens the database the commands wrote to (after they exited: one process per PGlite directory). */
async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(pgUrl ? { databaseUrl: pgUrl, dataDir: '' } : { dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

describe('customer365 database commands', () => {
  it('migrate applies the migrations and is a no-op the second time', async () => {
    const first = await runCli(['migrate'], { env });
    expect(first.stderr).toMatch(pgUrl ? /PostgreSQL \(postgres:\/\/[^@]*\*\*\*@/ : /PGlite in /);
    expect(first.code).toBe(0);
    const second = await runCli(['migrate'], { env });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/is up to date \(\d+ migrations applied\)/);
    const journal = fs.readdirSync(path.resolve(import.meta.dirname, '../../server/src/db/migrations')).filter((f) => f.endsWith('.sql'));
    const applied = await withDatabase(async (d) => {
      const r = (await d.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as {
        rows: { n: number }[];
      };
      return Number(r.rows[0]?.n);
    });
    expect(applied).toBe(journal.length);
    // Two CLI processes each opening PGlite and replaying every migration: about 20 s alone, several times that on a
    // busy 2-core machine. A timeout here leaves the second process holding the directory for the tests after it.
  }, 180_000);

  // Before the demo is loaded: its first start works off the demo's queued jobs (about 800: e-mails, event
  // deliveries, daily runs), and on PGlite those hold the one connection the health check also needs.
  it('start serves the API until SIGTERM, then exits cleanly', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const childEnv = { ...process.env, ...env, PORT: String(port), SEED_DEMO: 'false', LOG_LEVEL: 'warn' } as Record<string, string>;
    if (!pgUrl) delete childEnv.DATABASE_URL;
    const child = spawn(process.execPath, [CLI_BIN, 'start', '--no-build'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let health: { status?: string; database?: { kind?: string } } = {};
      for (let i = 0; i < 120 && child.exitCode === null; i++) {
        health = (await fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.json(),
          () => ({}),
        )) as typeof health;
        if (health.status) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(health, output).toMatchObject({ status: 'ok', database: { kind: pgUrl ? 'postgres' : 'pglite' } });
      // The banner follows the listening socket (after the demo-login check), so it may come a moment later.
      for (let i = 0; i < 60 && !output.includes('Customer365 is running at '); i++) await new Promise((r) => setTimeout(r, 250));
      expect(output).toContain('Customer365 is running at ');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('create-admin creates an organisation with an admin whose password works, and refuses a weak password', async () => {
    const suffix = newId().slice(-12);
    const email = `Admin-${suffix}@Example.test`;
    const weak = await runCli(
      ['create-admin', '--org-name', `Weak ${suffix}`, '--email', email, '--name', 'Ada', '--password', 'short-pw'],
      { env },
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('--password: must be at least 12 characters');

    // The password comes from stdin here, as it does when piped; it never appears in the arguments.
    const ok = await runCli(['create-admin', '--org-name', `Acme ${suffix}`, '--email', email, '--name', 'Ada Admin', '--language', 'nl'], {
      env,
      input: 'a sufficiently long password\n',
    });
    expect(ok.stderr).toContain(`Created the organisation "Acme ${suffix}" (slug acme-${suffix}`);
    expect(ok.code).toBe(0);

    const again = await runCli(
      [
        'create-admin',
        '--org-name',
        `Other ${suffix}`,
        '--email',
        email.toUpperCase(),
        '--name',
        'Eve',
        '--password',
        'another long password',
      ],
      { env },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--email: a user with the e-mail address');

    const sameSlug = await runCli(
      [
        'create-admin',
        '--org-name',
        `Acme ${suffix}`,
        '--email',
        `x-${suffix}@example.test`,
        '--name',
        'X',
        '--password',
        'another long password',
      ],
      { env },
    );
    expect(sameSlug.code).toBe(2);
    expect(sameSlug.stderr).toContain(`--slug: an organisation with the slug "acme-${suffix}" already exists`);

    await withDatabase(async (d) => {
      const orgs = await d.db
        .select()
        .from(organisations)
        .where(sql`${organisations.name} like ${`%${suffix}`}`);
      expect(orgs.map((o) => [o.name, o.defaultLanguage])).toEqual([[`Acme ${suffix}`, 'nl']]);
      const org = orgs[0];
      if (!org) throw new Error('organisation missing');
      const members = await d.db.select().from(users).where(eq(users.orgId, org.id));
      expect(members).toHaveLength(1);
      expect(members[0]).toMatchObject({ email: email.toLowerCase(), name: 'Ada Admin', role: 'admin' });
      expect(members[0]?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(members[0]?.passwordHash ?? '', 'a sufficiently long password')).toBe(true);
    });
  });

  it('create-admin without a password and nothing on stdin fails without creating anything', async () => {
    const suffix = newId().slice(-12);
    const r = await runCli(['create-admin', '--org-name', `Nopw ${suffix}`, '--email', `nopw-${suffix}@example.test`, '--name', 'N'], {
      env,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No password given');
    const found = await withDatabase((d) =>
      d.db
        .select()
        .from(organisations)
        .where(eq(organisations.slug, `nopw-${suffix}`)),
    );
    expect(found).toEqual([]);
  });

  it('seed-demo loads the demo organisation once', async () => {
    const first = await runCli(['seed-demo'], { env });
    expect(first.code).toBe(0);
    // On a shared PostgreSQL test database an earlier run may have loaded it already.
    expect(first.stderr).toMatch(pgUrl ? /Loaded the demo organisation|already loaded/ : /Loaded the demo organisation "Customer365 Demo"/);
    const second = await runCli(['seed-demo'], { env });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('The demo organisation is already loaded');
    const demo = await withDatabase((d) => d.db.select().from(organisations).where(eq(organisations.slug, 'demo')));
    expect(demo).toHaveLength(1);
    // The demo through the services on PGlite: about 30 s quiet, twice that when the machine is busy.
  }, 180_000);

  it('explains a bad configuration with exit code 2', async () => {
    const r = await runCli(['migrate'], { env: { ...env, DATABASE_URL: 'mysql://localhost/db' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
  });
});
