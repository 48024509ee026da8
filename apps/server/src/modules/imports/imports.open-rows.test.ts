import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { csv, startAndRun, uploadAndValidate } from './imports.test-helpers.ts';

// "Open accounts" / "Open contacts" after an import: the lists take the import's id and show the rows it
// created or updated, and nothing else.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type Headers = Record<string, string>;
const names = async (url: string, headers: Headers, key = 'name') => {
  const res = await t.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Record<string, string>[]).map((i) => i[key]).sort();
};

describe('lists of what an import wrote', () => {
  it('lists the accounts an import created or updated, in the list and its CSV export', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const s = org.orgId.slice(-8);
    await makeAccount(t.app, h, { name: 'Old Name', domain: `updated-${s}.example` });
    await makeAccount(t.app, h, { name: 'Untouched', domain: `untouched-${s}.example` });
    const file = csv([
      ['name', 'domain'],
      ['New One', `new-${s}.example`],
      ['New Name', `updated-${s}.example`],
      ['', 'not a domain'],
    ]);
    const validated = await uploadAndValidate(t, h, 'accounts', 'crm.csv', file);
    const done = await startAndRun(t, h, validated.id, 'skip_invalid');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 1, updatedRows: 1 });

    expect(await names(`/api/v1/accounts?importId=${done.id}`, h)).toEqual(['New Name', 'New One']);
    expect(await names('/api/v1/accounts', h)).toEqual(['New Name', 'New One', 'Untouched']);
    const exported = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/export.csv?importId=${done.id}`, headers: h });
    expect(csvRows(exported.body)).toHaveLength(3); // header and the two rows

    // A second import of one row: each import lists only its own rows.
    const again = await uploadAndValidate(
      t,
      h,
      'accounts',
      'more.csv',
      csv([
        ['name', 'domain'],
        ['Third', `third-${s}.example`],
      ]),
    );
    const second = await startAndRun(t, h, again.id, 'all_or_nothing');
    expect(await names(`/api/v1/accounts?importId=${second.id}`, h)).toEqual(['Third']);
    expect(await names(`/api/v1/accounts?importId=${done.id}`, h)).toEqual(['New Name', 'New One']);

    // Another organisation with the id sees nothing; a malformed id is a 400.
    const other = await createTestOrg(t, 'Other');
    expect(await names(`/api/v1/accounts?importId=${done.id}`, other.admin.headers)).toEqual([]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/accounts?importId=nope', headers: h });
    expect(bad.statusCode).toBe(400);
  });

  it('lists the contacts a contact import created or updated', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const domain = `acme-${org.orgId.slice(-8)}.example`;
    const account = await makeAccount(t.app, h, { name: 'Acme', domain });
    const existing = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${account.id}/contacts`,
      headers: h,
      payload: { firstName: 'Other', lastName: 'Person', email: `other@${domain}` },
    });
    expect(existing.statusCode).toBe(201);
    const file = csv([
      ['first name', 'last name', 'email', 'account domain'],
      ['Jan', 'Jansen', `jan@${domain}`, domain],
      ['Mette', 'Holm', `mette@${domain}`, domain],
    ]);
    const validated = await uploadAndValidate(t, h, 'contacts', 'people.csv', file, {
      'first name': 'firstName',
      'last name': 'lastName',
      email: 'email',
      'account domain': 'accountDomain',
    });
    const done = await startAndRun(t, h, validated.id, 'all_or_nothing');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 2 });
    expect(await names(`/api/v1/contacts?importId=${done.id}`, h, 'firstName')).toEqual(['Jan', 'Mette']);
    expect(await names('/api/v1/contacts', h, 'firstName')).toEqual(['Jan', 'Mette', 'Other']);
  });
});
