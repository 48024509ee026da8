/**
 * Tenancy enforced by the database itself, not only by the queries: every tenant table leads its primary key
 * with org_id and every foreign key between tenant tables carries org_id, so a row can never point at
 * another organisation's row — PostgreSQL refuses it even when application code gets it wrong.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../src/modules/accounts/index.ts';
import { contacts } from '../../src/modules/contacts/index.ts';
import { interactions } from '../../src/modules/timeline/index.ts';
import { newId } from '../../src/platform/ids.ts';
import { buildTestApp, createTestOrg, type TestApp } from '../harness.ts';
import { createFixtures, queryRows, type TFixtures } from './support.ts';

let t: TestApp;
let a: { orgId: string; f: TFixtures };
let b: { orgId: string; f: TFixtures };

beforeAll(async () => {
  t = await buildTestApp();
  const orgA = await createTestOrg(t, 'Tenant A');
  const orgB = await createTestOrg(t, 'Tenant B');
  a = { orgId: orgA.orgId, f: await createFixtures(t, orgA.admin) };
  b = { orgId: orgB.orgId, f: await createFixtures(t, orgB.admin) };
});
afterAll(async () => {
  await t?.close();
});

/** The SQLSTATE of a failed statement (Drizzle wraps the driver's error). */
async function sqlstate(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? 'unknown';
  }
  return 'no error';
}

describe('the database refuses cross-organisation references', () => {
  it('a contact of organisation B pointing at an account of organisation A', async () => {
    const code = await sqlstate(
      t.db.insert(contacts).values({
        orgId: b.orgId,
        id: newId(),
        accountId: a.f.account,
        firstName: 'Mallory',
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
    );
    expect(code).toBe('23503'); // foreign_key_violation
  });

  it('an interaction of organisation A naming a contact of organisation B', async () => {
    const code = await sqlstate(
      t.db.insert(interactions).values({
        orgId: a.orgId,
        id: newId(),
        accountId: a.f.account,
        contactId: b.f.contact,
        kind: 'note',
        subject: 'x',
        occurredAt: new Date(),
        createdAt: new Date(),
      }),
    );
    expect(code).toBe('23503');
  });

  it('an account of organisation A moved to a market or owner of organisation B', async () => {
    const mine = and(eq(accounts.orgId, a.orgId), eq(accounts.id, a.f.account));
    expect(await sqlstate(t.db.update(accounts).set({ marketId: b.f.market }).where(mine))).toBe('23503');
    expect(await sqlstate(t.db.update(accounts).set({ ownerUserId: b.f.user }).where(mine))).toBe('23503');
  });

  it('a row moved to another organisation while its children stay behind', async () => {
    const code = await sqlstate(
      t.db
        .update(accounts)
        .set({ orgId: b.orgId })
        .where(and(eq(accounts.orgId, a.orgId), eq(accounts.id, a.f.account))),
    );
    expect(code).toBe('23503');
    const [still] = await t.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, a.orgId), eq(accounts.id, a.f.account)));
    expect(still).toBeDefined();
  });
});

interface ConstraintRow {
  tbl: string;
  name: string;
  kind: 'p' | 'f';
  cols: string[];
  ref: string | null;
  ref_cols: string[] | null;
  on_delete: string;
  set_cols: string[] | null;
}

describe('the schema keeps every tenant table partitionable by organisation', () => {
  /** Tables shared by all organisations by design. */
  const GLOBAL = new Set(['organisations', 'jobs', 'login_attempts', '__drizzle_migrations']);

  async function constraints(): Promise<{ tenantTables: string[]; rows: ConstraintRow[] }> {
    const tables = await queryRows<{ table_name: string }>(
      t.db,
      sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id'`,
    );
    const rows = await queryRows<ConstraintRow>(
      t.db,
      sql`
      select c.conrelid::regclass::text as tbl, c.conname as name, c.contype as kind,
        (select array_agg(a.attname::text order by k.ord) from unnest(c.conkey) with ordinality k(n, ord)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n) as cols,
        c.confrelid::regclass::text as ref,
        (select array_agg(a.attname::text order by k.ord) from unnest(c.confkey) with ordinality k(n, ord)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n) as ref_cols,
        c.confdeltype as on_delete,
        (select array_agg(a.attname::text) from unnest(c.confdelsetcols) k(n)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n) as set_cols
      from pg_constraint c
      where c.connamespace = 'public'::regnamespace and c.contype in ('p', 'f')`,
    );
    return { tenantTables: tables.map((r) => r.table_name).filter((n) => !GLOBAL.has(n)), rows };
  }

  it('leads every tenant table’s primary key with org_id', async () => {
    const { tenantTables, rows } = await constraints();
    expect(tenantTables.length).toBeGreaterThanOrEqual(10);
    const bad = tenantTables.filter((tbl) => rows.find((r) => r.tbl === tbl && r.kind === 'p')?.cols[0] !== 'org_id');
    expect(bad).toEqual([]);
  });

  it('carries org_id in every foreign key between tenant tables', async () => {
    const { tenantTables, rows } = await constraints();
    const bad = rows
      .filter((r) => r.kind === 'f' && tenantTables.includes(r.tbl) && r.ref && tenantTables.includes(r.ref))
      .filter((r) => r.cols[0] !== 'org_id' || r.ref_cols?.[0] !== 'org_id')
      .map((r) => `${r.tbl}.${r.name} (${r.cols}) → ${r.ref} (${r.ref_cols})`);
    expect(bad).toEqual([]);
    // And to the organisation itself by org_id.
    const toOrg = rows.filter((r) => r.kind === 'f' && r.ref === 'organisations');
    expect(toOrg.every((r) => r.cols.join() === 'org_id')).toBe(true);
  });

  it('never lets ON DELETE SET NULL clear org_id of a composite foreign key', async () => {
    // SET NULL on (org_id, x_id) would null org_id as well, which NOT NULL refuses: the delete fails.
    // PostgreSQL 15 can name the columns to clear: ON DELETE SET NULL (x_id).
    const { rows } = await constraints();
    const traps = rows
      .filter((r) => r.kind === 'f' && r.on_delete === 'n' && r.cols.includes('org_id') && (!r.set_cols || r.set_cols.includes('org_id')))
      .map((r) => `${r.tbl}.${r.name}`);
    expect(traps).toEqual([]);
    // Deleting a contact with timeline entries keeps the entries and unlinks the contact.
    const orgC = await createTestOrg(t, 'Tenant C');
    const f = await createFixtures(t, orgC.admin);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/contacts/${f.contact}`, headers: orgC.admin.headers });
    expect(del.statusCode, del.body).toBe(204);
    const [entry] = await t.db
      .select()
      .from(interactions)
      .where(and(eq(interactions.orgId, orgC.orgId), eq(interactions.id, f.interaction)));
    expect(entry?.orgId).toBe(orgC.orgId);
    expect(entry?.contactId).toBeNull();
  });
});
