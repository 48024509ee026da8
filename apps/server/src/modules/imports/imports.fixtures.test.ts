import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { startAndRun, uploadAndValidate } from './imports.test-helpers.ts';

/** The sample files in test/fixtures (made by make-import-fixtures.ts, used by the demo and the browser tests) stay importable. */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The owner column names demo users, who exist only in the demo organisation: here it is left unmapped. */
const withoutOwner = (suggested: Record<string, string | null>) =>
  Object.fromEntries(Object.entries(suggested).map(([column, field]) => [column, field === 'owner' ? null : field]));

describe('sample import files', () => {
  it('accounts-sample.csv, accounts-one-bad-row.xlsx and contacts-sample.csv import as documented', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    for (const m of [
      { code: 'NL', name: 'Netherlands', language: 'nl', currency: 'EUR' },
      { code: 'DK', name: 'Denmark', language: 'da', currency: 'DKK' },
    ]) {
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/markets', headers: h, payload: m })).statusCode).toBe(201);
    }

    const csvFile = fixture('accounts-sample.csv');
    const first = await uploadAndValidate(t, h, 'accounts', 'accounts-sample.csv', csvFile);
    expect(first.suggestedMapping).toMatchObject({
      Naam: 'name',
      Eigenaar: 'owner',
      Fase: 'lifecycleStage',
      Editie: 'edition',
      Markt: 'market',
    });
    const csvImport = await uploadAndValidate(t, h, 'accounts', 'accounts-sample.csv', csvFile, withoutOwner(first.suggestedMapping));
    expect(csvImport).toMatchObject({ totalRows: 5, errorRows: 0 });
    expect(await startAndRun(t, h, csvImport.id, 'all_or_nothing')).toMatchObject({ insertedRows: 5 });

    const xlsx = fixture('accounts-one-bad-row.xlsx');
    const probe = await uploadAndValidate(t, h, 'accounts', 'accounts-one-bad-row.xlsx', xlsx);
    const xlsxImport = await uploadAndValidate(t, h, 'accounts', 'accounts-one-bad-row.xlsx', xlsx, withoutOwner(probe.suggestedMapping));
    expect(xlsxImport).toMatchObject({ totalRows: 5, validRows: 4, errorRows: 1 });
    const errors = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${xlsxImport.id}/errors`, headers: h })).json().items;
    expect(errors.map((e: { rowNumber: number; field: string }) => `${e.rowNumber}:${e.field}`)).toEqual(['4:domain', '4:segment']);
    // The same accounts as the CSV (matched by CRM id): four updates, the bad row skipped.
    expect(await startAndRun(t, h, xlsxImport.id, 'skip_invalid')).toMatchObject({ insertedRows: 0, updatedRows: 4, skippedRows: 1 });

    const contacts = await uploadAndValidate(t, h, 'contacts', 'contacts-sample.csv', fixture('contacts-sample.csv'));
    expect(contacts).toMatchObject({ totalRows: 3, errorRows: 0 });
    expect(await startAndRun(t, h, contacts.id, 'all_or_nothing')).toMatchObject({ insertedRows: 3 });
  });
});
