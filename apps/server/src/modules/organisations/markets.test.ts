import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('markets', () => {
  it('creates markets with a country manager and filters accounts by market', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const cm = await org.as('country_manager', { name: 'Niels' });
    const nl = await t.app.inject({
      method: 'POST',
      url: '/api/v1/markets',
      headers: h,
      payload: { code: 'NL', name: 'Netherlands', language: 'nl', currency: 'EUR', countryManagerUserId: cm.userId },
    });
    expect(nl.statusCode).toBe(201);
    expect(nl.json()).toMatchObject({ code: 'NL', countryManagerName: 'Niels' });
    const dk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/markets',
      headers: h,
      payload: { code: 'DK', name: 'Denmark', language: 'da', currency: 'DKK' },
    });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/markets',
          headers: h,
          payload: { code: 'NL', name: 'Again', language: 'nl', currency: 'EUR' },
        })
      ).statusCode,
    ).toBe(409);
    const badCurrency = await t.app.inject({
      method: 'POST',
      url: '/api/v1/markets',
      headers: h,
      payload: { code: 'SE', name: 'Sweden', language: 'en', currency: 'kr' },
    });
    expect(badCurrency.json().details[0].field).toBe('currency');

    await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: h, payload: { name: 'Dutch', marketId: nl.json().id } });
    await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: h, payload: { name: 'Danish', marketId: dk.json().id } });
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/accounts?marketId=${dk.json().id}`, headers: h });
    expect(list.json().items.map((a: { name: string; marketCode: string }) => [a.name, a.marketCode])).toEqual([['Danish', 'DK']]);

    // The country manager may edit their market; a CSM may not.
    expect(
      (
        await t.app.inject({ method: 'PATCH', url: `/api/v1/markets/${nl.json().id}`, headers: cm.headers, payload: { name: 'Nederland' } })
      ).json().name,
    ).toBe('Nederland');
    const csm = await org.as('csm');
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/v1/markets/${nl.json().id}`, headers: csm.headers, payload: { name: 'X' } }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses a market of another organisation on an account', async () => {
    const a = await createTestOrg(t);
    const b = await createTestOrg(t);
    const marketOfB = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/markets',
        headers: b.admin.headers,
        payload: { code: 'DK', name: 'Denmark', language: 'da', currency: 'DKK' },
      })
    ).json().id;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: a.admin.headers,
      payload: { name: 'X', marketId: marketOfB },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('marketId');
  });
});
