import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeCustomField } from './custom-fields.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('custom fields', () => {
  it('validates account values by type and shows them in the list and the CSV export', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const define = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: h, payload });
    expect(
      (await define({ entity: 'account', key: 'tier', label: 'Tier', type: 'choice', options: ['gold', 'silver'], required: true }))
        .statusCode,
    ).toBe(201);
    expect((await define({ entity: 'account', key: 'seats', label: 'Seats', type: 'number' })).statusCode).toBe(201);
    expect((await define({ entity: 'account', key: 'renews', label: 'Renews', type: 'date' })).statusCode).toBe(201);
    expect((await define({ entity: 'account', key: 'crm_note', label: 'CRM note', type: 'text' })).statusCode).toBe(201);
    const noOptions = await define({ entity: 'account', key: 'x', label: 'X', type: 'choice' });
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().details[0].field).toBe('options');
    expect((await define({ entity: 'account', key: 'seats', label: 'Again', type: 'text' })).statusCode).toBe(409);
    expect((await define({ entity: 'account', key: 'Bad Key', label: 'X', type: 'text' })).json().details[0].field).toBe('key');

    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: h, payload: { name: 'A' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0].field).toBe('custom.tier');

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: h,
      payload: { name: 'A', custom: { tier: 'bronze', seats: '12', renews: '2026-13-01', nope: 'x' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['custom.nope', 'custom.renews', 'custom.seats', 'custom.tier']);

    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: h,
      payload: { name: 'A', custom: { tier: 'gold', seats: 12, renews: '2027-01-31', crm_note: '=HYPERLINK("x")' } },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().custom).toEqual({ tier: 'gold', seats: 12, renews: '2027-01-31', crm_note: '=HYPERLINK("x")' });

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${ok.json().id}`,
      headers: h,
      payload: { custom: { seats: 20 } },
    });
    expect(patched.json().custom).toMatchObject({ tier: 'gold', seats: 20 });

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/accounts/export.csv', headers: h });
    const [header, row] = csv.body.replace(/^\ufeff/, '').split('\r\n');
    expect(header?.split(',').slice(-4)).toEqual(['tier', 'seats', 'renews', 'crm_note']);
    // A cell a spreadsheet would run as a formula is neutralised.
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('is managed by admins only', async () => {
    const org = await createTestOrg(t);
    const csm = await org.as('csm');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/custom-fields',
      headers: csm.headers,
      payload: { entity: 'account', key: 'k', label: 'K', type: 'text' },
    });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/custom-fields', headers: csm.headers })).statusCode).toBe(200);
  });

  it('names its errors by code, in the request language, and keeps fields per organisation', async () => {
    const org = await createTestOrg(t);
    const nl = { ...org.admin.headers, 'accept-language': 'nl' };
    const field = await makeCustomField(t, org.admin, { key: 'tier', type: 'choice', options: ['gold', 'silver'] });
    const post = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: nl, payload });
    const twice = await post({ entity: 'account', key: 'tier', label: 'Tier', type: 'text' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details).toEqual([
      { field: 'key', code: 'custom_field_key_taken', message: 'er bestaat al een veld voor accounts met deze sleutel' },
    ]);
    const badKey = await post({ entity: 'account', key: 'Tier!', label: 'Tier', type: 'text' });
    expect(badKey.json().details[0]).toMatchObject({
      field: 'key',
      code: 'invalid_format',
      message: 'moet bestaan uit kleine letters, cijfers en _ en met een letter beginnen (max. 40)',
    });
    const noOptions = await post({ entity: 'contact', key: 'kind', label: 'Kind', type: 'choice' });
    expect(noOptions.json().details[0]).toMatchObject({ field: 'options', code: 'choice_needs_option' });

    const value = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: nl,
      payload: { name: 'A', custom: { tier: 'bronze', nope: 1 } },
    });
    expect(value.statusCode).toBe(400);
    expect(value.json().details).toEqual([
      { field: 'custom.tier', code: 'not_an_option', message: 'moet een van deze zijn: gold, silver' },
      { field: 'custom.nope', code: 'unknown_custom_field', message: 'is geen eigen veld van deze organisatie' },
    ]);

    // Another organisation neither sees nor changes the field.
    const other = await createTestOrg(t);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/custom-fields', headers: other.admin.headers });
    expect(list.json().items).toEqual([]);
    const foreign = await t.app.inject({ method: 'DELETE', url: `/api/v1/custom-fields/${field.id}`, headers: other.admin.headers });
    expect(foreign.statusCode).toBe(404);
    const gone = await t.app.inject({ method: 'DELETE', url: `/api/v1/custom-fields/${field.id}`, headers: org.admin.headers });
    expect(gone.statusCode).toBe(204);
  });
});
