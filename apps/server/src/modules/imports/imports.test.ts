import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { csv, getImport, settle, startAndRun, upload, uploadAndValidate, xlsxFile } from './imports.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type Org = Awaited<ReturnType<typeof createTestOrg>>;

async function setUpOrg(): Promise<Org> {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  for (const m of [
    { code: 'NL', name: 'Netherlands', language: 'nl', currency: 'EUR' },
    { code: 'DK', name: 'Denmark', language: 'da', currency: 'DKK' },
  ]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/markets', headers: h, payload: m });
    expect(res.statusCode, res.body).toBe(201);
  }
  return org;
}

async function listAccounts(org: Org, query = '&pageSize=200') {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/accounts?sort=name${query}`, headers: org.admin.headers });
  expect(res.statusCode).toBe(200);
  return res.json() as { total: number; items: Record<string, unknown>[] };
}

const DUTCH_FILE = (ownerEmail: string) =>
  csv(
    [
      ['Naam', 'Domein', 'CRM id', 'Markt', 'Segment', 'Eigenaar', 'Tags', 'Medewerkers'],
      ['Acme B.V.', 'acme.nl', 'HS-1', 'NL', 'Enterprise', ownerEmail, '"pilot; nps"', '1.200'],
      ['"Bakker, Jansen & Zn"', 'https://www.bakker.nl/', 'HS-2', 'nl', 'mid-market', '', 'pilot', '45'],
      ['Cykel ApS', 'cykel.dk', 'HS-3', 'DK', 'SMB', '', '', ''],
    ],
    ';',
  );

describe('account imports', () => {
  it('imports a CSV: upload → suggested mapping → validation → import, with audit entries', async () => {
    const org = await setUpOrg();
    const h = org.admin.headers;
    const up = await upload(t, h, 'accounts', 'klanten.csv', `\ufeff${DUTCH_FILE(org.admin.email)}`);
    expect(up.statusCode, up.body).toBe(201);
    const created = up.json();
    expect(created).toMatchObject({ entity: 'accounts', fileName: 'klanten.csv', format: 'csv', status: 'uploaded' });
    expect(created.columns).toEqual(['Naam', 'Domein', 'CRM id', 'Markt', 'Segment', 'Eigenaar', 'Tags', 'Medewerkers']);
    expect(created.sampleRows).toHaveLength(3);
    expect(created.sampleRows[1][0]).toBe('Bakker, Jansen & Zn');
    expect(created.suggestedMapping).toEqual({
      Naam: 'name',
      Domein: 'domain',
      'CRM id': 'externalId',
      Markt: 'market',
      Segment: 'segment',
      Eigenaar: 'owner',
      Tags: 'tags',
      Medewerkers: 'employees',
    });
    expect(created.targetFields.find((f: { key: string }) => f.key === 'name')).toMatchObject({ required: true, type: 'text' });

    const validated = await uploadAndValidate(t, h, 'accounts', 'klanten.csv', DUTCH_FILE(org.admin.email));
    const errs = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors`, headers: h });
    expect(errs.json().items).toEqual([]);
    expect(validated).toMatchObject({ totalRows: 3, validRows: 3, errorRows: 0 });
    const done = await startAndRun(t, h, validated.id, 'all_or_nothing');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 3, updatedRows: 0, skippedRows: 0, processedRows: 3, progress: 1 });

    const { items } = await listAccounts(org);
    expect(items.map((a) => a.name)).toEqual(['Acme B.V.', 'Bakker, Jansen & Zn', 'Cykel ApS']);
    expect(items[0]).toMatchObject({
      domain: 'acme.nl',
      externalId: 'HS-1',
      marketCode: 'NL',
      segment: 'enterprise',
      ownerUserId: org.admin.userId,
      tags: ['pilot', 'nps'],
      employees: 1200,
    });
    expect(items[1]).toMatchObject({
      domain: 'bakker.nl',
      marketCode: 'NL',
      segment: 'mid_market',
      ownerUserId: null,
      lifecycleStage: 'onboarding',
    });

    const audit = await t.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityType=account&entityId=${items[0]?.id}`, headers: h });
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0]).toMatchObject({
      action: 'imported',
      actorUserId: org.admin.userId,
      after: { importId: validated.id, row: 2, result: 'created' },
    });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: h });
    expect(list.json().total).toBe(2);
    expect(list.json().items[0].id).toBe(validated.id); // newest first
  });

  it('imports an .xlsx file with Danish headers, dates and numbers into custom fields', async () => {
    const org = await setUpOrg();
    const h = org.admin.headers;
    for (const f of [
      { entity: 'account', key: 'renewal_date', label: 'Fornyelsesdato', type: 'date' },
      { entity: 'account', key: 'arr', label: 'ARR', type: 'number' },
      { entity: 'account', key: 'tier', label: 'Tier', type: 'choice', options: ['Gold', 'Silver'] },
    ]) {
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: h, payload: f })).statusCode).toBe(201);
    }
    const file = await xlsxFile([
      ['Navn', 'Domæne', 'External id', 'Marked', 'Fornyelsesdato', 'ARR', 'Tier', 'Udgave'],
      ['Fjord A/S', 'fjord.dk', 1001, 'DK', new Date('2027-01-31T00:00:00Z'), 12500.5, 'gold', 'Professional'],
      ['Hygge ApS', 'hygge.dk', 1002, 'Denmark', '31-12-2026', '1.234,5', 'Silver', 'self-service'],
    ]);
    const validated = await uploadAndValidate(t, h, 'accounts', 'kunder.xlsx', file);
    expect(validated.format).toBe('xlsx');
    expect(validated.sampleRows[0]).toEqual(['Fjord A/S', 'fjord.dk', '1001', 'DK', '2027-01-31', '12500.5', 'gold', 'Professional']);
    expect(validated.suggestedMapping).toMatchObject({
      Navn: 'name',
      Domæne: 'domain',
      'External id': 'externalId',
      Marked: 'market',
      Fornyelsesdato: 'custom.renewal_date',
      ARR: 'custom.arr',
      Tier: 'custom.tier',
      Udgave: 'edition',
    });
    expect(validated.targetFields.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['custom.renewal_date', 'custom.arr', 'custom.tier']),
    );
    expect(validated.errorRows).toBe(0);
    const done = await startAndRun(t, h, validated.id, 'all_or_nothing');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 2 });
    const { items } = await listAccounts(org);
    expect(items[0]).toMatchObject({
      name: 'Fjord A/S',
      externalId: '1001',
      marketCode: 'DK',
      edition: 'professional',
      custom: { renewal_date: '2027-01-31', arr: 12500.5, tier: 'Gold' },
    });
    expect(items[1]).toMatchObject({
      name: 'Hygge ApS',
      marketCode: 'DK',
      edition: 'self_service',
      custom: { renewal_date: '2026-12-31', arr: 1234.5, tier: 'Silver' },
    });
  });

  it('lists every error of a bad row; all_or_nothing is refused, skip_invalid imports the rest', async () => {
    const org = await setUpOrg();
    const h = org.admin.headers;
    const file = csv([
      ['Name', 'Domain', 'Segment', 'Employees', 'Market'],
      ['Good One', 'good1.example', 'smb', '10', 'NL'],
      ['Bad One', 'not a domain', 'huge', '-5', 'XX'],
      ['Good Two', 'good2.example', '', '', ''],
      ['', 'good1.example', '', '', ''],
    ]);
    const validated = await uploadAndValidate(t, h, 'accounts', 'mixed.csv', file);
    expect(validated).toMatchObject({ totalRows: 4, validRows: 2, errorRows: 2 });

    const errors = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors`, headers: h });
    expect(errors.statusCode).toBe(200);
    const byField = Object.fromEntries(
      errors
        .json()
        .items.filter((e: { rowNumber: number }) => e.rowNumber === 3)
        .map((e: { field: string }) => [e.field, e]),
    );
    expect(Object.keys(byField).sort()).toEqual(['domain', 'employees', 'market', 'segment']);
    expect(byField.domain).toMatchObject({
      rowNumber: 3,
      column: 'Domain',
      value: 'not a domain',
      message: 'must be a domain such as example.com',
    });
    expect(byField.segment.message).toContain('Mid-market (mid_market), Small business (smb)');
    expect(byField.market.message).toContain('DK, NL');
    const row5 = errors.json().items.filter((e: { rowNumber: number }) => e.rowNumber === 5);
    expect(row5.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`).sort()).toEqual([
      'domain: row 2 has the same domain',
      'name: is required',
    ]);

    const csvErrors = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors.csv`, headers: h });
    expect(csvErrors.statusCode).toBe(200);
    expect(csvErrors.headers['content-type']).toContain('text/csv');
    expect(csvErrors.body).toContain('3,domain,Domain,must be a domain such as example.com,not a domain');
    expect(csvErrors.body.trim().split('\r\n')).toHaveLength(1 + 6);

    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${validated.id}/start`,
      headers: h,
      payload: { mode: 'all_or_nothing' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details[0].field).toBe('mode');
    expect((await listAccounts(org)).total).toBe(0);

    const done = await startAndRun(t, h, validated.id, 'skip_invalid');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 2, updatedRows: 0, skippedRows: 2, errorRows: 2 });
    expect((await listAccounts(org)).items.map((a) => a.name)).toEqual(['Good One', 'Good Two']);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${validated.id}/start`,
      headers: h,
      payload: { mode: 'skip_invalid' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().details[0].field).toBe('status');
  });

  it('re-importing the same file updates instead of duplicating (external id first, then domain)', async () => {
    const org = await setUpOrg();
    const h = org.admin.headers;
    const first = await uploadAndValidate(t, h, 'accounts', 'klanten.csv', DUTCH_FILE(org.admin.email));
    expect((await startAndRun(t, h, first.id, 'all_or_nothing')).insertedRows).toBe(3);
    // An account created by hand without an external id is matched by its domain, whatever the case.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: h,
      payload: { name: 'Delta', domain: 'delta.example', segment: 'smb' },
    });

    const changed = csv(
      [
        ['Naam', 'Domein', 'CRM id', 'Segment', 'Tags'],
        ['Acme Holding B.V.', 'acme.nl', 'HS-1', 'enterprise', 'renewal'],
        ['Bakker', 'BAKKER.NL', 'HS-2', '', ''],
        ['Cykel ApS', 'cykel.dk', 'HS-3', 'smb', ''],
        ['Delta B.V.', 'Delta.Example', 'HS-4', '', ''],
      ],
      ';',
    );
    const second = await uploadAndValidate(t, h, 'accounts', 'klanten.csv', changed);
    expect(second.errorRows).toBe(0);
    const done = await startAndRun(t, h, second.id, 'all_or_nothing');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 0, updatedRows: 4 });
    const { items, total } = await listAccounts(org);
    expect(total).toBe(4);
    const acme = items.find((a) => a.externalId === 'HS-1');
    expect(acme).toMatchObject({ name: 'Acme Holding B.V.', tags: ['renewal'], marketCode: 'NL', employees: 1200, version: 2 });
    expect(items.find((a) => a.externalId === 'HS-2')).toMatchObject({ name: 'Bakker', segment: 'mid_market' }); // blank cells keep values
    expect(items.find((a) => a.name === 'Delta B.V.')).toMatchObject({ externalId: 'HS-4', domain: 'delta.example', segment: 'smb' });

    // The same file a third time: all updates, still four accounts.
    const third = await uploadAndValidate(t, h, 'accounts', 'klanten.csv', changed);
    expect(await startAndRun(t, h, third.id, 'skip_invalid')).toMatchObject({ insertedRows: 0, updatedRows: 4, skippedRows: 0 });
    expect((await listAccounts(org)).total).toBe(4);
  });

  it('rejects files that are not CSV or .xlsx, empty ones and bad form fields, naming the field', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    for (const [name, content, field] of [
      ['logo.png', png, 'file'],
      ['data.csv', png, 'file'],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'file'],
      ['broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'), 'file'],
      ['empty.csv', '', 'file'],
      ['header-only.csv', 'Name,Domain\r\n', 'file'],
    ] as const) {
      const res = await upload(t, h, 'accounts', name, content);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
      expect(res.json().details[0].field).toBe(field);
    }
    const badEntity = await upload(t, h, 'invoices', 'a.csv', 'Name\r\nAcme\r\n');
    expect(badEntity.statusCode).toBe(400);
    expect(badEntity.json().details[0].field).toBe('entity');
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: h, payload: { entity: 'accounts' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().details[0].field).toBe('file');
  });

  it('refuses a file above the upload limit with 413 naming the file', async () => {
    const org = await createTestOrg(t);
    const big = Buffer.alloc(50 * 1024 * 1024 + 10, 'a');
    const res = await upload(t, org.admin.headers, 'accounts', 'big.csv', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().details[0].field).toBe('file');
  });

  it('checks the mapping itself: unknown columns and fields, a field twice, required fields', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const up = await upload(t, h, 'accounts', 'a.csv', 'Company,Web,Other\r\nAcme,acme.example,x\r\n');
    const id = up.json().id;
    const put = (mapping: unknown) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: h, payload: { mapping } });
    const fields = async (mapping: unknown) => (await put(mapping)).json().details.map((d: { field: string }) => d.field);
    expect(await fields({ Company: 'name', Nope: 'domain' })).toEqual(['mapping.Nope']);
    expect(await fields({ Company: 'name', Web: 'colour' })).toEqual(['mapping.Web']);
    expect(await fields({ Company: 'name', Web: 'name' })).toEqual(['mapping.Web']);
    expect(await fields({ Web: 'domain' })).toEqual(['mapping']);
    expect((await put('not an object')).statusCode).toBe(400);
    expect((await put({ Company: 'name', Web: 'website', Other: null })).statusCode).toBe(200);
  });

  it('discards an import that has not started, and keeps one that has', async () => {
    const org = await setUpOrg();
    const h = org.admin.headers;
    const up = await upload(t, h, 'accounts', 'a.csv', 'Name\r\nAcme\r\n');
    const id = up.json().id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/imports/${id}`, headers: h })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: h })).statusCode).toBe(404);
    const validated = await uploadAndValidate(t, h, 'accounts', 'a.csv', 'Name\r\nAcme\r\n');
    await startAndRun(t, h, validated.id, 'all_or_nothing');
    const refused = await t.app.inject({ method: 'DELETE', url: `/api/v1/imports/${validated.id}`, headers: h });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details[0].field).toBe('status');
  });

  it('keeps imports inside their organisation and behind the import:run permission', async () => {
    const org = await setUpOrg();
    const other = await createTestOrg(t, 'Other');
    const validated = await uploadAndValidate(t, org.admin.headers, 'accounts', 'a.csv', 'Name\r\nSecret\r\n');
    const id = validated.id;
    const routes = [
      { method: 'GET', url: `/api/v1/imports/${id}` },
      { method: 'GET', url: `/api/v1/imports/${id}/errors` },
      { method: 'GET', url: `/api/v1/imports/${id}/errors.csv` },
      { method: 'PUT', url: `/api/v1/imports/${id}/mapping`, payload: { mapping: { Name: 'name' } } },
      { method: 'POST', url: `/api/v1/imports/${id}/start`, payload: { mode: 'skip_invalid' } },
      { method: 'DELETE', url: `/api/v1/imports/${id}` },
    ] as const;
    for (const r of routes) {
      const res = await t.app.inject({ ...r, headers: other.admin.headers });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: other.admin.headers })).json().total).toBe(0);

    const readOnly = await org.as('read_only');
    const csm = await org.as('csm');
    for (const session of [readOnly, csm]) {
      for (const r of routes) {
        const res = await t.app.inject({ ...r, headers: session.headers });
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      }
      expect((await upload(t, session.headers, 'accounts', 'a.csv', 'Name\r\nX\r\n')).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}` })).statusCode).toBe(401);
    expect(await getImport(t, org.admin.headers, id)).toMatchObject({ status: 'validated' });
    const manager = await org.as('country_manager');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: manager.headers })).statusCode).toBe(200);
  });

  it('reports progress while a 5,000-row import runs, and answers other requests meanwhile', async () => {
    const org = await setUpOrg();
    const h = org.admin.headers;
    const rows = [['Name', 'Domain', 'External id', 'Market', 'Tags']];
    for (let i = 1; i <= 5000; i++) rows.push([`Company ${i}`, `c${i}.example`, `E${i}`, i % 2 ? 'NL' : 'DK', 'bulk']);
    const validated = await uploadAndValidate(t, h, 'accounts', 'big.csv', csv(rows));
    expect(validated).toMatchObject({ totalRows: 5000, validRows: 5000 });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${validated.id}/start`,
      headers: h,
      payload: { mode: 'skip_invalid' },
    });
    expect(res.statusCode).toBe(202);
    const running = settle(t, h, validated.id);
    const seen: number[] = [];
    let finished = false;
    void running.then(() => {
      finished = true;
    });
    while (!finished) {
      const imp = await getImport(t, h, validated.id);
      if (imp.status === 'importing') seen.push(imp.processedRows);
      await new Promise((r) => setTimeout(r, 5));
    }
    await running;
    expect(
      seen.some((n) => n > 0 && n < 5000),
      `progress seen: ${seen.join(',')}`,
    ).toBe(true);
    const done = await getImport(t, h, validated.id);
    expect(done).toMatchObject({ status: 'completed', insertedRows: 5000, processedRows: 5000, progress: 1 });
    expect((await listAccounts(org, '&tag=bulk&pageSize=1')).total).toBe(5000);
  });
});
