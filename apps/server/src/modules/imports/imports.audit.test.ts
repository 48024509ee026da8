import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { csv, startAndRun, uploadAndValidate } from './imports.test-helpers.ts';

/** What an account's history shows of an import: the file it came from and only the fields a row changed. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the audit entries of an import', () => {
  it('name the file and list only the fields each row changed, with their new values', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const first = await uploadAndValidate(
      t,
      h,
      'accounts',
      'klanten – ø.csv',
      csv([
        ['Name', 'Domain', 'Segment', 'Employees', 'Notes'],
        ['Audit One', 'audit-one.example', 'smb', '10', ''],
      ]),
    );
    await startAndRun(t, h, first.id, 'all_or_nothing');
    const second = await uploadAndValidate(
      t,
      h,
      'accounts',
      'update.csv',
      csv([
        ['Name', 'Domain', 'Segment', 'Employees', 'Notes'],
        ['Audit One', 'audit-one.example', 'Enterprise', '10', ''],
      ]),
    );
    await startAndRun(t, h, second.id, 'all_or_nothing');

    const account = (await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=Audit%20One', headers: h })).json().items[0];
    const audit = await t.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityType=account&entityId=${account.id}`, headers: h });
    const [updated, created] = audit.json().items as { action: string; before: Record<string, unknown> | null; after: unknown }[];
    expect(created).toMatchObject({ action: 'imported', before: null });
    expect(created?.after).toEqual({
      importId: first.id,
      fileName: 'klanten – ø.csv',
      row: 2,
      result: 'created',
      changes: { name: 'Audit One', domain: 'audit-one.example', segment: 'smb', employees: 10 },
    });
    // The same name, domain and employees: only the segment changed.
    expect(updated?.after).toEqual({
      importId: second.id,
      fileName: 'update.csv',
      row: 2,
      result: 'updated',
      changes: { segment: 'enterprise' },
    });
    expect(updated?.before).toMatchObject({ name: 'Audit One', segment: 'smb', employees: 10 });
  });
});
