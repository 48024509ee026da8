import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { queryRows } from '../../platform/db/bulk.ts';
import type { JobContext } from '../../platform/jobs/queue.ts';
import { csv, getImport, startAndRun, uploadAndValidate } from './imports.test-helpers.ts';
import { undoImport } from './imports.undo.ts';

/**
 * Undoing an import leaves alone the rows users changed after the import wrote them (their change would be
 * thrown away otherwise) and reports them. A database of its own: the second test runs an import job by
 * hand, which a worker of another test file must not pick up on a shared PostgreSQL database.
 */
let t: TestApp;
let scratch: ScratchDatabase;
beforeAll(async () => {
  scratch = await createScratchDatabase();
  t = await buildTestApp({ database: scratch.database });
});
afterAll(async () => {
  await t?.close();
  await scratch?.close();
});

type Org = Awaited<ReturnType<typeof createTestOrg>>;

const companies = (n: number, name: (i: number) => string) => {
  const rows = [['Name', 'Domain', 'External id', 'Employees']];
  for (let i = 1; i <= n; i++) rows.push([name(i), `company${i}.example`, `X-${i}`, String(i)]);
  return csv(rows);
};

async function accountsByExternalId(org: Org) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/accounts?pageSize=200&q=company&sort=name', headers: org.admin.headers });
  expect(res.statusCode).toBe(200);
  const items = res.json().items as {
    id: string;
    name: string;
    externalId: string;
    notes: string | null;
    version: number;
    employees: number;
  }[];
  return new Map(items.map((a) => [a.externalId, a]));
}

