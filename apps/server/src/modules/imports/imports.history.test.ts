import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { csv, startAndRun, upload, uploadAndValidate } from './imports.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

/** Four imports a minute apart: a completed account import (skip_invalid), a checked one, a contact upload and an account upload. */
async function history() {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  const s = org.orgId.slice(-8);
  t.clock.advance(60_000);
  const done = await uploadAndValidate(
    t,
    h,
    'accounts',
    'crm export.csv',
    csv([
      ['name', 'domain'],
      ['Acme', `acme-${s}.example`],
      ['', 'not a domain'],
    ]),
  );
  await startAndRun(t, h, done.id, 'skip_invalid');
  t.clock.advance(60_000);
  const checked = await uploadAndValidate(t, h, 'accounts', 'Zeeland.csv', csv([['name'], ['Zed'], ['Zoe'], ['Zack']]));
  t.clock.advance(60_000);
  const contacts = (
    await upload(
      t,
      h,
      'contacts',
      'people_2026.csv',
      csv([
        ['first name', 'account domain'],
        ['Ada', 'x.example'],
      ]),
    )
  ).json();
  t.clock.advance(60_000);
  const fresh = (await upload(t, h, 'accounts', 'accounts 100%.csv', csv([['name'], ['Bo']]))).json();
  return { org, h, done, checked, contacts, fresh };
}

describe('import history', () => {
  it('filters by entity, status, mode and part of the file name, and sorts by any column', async () => {
    const { h } = await history();
    const files = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports?${query}`, headers: h });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { fileName: string }) => i.fileName);
    };
    // Newest first by default, as before.
    expect(await files('')).toEqual(['accounts 100%.csv', 'people_2026.csv', 'Zeeland.csv', 'crm export.csv']);
    expect(await files('entity=contacts')).toEqual(['people_2026.csv']);
    expect(await files('status=validated')).toEqual(['Zeeland.csv']);
    expect(await files('status=completed&mode=skip_invalid')).toEqual(['crm export.csv']);
    expect(await files('mode=all_or_nothing')).toEqual([]);
    // The search is case-insensitive and takes % and _ literally.
    expect(await files('q=ZEEL')).toEqual(['Zeeland.csv']);
    expect(await files('q=100%25')).toEqual(['accounts 100%.csv']);
    expect(await files('q=%25')).toEqual(['accounts 100%.csv']);
    expect(await files('q=_')).toEqual(['people_2026.csv']);

    expect(await files('sort=fileName&order=asc')).toEqual(['accounts 100%.csv', 'crm export.csv', 'people_2026.csv', 'Zeeland.csv']);
    expect(await files('sort=totalRows&order=desc')).toEqual(['Zeeland.csv', 'crm export.csv', 'accounts 100%.csv', 'people_2026.csv']);
    expect((await files('sort=errorRows&order=desc'))[0]).toBe('crm export.csv');
    // Only the completed import has finished; the others come after it either way.
    expect((await files('sort=finishedAt&order=asc'))[0]).toBe('crm export.csv');
    expect((await files('sort=finishedAt&order=desc'))[0]).toBe('crm export.csv');
    expect(await files('sort=createdAt&order=asc')).toEqual(['crm export.csv', 'Zeeland.csv', 'people_2026.csv', 'accounts 100%.csv']);

    for (const bad of ['sort=mapping', 'status=done', 'entity=users', 'mode=all']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports?${bad}`, headers: h });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().details[0].field).toBe(bad.split('=')[0]);
    }
  });

  it('exports the same list as CSV, with who uploaded each file', async () => {
    const { h, done } = await history();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports/export.csv?entity=accounts&sort=fileName&order=asc',
      headers: h,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('imports.csv');
    const [header, ...rows] = csvRows(res.body);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    expect(header).toEqual(
      expect.arrayContaining(['id', 'file_name', 'entity', 'status', 'mode', 'total_rows', 'error_rows', 'created_by']),
    );
    expect(rows.map((r) => r[col('file_name')])).toEqual(['accounts 100%.csv', 'crm export.csv', 'Zeeland.csv']);
    const completed = rows.find((r) => r[col('id')] === done.id) ?? [];
    expect(completed[col('status')]).toBe('completed');
    expect(completed[col('mode')]).toBe('skip_invalid');
    expect(completed[col('inserted_rows')]).toBe('1');
    expect(completed[col('skipped_rows')]).toBe('1');
    expect(completed[col('created_by')]).toBe('Test Admin');

    const none = await t.app.inject({ method: 'GET', url: '/api/v1/imports/export.csv?q=nothing-like-this', headers: h });
    expect(csvRows(none.body)).toHaveLength(1);
  });

  it('guards the export against formulas in file names and keeps it to importers who may export', async () => {
    const org = await createTestOrg(t);
    await upload(t, org.admin.headers, 'accounts', '=cmd.csv', csv([['name'], ['A']]));
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/imports/export.csv', headers: org.admin.headers });
    expect(res.body).toContain("'=cmd.csv");
    const reader = await org.as('read_only');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/imports/export.csv', headers: reader.headers })).statusCode).toBe(403);
  });
});
