import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeMarket } from './organisations.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('organisation', () => {
  it('is read by every member, changed by admins only, and the change is audited', async () => {
    const org = await createTestOrg(t);
    const csm = await org.as('csm');
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/organisation', headers: csm.headers });
    expect(mine.json()).toMatchObject({ id: org.orgId, reportingCurrency: 'EUR', defaultLanguage: 'en' });
    const refused = await t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: csm.headers, payload: { name: 'X' } });
    expect(refused.statusCode).toBe(403);

    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisation',
      headers: org.admin.headers,
      payload: { reportingCurrency: 'DKK', defaultLanguage: 'da' },
    });
    expect(changed.json()).toMatchObject({ reportingCurrency: 'DKK', defaultLanguage: 'da' });
    const empty = await t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: org.admin.headers, payload: {} });
    expect(empty.json()).toMatchObject({ reportingCurrency: 'DKK' });
    const log = await t.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityId=${org.orgId}`, headers: org.admin.headers });
    expect(log.json().items.map((e: { action: string }) => e.action)).toEqual(['updated']);
  });

  it('names its errors by code, in the request language', async () => {
    const org = await createTestOrg(t);
    const nl = { ...org.admin.headers, 'accept-language': 'nl' };
    const currency = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organisation',
      headers: nl,
      payload: { reportingCurrency: 'eur' },
    });
    expect(currency.statusCode).toBe(400);
    expect(currency.json().details).toEqual([
      // A schema's own message keeps zod's issue code (part of the API) and is worded from the catalogue.
      { field: 'reportingCurrency', code: 'invalid_format', message: 'moet een ISO 4217-code zijn, zoals EUR' },
    ]);

    const market = await makeMarket(t, org.admin, { code: 'NL' });
    const twice = await t.app.inject({
      method: 'POST',
      url: '/api/v1/markets',
      headers: { ...org.admin.headers, 'accept-language': 'da' },
      payload: { code: 'NL', name: 'Again', language: 'nl', currency: 'EUR' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details).toEqual([
      { field: 'code', code: 'market_code_taken', message: 'der findes allerede et marked med denne landekode' },
    ]);
    const country = await t.app.inject({ method: 'PATCH', url: `/api/v1/markets/${market.id}`, headers: nl, payload: { code: 'nld' } });
    expect(country.json().details[0]).toMatchObject({
      field: 'code',
      code: 'invalid_format',
      message: 'moet een ISO 3166-1-landcode van twee letters zijn, zoals NL',
    });

    // A user of another organisation is not a country manager here.
    const other = await createTestOrg(t);
    const stranger = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/markets/${market.id}`,
      headers: nl,
      payload: { countryManagerUserId: other.admin.userId },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().details).toEqual([
      { field: 'countryManagerUserId', code: 'unknown_user', message: 'deze gebruiker bestaat niet in deze organisatie' },
    ]);
    // …and another organisation's market is not found.
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/markets/${market.id}`,
      headers: other.admin.headers,
      payload: { name: 'Mine' },
    });
    expect(foreign.statusCode).toBe(404);
  });
});
