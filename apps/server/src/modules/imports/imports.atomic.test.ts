import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { csv, getImport, settle, startAndRun, uploadAndValidate } from './imports.test-helpers.ts';

/**
 * all_or_nothing: one transaction on PostgreSQL; on PGlite batches undone from their audit entries when a
 * later batch fails. Either way nothing of a failed import remains, and progress shows while it runs.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type Org = Awaited<ReturnType<typeof createTestOrg>>;

const companies = (n: number, name: (i: number) => string) => {
  const rows = [['Name', 'Domain', 'External id', 'Employees']];
  for (let i = 1; i <= n; i++) rows.push([name(i), `company${i}.example`, `X-${i}`, String(i)]);
  return csv(rows);
};

async function accounts(org: Org) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/accounts?pageSize=200&q=company1&sort=name', headers: org.admin.headers });
  return res.json() as { total: number; items: { name: string; domain: string; version: number; employees: number }[] };
}

async function importedEntries(org: Org, importId: string) {
  let count = 0;
  for (let page = 1; ; page++) {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?entityType=account&pageSize=200&page=${page}`,
      headers: org.admin.headers,
    });
    const items = res.json().items as { action: string; after: { importId?: string } | null }[];
    count += items.filter((e) => e.action === 'imported' && e.after?.importId === importId).length;
    if (items.length < 200) return count;
  }
}

/** An account made after validation whose domain belongs to row 2301 of the file (a later batch than the first on either engine). */
async function clashWithRow2301(org: Org) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: org.admin.headers,
    payload: { name: 'Clash', domain: 'company2300.example', externalId: 'OTHER' },
  });
  expect(res.statusCode).toBe(201);
}

describe('all_or_nothing imports', () => {
  it('write nothing when a row fails midway (the data changed after validation)', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const validated = await uploadAndValidate(
      t,
      h,
      'accounts',
      'many.csv',
      companies(2500, (i) => `Company ${i}`),
    );
    expect(validated.errorRows).toBe(0);
    await clashWithRow2301(org);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${validated.id}/start`,
      headers: h,
      payload: { mode: 'all_or_nothing' },
    });
    expect(res.statusCode).toBe(202);
    const failed = await settle(t, h, validated.id);
    expect(failed).toMatchObject({ status: 'failed', insertedRows: 0, processedRows: 0, errorRows: 1 });
    expect(failed.failureMessage).toBe('1 row has errors now; nothing was imported. Check the errors, then start again.');
    const dutch = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}`, headers: { ...h, 'accept-language': 'nl' } });
    expect(dutch.json().failureMessage).toBe('1 rij bevat nu fouten; er is niets geïmporteerd. Bekijk de fouten en start dan opnieuw.');
    expect((await accounts(org)).total).toBe(0);
    expect(await importedEntries(org, validated.id)).toBe(0);
    const errors = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors`, headers: h });
    expect(errors.json().items).toMatchObject([{ rowNumber: 2301, field: 'externalId' }]);
  });

  it('restore the accounts a failed import had already updated', async () => {
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
    const before = await accounts(org);

    const second = await uploadAndValidate(
      t,
      h,
      'accounts',
      'v2.csv',
      companies(2500, (i) => `Company ${i} (renamed)`),
    );
    expect(second.errorRows).toBe(0);
    // Row 2301 now names an account (by domain) that has another external id: a later batch fails.
    const clash = await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=company2300.example', headers: h });
    const target = clash.json().items[0];
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${target.id}`, headers: h, payload: { externalId: 'CHANGED' } }))
        .statusCode,
    ).toBe(200);
    await t.app.inject({ method: 'POST', url: `/api/v1/imports/${second.id}/start`, headers: h, payload: { mode: 'all_or_nothing' } });
    expect(await settle(t, h, second.id)).toMatchObject({ status: 'failed', updatedRows: 0 });

    const after = await accounts(org);
    expect(after.items.map((a) => [a.name, a.version, a.employees])).toEqual(before.items.map((a) => [a.name, a.version, a.employees]));
    expect(after.items.some((a) => a.name.includes('renamed'))).toBe(false);
    expect(await importedEntries(org, second.id)).toBe(0);
    expect(await importedEntries(org, first.id)).toBe(2500);
  });

  it('report progress while they run', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const validated = await uploadAndValidate(
      t,
      h,
      'accounts',
      'big.csv',
      companies(8000, (i) => `Company ${i}`),
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/imports/${validated.id}/start`,
          headers: h,
          payload: { mode: 'all_or_nothing' },
        })
      ).statusCode,
    ).toBe(202);
    const running = settle(t, h, validated.id);
    let finished = false;
    void running.then(() => {
      finished = true;
    });
    const seen: number[] = [];
    while (!finished) {
      const imp = await getImport(t, h, validated.id);
      if (imp.status === 'importing') seen.push(imp.processedRows);
      await new Promise((r) => setTimeout(r, 5));
    }
    await running;
    expect(
      seen.some((n) => n > 0 && n < 8000),
      `progress seen: ${seen.join(',')}`,
    ).toBe(true);
    expect(await getImport(t, h, validated.id)).toMatchObject({ status: 'completed', insertedRows: 8000 });
  });
});