/** The account of row `i` of the generated files (found by its domain). */
async function companyAccount(org: Org, i: number) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/accounts?q=company${i}.example`, headers: org.admin.headers });
  const items = res.json().items as { id: string; name: string; domain: string; notes: string | null; version: number }[];
  return items.find((a) => a.domain === `company${i}.example`);
}

const patch = (org: Org, url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: org.admin.headers, payload });

async function importedEntries(orgId: string, importId: string) {
  return queryRows<{ entityId: string; kept: boolean }>(
    t.db,
    sql`select entity_id as "entityId", coalesce((after->>'keptOnUndo')::boolean, false) as kept from audit_log
        where org_id = ${orgId} and action = 'imported' and after->>'importId' = ${importId} order by entity_id`,
  );
}

describe('undoing an import', () => {
  it('restores and deletes what the import wrote, except rows changed since (kept and reported)', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const first = await uploadAndValidate(
      t,
      h,
      'accounts',
      'v1.csv',
      companies(5, (i) => `Company ${i}`),
    );
    expect(await startAndRun(t, h, first.id, 'skip_invalid')).toMatchObject({ status: 'completed', insertedRows: 5 });
    // The second file updates the five and creates three more.
    const second = await uploadAndValidate(
      t,
      h,
      'accounts',
      'v2.csv',
      companies(8, (i) => `Company ${i} (v2)`),
    );
    const done = await startAndRun(t, h, second.id, 'skip_invalid');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 3, updatedRows: 5 });
    t.clock.advance(60_000);
    const written = await accountsByExternalId(org);
    const id = (x: string) => written.get(x)?.id as string;
    // Meanwhile users edit an updated account and a created one, and add a contact to another created one.
    expect((await patch(org, `/api/v1/accounts/${id('X-2')}`, { notes: 'called them today' })).statusCode).toBe(200);
    expect((await patch(org, `/api/v1/accounts/${id('X-7')}`, { employees: 70 })).statusCode).toBe(200);
    const contact = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${id('X-6')}/contacts`,
      headers: h,
      payload: { firstName: 'Ann', lastName: 'Added', email: 'ann@company6.example' },
    });
    expect(contact.statusCode, contact.body).toBe(201);

    const since = new Date(done.startedAt);
    const undone = await undoImport(t.database, { orgId: org.orgId, importId: second.id, table: 'accounts', since }, t.services.accounts);
    expect(undone.undone).toBe(5);
    expect(undone.kept.map((k) => [k.rowNumber, k.entityId]).sort()).toEqual(
      [
        [3, id('X-2')],
        [7, id('X-6')],
        [8, id('X-7')],
      ].sort(),
    );

    const after = await accountsByExternalId(org);
    // Restored as the first import left them.
    for (const x of ['X-1', 'X-3', 'X-4', 'X-5']) expect(after.get(x)).toMatchObject({ name: `Company ${x.slice(2)}`, version: 1 });
    // The user's edits are still there, on top of what the import wrote.
    expect(after.get('X-2')).toMatchObject({ name: 'Company 2 (v2)', notes: 'called them today', version: 3 });
    expect(after.get('X-7')).toMatchObject({ name: 'Company 7 (v2)', employees: 70, version: 2 });
    expect(after.get('X-6')).toMatchObject({ name: 'Company 6 (v2)' });
    expect(after.has('X-8')).toBe(false); // created and untouched: gone
    const contacts = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${id('X-6')}/contacts`, headers: h });
    expect(contacts.json().items).toHaveLength(1);
    // The kept rows' audit entries stay (the rows still hold what the import wrote), marked; the rest are gone.
    expect(await importedEntries(org.orgId, second.id)).toEqual(
      [id('X-2'), id('X-6'), id('X-7')].sort().map((entityId) => ({ entityId, kept: true })),
    );
    // Undoing again finds nothing more to do.
    expect(await undoImport(t.database, { orgId: org.orgId, importId: second.id, table: 'accounts', since }, t.services.accounts)).toEqual({
      undone: 0,
      kept: [],
    });
  });

  it('keeps a contact edited after the import wrote it (contacts have no version: their updated_at tells)', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: h,
      payload: { name: 'Acme', domain: 'acme.example' },
    });
    expect(account.statusCode).toBe(201);
    const file = csv([
      ['First name', 'Last name', 'E-mail', 'Domain'],
      ['Jan', 'Jansen', 'jan@acme.example', 'acme.example'],
      ['Piet', 'Pieters', 'piet@acme.example', 'acme.example'],
    ]);
    const validated = await uploadAndValidate(t, h, 'contacts', 'contacts.csv', file);
    const done = await startAndRun(t, h, validated.id, 'skip_invalid');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 2 });
    t.clock.advance(1_000);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.json().id}/contacts?sort=email`, headers: h });
    const [jan, piet] = list.json().items as { id: string; email: string }[];
    expect(jan?.email).toBe('jan@acme.example');
    expect((await patch(org, `/api/v1/contacts/${piet?.id}`, { jobTitle: 'CFO' })).statusCode).toBe(200);
    const undone = await undoImport(
      t.database,
      {
        orgId: org.orgId,
        importId: validated.id,
        table: 'contacts',
        since: new Date(done.startedAt),
      },
      t.services.accounts,
    );
    expect(undone).toEqual({ undone: 1, kept: [{ entityId: piet?.id, rowNumber: 3 }] });
    const left = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.json().id}/contacts`, headers: h });
    expect(left.json().items).toMatchObject([{ id: piet?.id, jobTitle: 'CFO' }]);
  });

  it('a failed all_or_nothing import reports the rows a user changed while it ran, and keeps their change', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const first = await uploadAndValidate(
      t,
      h,
      'accounts',
      'v1.csv',
      companies(2500, (i) => `Company ${i}`),
    );
    expect(await startAndRun(t, h, first.id, 'skip_invalid')).toMatchObject({ insertedRows: 2500 });
    const edited = (await companyAccount(org, 5))?.id as string;
    const second = await uploadAndValidate(
      t,
      h,
      'accounts',
      'v2.csv',
      companies(2500, (i) => `Company ${i} (renamed)`),
    );
    // Row 2301 (past the first batch on either engine) will fail: its domain now belongs to an account with another external id.
    const clash = await companyAccount(org, 2300);
    expect((await patch(org, `/api/v1/accounts/${clash?.id}`, { externalId: 'CHANGED' })).statusCode).toBe(200);
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${second.id}/start`,
      headers: h,
      payload: { mode: 'all_or_nothing' },
    });
    expect(started.statusCode).toBe(202);
    const jobId = (await t.services.imports.findRow(org.orgId, second.id))?.jobId as string;

    // Run the import job here, with a user editing an account of the first batch once it has been written.
    const isPglite = t.database.kind === 'pglite';
    let edit: Promise<{ statusCode: number }> | null = null;
    const ctx: JobContext = {
      jobId,
      orgId: org.orgId,
      attempt: 1,
      logger: pino({ level: 'silent' }),
      progress: async () => {
        if (edit) return;
        t.clock.advance(1_000);
        edit = patch(org, `/api/v1/accounts/${edited}`, { notes: 'edited during the import' });
        // On PGlite the batch is committed, so the edit goes through now. On PostgreSQL the whole import is
        // one transaction: the edit waits for its row lock, so it is not awaited here.
        if (isPglite) await edit;
      },
    };
    await t.services.imports.runImport({ orgId: org.orgId, importId: second.id }, ctx);
    expect(edit).not.toBeNull();
    expect((await (edit as unknown as Promise<{ statusCode: number }>)).statusCode).toBe(200);

    const failed = await getImport(t, h, second.id);
    const five = await companyAccount(org, 5);
    expect(five?.notes).toBe('edited during the import');
    // Nothing else of the import remains.
    for (const i of [1, 2000, 2500]) expect((await companyAccount(org, i))?.name).toBe(`Company ${i}`);
    const errors = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${second.id}/errors`, headers: h })).json().items;
    if (isPglite) {
      // Batch 1 was committed and is undone, except the account the user edited meanwhile.
      expect(failed).toMatchObject({ status: 'failed', keptRows: 1, updatedRows: 0, insertedRows: 0 });
      expect(failed.failureMessage).toContain('1 row that someone changed while the import ran was left as it is now');
      expect(five).toMatchObject({ name: 'Company 5 (renamed)', version: 3 });
      expect(errors).toMatchObject([
        { rowNumber: 6, field: 'row', value: edited, code: 'kept_on_undo' },
        { rowNumber: 2301, field: 'externalId' },
      ]);
      const dutch = await t.app.inject({
        method: 'GET',
        url: `/api/v1/imports/${second.id}/errors`,
        headers: { ...h, 'accept-language': 'nl' },
      });
      expect(dutch.json().items[0].message).toMatch(/^Niet teruggedraaid: iemand heeft dit record gewijzigd/);
    } else {
      // One transaction, rolled back: the user's edit landed on the account as it was.
      expect(failed).toMatchObject({ status: 'failed', keptRows: 0, updatedRows: 0 });
      expect(five).toMatchObject({ name: 'Company 5', version: 2 });
      expect(errors).toMatchObject([{ rowNumber: 2301, field: 'externalId' }]);
    }
  });
});
