import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { csv, getImport, startAndRun, uploadAndValidate } from './imports.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type Org = Awaited<ReturnType<typeof createTestOrg>>;

async function createAccount(org: Org, payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: org.admin.headers, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function contactsOf(org: Org, accountId: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/contacts?sort=email`, headers: org.admin.headers });
  expect(res.statusCode).toBe(200);
  return res.json().items as Record<string, unknown>[];
}

describe('contact imports', () => {
  it('attaches contacts to accounts by domain, lists bad rows, and updates on re-import', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const acme = await createAccount(org, { name: 'Acme B.V.', domain: 'acme.nl' });
    const fjord = await createAccount(org, { name: 'Fjord A/S', domain: 'fjord.dk', externalId: 'HS-9' });
    const file = csv([
      ['Voornaam', 'Achternaam', 'E-mailadres', 'Telefoon', 'Functie', 'Rol', 'Taal', 'Domein'],
      ['Jan', 'Jansen', 'jan@acme.nl', '+31 20 123 4567', 'CTO', 'champion', 'Nederlands', 'acme.nl'],
      ['Piet', 'de Vries', 'piet@acme.nl', '', '', '"Decision maker; billing"', 'nl', 'https://www.ACME.nl'],
      ['Mette', 'Holm', 'mette@fjord.dk', '', 'CFO', 'beslutningstager', 'Dansk', 'fjord.dk'],
      ['Ghost', '', 'ghost@nowhere.example', '', '', '', '', 'nowhere.example'],
      ['Bad', 'Mail', 'not-an-email', '', '', 'boss', 'xx', 'acme.nl'],
    ]);
    const validated = await uploadAndValidate(t, h, 'contacts', 'contacten.csv', file);
    expect(validated.suggestedMapping).toEqual({
      Voornaam: 'firstName',
      Achternaam: 'lastName',
      'E-mailadres': 'email',
      Telefoon: 'phone',
      Functie: 'jobTitle',
      Rol: 'roles',
      Taal: 'language',
      Domein: 'accountDomain',
    });
    expect(validated).toMatchObject({ totalRows: 5, validRows: 3, errorRows: 2 });
    const errors = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors`, headers: h })).json().items;
    expect(errors.map((e: { rowNumber: number; field: string }) => `${e.rowNumber}:${e.field}`)).toEqual([
      '5:accountDomain',
      '6:email',
      '6:language',
      '6:roles',
    ]);
    expect(errors[0]).toMatchObject({ column: 'Domein', value: 'nowhere.example', message: 'no account has this domain' });

    const done = await startAndRun(t, h, validated.id, 'skip_invalid');
    expect(done).toMatchObject({ status: 'completed', insertedRows: 3, updatedRows: 0, skippedRows: 2 });
    const acmeContacts = await contactsOf(org, acme);
    expect(acmeContacts).toMatchObject([
      {
        firstName: 'Jan',
        lastName: 'Jansen',
        email: 'jan@acme.nl',
        phone: '+31 20 123 4567',
        jobTitle: 'CTO',
        roles: ['champion'],
        language: 'nl',
      },
      { firstName: 'Piet', lastName: 'de Vries', email: 'piet@acme.nl', roles: ['decision_maker', 'billing'], language: 'nl' },
    ]);
    expect(await contactsOf(org, fjord)).toMatchObject([{ firstName: 'Mette', roles: ['decision_maker'], language: 'da' }]);

    // The same people again, found by (account, e-mail) whatever the case; the account named by its external id this time.
    const again = csv([
      ['First name', 'Last name', 'Email', 'Job title', 'Account external id', 'Account domain'],
      ['Jan', 'Jansen', 'JAN@acme.nl', 'CEO', '', 'acme.nl'],
      ['Mette', 'Holm-Larsen', 'mette@fjord.dk', '', 'HS-9', ''],
      ['Nina', 'Berg', 'nina@fjord.dk', '', 'HS-9', 'fjord.dk'],
    ]);
    const second = await uploadAndValidate(t, h, 'contacts', 'contacts.csv', again);
    expect(second.errorRows).toBe(0);
    expect(await startAndRun(t, h, second.id, 'all_or_nothing')).toMatchObject({ insertedRows: 1, updatedRows: 2 });
    expect((await contactsOf(org, acme)).map((c) => [c.firstName, c.jobTitle])).toEqual([
      ['Jan', 'CEO'],
      ['Piet', null],
    ]);
    expect((await contactsOf(org, fjord)).map((c) => [c.firstName, c.lastName, c.jobTitle])).toEqual([
      ['Mette', 'Holm-Larsen', 'CFO'],
      ['Nina', 'Berg', null],
    ]);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit-log?entityType=contact', headers: h });
    expect(audit.json().items.filter((e: { action: string }) => e.action === 'imported')).toHaveLength(6);
  });

  it('requires a way to find the account, and checks contact custom fields', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await createAccount(org, { name: 'Acme', domain: 'acme.nl' });
    const field = await t.app.inject({
      method: 'POST',
      url: '/api/v1/custom-fields',
      headers: h,
      payload: { entity: 'contact', key: 'nps', label: 'NPS', type: 'number' },
    });
    expect(field.statusCode).toBe(201);
    const file = csv([
      ['First name', 'Email', 'NPS', 'Company domain'],
      ['Ann', 'ann@acme.nl', '9', 'acme.nl'],
      ['Bob', 'bob@acme.nl', 'nine', 'acme.nl'],
    ]);
    const up = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/imports/${(await uploadAndValidate(t, h, 'contacts', 'c.csv', file)).id}/mapping`,
      headers: h,
      payload: { mapping: { 'First name': 'firstName', Email: 'email', NPS: 'custom.nps' } },
    });
    expect(up.statusCode).toBe(400);
    expect(up.json().details[0]).toMatchObject({ field: 'mapping' });
    expect(up.json().message).toContain('accountDomain');

    const validated = await uploadAndValidate(t, h, 'contacts', 'c.csv', file);
    expect(validated.suggestedMapping.NPS).toBe('custom.nps');
    const errors = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors`, headers: h })).json().items;
    expect(errors).toEqual([
      { rowNumber: 3, field: 'custom.nps', column: 'NPS', message: 'must be a number', value: 'nine', code: 'not_a_number', params: {} },
    ]);
    const done = await startAndRun(t, h, validated.id, 'skip_invalid');
    expect(done).toMatchObject({ insertedRows: 1, skippedRows: 1 });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/contacts?q=ann', headers: h });
    expect(list.json().items[0].custom).toEqual({ nps: 9 });
    expect((await getImport(t, h, validated.id)).entity).toBe('contacts');
  });
});
