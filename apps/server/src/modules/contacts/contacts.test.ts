import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from './contacts.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const newAccount = async (headers: Record<string, string>, name = 'Acme') => (await makeAccount(t.app, headers, { name })).id;

describe('contacts', () => {
  it('adds, edits, lists, exports and removes contacts of an account', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accountId = await newAccount(h);
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/contacts`,
      headers: h,
      payload: {
        firstName: 'Sanne',
        lastName: 'de Jong',
        email: 'sanne@acme.nl',
        phone: '+31 6 1234 5678',
        jobTitle: 'CMO',
        roles: ['champion', 'decision_maker'],
        language: 'nl',
      },
    });
    expect(created.statusCode).toBe(201);
    const contact = created.json();
    expect(contact).toMatchObject({ accountName: 'Acme', roles: ['champion', 'decision_maker'], language: 'nl' });

    const dup = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/contacts`,
      headers: h,
      payload: { firstName: 'S', email: 'SANNE@acme.nl' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details[0].field).toBe('email');

    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      headers: h,
      payload: { roles: ['billing'] },
    });
    expect(edited.json().roles).toEqual(['billing']);

    const byRole = await t.app.inject({ method: 'GET', url: '/api/v1/contacts?role=billing', headers: h });
    expect(byRole.json().items.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    const ofAccount = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/contacts`, headers: h });
    expect(ofAccount.json().total).toBe(1);

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export.csv', headers: h });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('sanne@acme.nl');
    expect(csv.body.split('\r\n')[0]).toContain('first_name');

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/contacts/${contact.id}`, headers: h })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${contact.id}`, headers: h })).statusCode).toBe(404);
  });

  it('rejects a bad e-mail and an unknown role, naming the field', async () => {
    const org = await createTestOrg(t);
    const accountId = await newAccount(org.admin.headers);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/contacts`,
      headers: org.admin.headers,
      payload: { firstName: 'X', email: 'not-an-email', roles: ['boss'] },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'roles.0']));
  });

  it('hides contacts of accounts outside a restricted CSM scope', async () => {
    const org = await createTestOrg(t);
    const csm = await org.as('csm', { ownAccountsOnly: true });
    const other = await newAccount(org.admin.headers, 'Other');
    await makeContact(t.app, org.admin.headers, other, { firstName: 'Hidden' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/contacts', headers: csm.headers });
    expect(list.json().total).toBe(0);
    const add = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${other}/contacts`,
      headers: csm.headers,
      payload: { firstName: 'X' },
    });
    expect(add.statusCode).toBe(404);
  });

  it('answers a taken e-mail, a taken external id and a bad phone number with their codes, in the request language', async () => {
    const org = await createTestOrg(t);
    const accountId = await newAccount(org.admin.headers);
    const existing = await makeContact(t.app, org.admin.headers, accountId, { email: 'lars@acme.dk', externalId: 'crm-1' });
    expect(existing.email).toBe('lars@acme.dk');
    const add = (payload: Record<string, unknown>, lang: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${accountId}/contacts`,
        headers: { ...org.admin.headers, 'accept-language': lang },
        payload,
      });

    const email = await add({ firstName: 'L', email: 'LARS@acme.dk' }, 'nl');
    expect(email.statusCode).toBe(409);
    expect(email.json().details).toEqual([
      { field: 'email', code: 'contact_email_taken', message: 'dit account heeft al een contactpersoon met dit e-mailadres' },
    ]);
    const external = await add({ firstName: 'L', externalId: 'crm-1' }, 'da');
    expect(external.statusCode).toBe(409);
    expect(external.json().details).toEqual([
      { field: 'externalId', code: 'contact_external_id_taken', message: 'en anden kontakt har dette eksterne id' },
    ]);
    // A schema's own message keeps zod's issue code and is worded from the catalogue.
    const phone = await add({ firstName: 'L', phone: 'call me' }, 'nl');
    expect(phone.statusCode).toBe(400);
    expect(phone.json().details).toEqual([
      { field: 'phone', code: 'invalid_format', message: 'moet een telefoonnummer zijn (cijfers, spaties, + ( ) . / -)' },
    ]);

    // Renaming the contact to its own e-mail is no clash.
    const same = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${existing.id}`,
      headers: org.admin.headers,
      payload: { email: 'Lars@acme.dk', externalId: 'crm-1' },
    });
    expect(same.statusCode).toBe(200);
  });

  it('exports a column per custom contact field of the organisation, after the fixed ones', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const field = await t.app.inject({
      method: 'POST',
      url: '/api/v1/custom-fields',
      headers: h,
      payload: { entity: 'contact', key: 'badge', label: 'Badge', type: 'text' },
    });
    expect(field.statusCode).toBe(201);
    const accountId = await newAccount(h);
    await makeContact(t.app, org.admin.headers, accountId, { firstName: 'Ines', custom: { badge: 'gold' } });

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export.csv', headers: h });
    expect(csv.statusCode).toBe(200);
    const [header, row] = csvRows(csv.body);
    expect(header?.slice(-2)).toEqual(['external_id', 'badge']);
    expect(row?.[3]).toBe('Ines');
    expect(row?.at(-1)).toBe('gold');

    const readOnly = await org.as('read_only');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export.csv', headers: readOnly.headers })).statusCode).toBe(403);
  });
});
