import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makePlan } from '../plans/index.ts';
import { priceFor } from './competitors.comparison.ts';
import { linkCompetitor, makeCompetitor, makeCompetitorPlan } from './competitors.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const fields = (res: { json(): { details?: { field: string }[] } }) => (res.json().details ?? []).map((d) => d.field);

describe('competitors', () => {
  it('keeps competitors with plans and prices beside our comparable plan, and compares them', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const pro = await makePlan(t.app, h, {
      code: 'PRO',
      name: 'Professional',
      tier: 2,
      prices: [
        { currency: 'EUR', intervalMonths: 1, amount: 200 },
        { currency: 'EUR', intervalMonths: 12, amount: 2000 },
      ],
    });
    const rival = await makeCompetitor(t.app, h, { name: 'Leadstream', website: 'https://leadstream.example' });
    const growth = await makeCompetitorPlan(t.app, h, rival.id, {
      name: 'Growth',
      comparablePlanId: pro.id,
      prices: [{ currency: 'EUR', intervalMonths: 1, amount: 180 }],
    });
    expect(growth).toMatchObject({
      comparablePlanName: 'Professional',
      prices: [{ currency: 'EUR', intervalMonths: 1, amount: 180, ourAmount: 200 }],
    });
    const other = await makeCompetitor(t.app, h, { name: 'FunnelForge' });
    await makeCompetitorPlan(t.app, h, other.id, {
      name: 'Pro',
      comparablePlanId: pro.id,
      prices: [{ currency: 'EUR', intervalMonths: 12, amount: 2500 }],
    });
    await makeCompetitorPlan(t.app, h, other.id, { name: 'Unmapped' });

    const detail = (await call('GET', `/api/v1/competitors/${rival.id}`, h)).json();
    expect(detail).toMatchObject({ name: 'Leadstream', planCount: 1, plans: [{ name: 'Growth' }] });

    const yearly = (await call('GET', '/api/v1/competitors/comparison?currency=EUR&interval=12', h)).json();
    expect(yearly).toEqual({
      currency: 'EUR',
      intervalMonths: 12,
      rows: [
        {
          planId: pro.id,
          planCode: 'PRO',
          planName: 'Professional',
          ourPrice: 2000,
          competitors: [
            {
              competitorId: other.id,
              competitorName: 'FunnelForge',
              competitorPlanId: expect.any(String),
              competitorPlanName: 'Pro',
              price: 2500,
              estimated: false,
              difference: 0.25,
            },
            {
              competitorId: rival.id,
              competitorName: 'Leadstream',
              competitorPlanId: growth.id,
              competitorPlanName: 'Growth',
              price: 2160,
              estimated: true,
              difference: 0.08,
            },
          ],
        },
      ],
    });

    const edited = await call('PATCH', `/api/v1/competitor-plans/${growth.id}`, h, {
      prices: [{ currency: 'USD', intervalMonths: 12, amount: 1 }],
    });
    expect(edited.json().prices).toEqual([{ currency: 'USD', intervalMonths: 12, amount: 1, ourAmount: null }]);
    expect((await call('DELETE', `/api/v1/competitor-plans/${growth.id}`, h)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/competitors/${rival.id}`, h)).json().plans).toEqual([]);
  });

  it('records which competitors an account uses or evaluates, and archives a linked competitor instead of deleting it', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Acme' });
    const rival = await makeCompetitor(t.app, h, { name: 'Leadstream' });
    const link = await linkCompetitor(t.app, h, account.id, {
      competitorId: rival.id,
      status: 'uses',
      since: '2024-03-01',
      note: 'Newsletters',
    });
    expect(link).toMatchObject({ accountName: 'Acme', competitorName: 'Leadstream', status: 'uses', since: '2024-03-01' });
    const again = await call('POST', `/api/v1/accounts/${account.id}/competitors`, h, { competitorId: rival.id, status: 'evaluating' });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['competitorId']);
    expect((await call('GET', '/api/v1/competitors', h)).json().items).toMatchObject([{ name: 'Leadstream', accountCount: 1 }]);

    const lost = await call('PATCH', `/api/v1/account-competitors/${link.id}`, h, { status: 'lost_to' });
    expect(lost.json().status).toBe('lost_to');
    expect((await call('GET', `/api/v1/accounts/${account.id}/competitors`, h)).json().items).toMatchObject([
      { id: link.id, status: 'lost_to' },
    ]);
    expect((await call('GET', `/api/v1/competitors/${rival.id}/accounts?status=lost_to`, h)).json().items).toMatchObject([
      { accountName: 'Acme' },
    ]);
    expect((await call('GET', `/api/v1/competitors/${rival.id}/accounts?status=uses`, h)).json().items).toEqual([]);

    expect((await call('DELETE', `/api/v1/competitors/${rival.id}`, h)).json()).toEqual({ outcome: 'archived' });
    expect((await call('GET', '/api/v1/competitors', h)).json().items).toEqual([]);
    expect((await call('GET', '/api/v1/competitors?status=archived', h)).json().items).toMatchObject([{ name: 'Leadstream' }]);
    expect((await t.services.competitors.lookup(org.orgId, [rival.id])).get(rival.id)).toEqual({ id: rival.id, name: 'Leadstream' });

    expect((await call('DELETE', `/api/v1/account-competitors/${link.id}`, h)).statusCode).toBe(204);
    const unused = await makeCompetitor(t.app, h);
    expect((await call('DELETE', `/api/v1/competitors/${unused.id}`, h)).json()).toEqual({ outcome: 'deleted' });
    const audit = await call('GET', `/api/v1/audit-log?entityType=account_competitor&entityId=${link.id}`, h);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['deleted', 'updated', 'created']);
  });

  it('rejects bad input with a 4xx naming the field, in the user’s language', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const rival = await makeCompetitor(t.app, h, { name: 'Leadstream' });
    const account = await makeAccount(t.app, h);
    const cases: [string, string, object, string, number][] = [
      ['POST', '/api/v1/competitors', { name: 'leadstream' }, 'name', 409],
      ['POST', '/api/v1/competitors', { name: 'X', website: 'javascript:alert(1)' }, 'website', 400],
      [
        'POST',
        `/api/v1/competitors/${rival.id}/plans`,
        { name: 'X', comparablePlanId: '0193a0c4-0000-7000-8000-000000000000' },
        'comparablePlanId',
        400,
      ],
      [
        'POST',
        `/api/v1/competitors/${rival.id}/plans`,
        { name: 'X', prices: [{ currency: 'EUR', intervalMonths: 5, amount: 1 }] },
        'prices.0.intervalMonths',
        400,
      ],
      ['POST', `/api/v1/accounts/${account.id}/competitors`, { competitorId: rival.id, status: 'friend' }, 'status', 400],
      ['POST', `/api/v1/accounts/${account.id}/competitors`, { competitorId: rival.id, status: 'uses', since: '2024-13-01' }, 'since', 400],
      [
        'POST',
        `/api/v1/accounts/${account.id}/competitors`,
        { competitorId: '0193a0c4-0000-7000-8000-000000000000', status: 'uses' },
        'competitorId',
        400,
      ],
    ];
    for (const [method, url, payload, field, status] of cases) {
      const res = await call(method as 'POST', url, h, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(fields(res), JSON.stringify(payload)).toContain(field);
    }
    const nl = await call('POST', '/api/v1/competitors', { ...h, 'accept-language': 'nl' }, { name: 'LEADSTREAM' });
    expect(nl.json().details).toEqual([{ field: 'name', code: 'competitor_name_taken', message: 'een andere concurrent heeft deze naam' }]);
    await call('POST', `/api/v1/accounts/${account.id}/archive`, h);
    const archived = await call(
      'POST',
      `/api/v1/accounts/${account.id}/competitors`,
      { ...h, 'accept-language': 'da' },
      { competitorId: rival.id, status: 'uses' },
    );
    expect(archived.json().details).toEqual([
      { field: 'accountId', code: 'competitor_account_archived', message: 'kontoen er arkiveret; gendan den først' },
    ]);
  });

  it('keeps organisations apart, limits a CSM to their own accounts, and lets only the catalogue roles edit competitors', async () => {
    const a = await createTestOrg(t, 'A');
    const b = await createTestOrg(t, 'B');
    const rival = await makeCompetitor(t.app, a.admin.headers);
    const account = await makeAccount(t.app, a.admin.headers);
    const link = await linkCompetitor(t.app, a.admin.headers, account.id, { competitorId: rival.id });
    for (const url of [
      `/api/v1/competitors/${rival.id}`,
      `/api/v1/accounts/${account.id}/competitors`,
      `/api/v1/competitors/${rival.id}/accounts`,
    ])
      expect((await call('GET', url, b.admin.headers)).statusCode, url).toBe(404);
    expect((await call('PATCH', `/api/v1/account-competitors/${link.id}`, b.admin.headers, { note: 'x' })).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/competitors', b.admin.headers)).json().items).toEqual([]);
    const mine = await makeAccount(t.app, b.admin.headers);
    const foreign = await call('POST', `/api/v1/accounts/${mine.id}/competitors`, b.admin.headers, {
      competitorId: rival.id,
      status: 'uses',
    });
    expect(fields(foreign)).toEqual(['competitorId']);
    expect((await t.services.competitors.lookup(b.orgId, [rival.id])).size).toBe(0);

    const csm = await a.as('csm', { ownAccountsOnly: true });
    expect((await call('GET', `/api/v1/competitors/${rival.id}/accounts`, csm.headers)).json().items).toEqual([]);
    expect((await call('GET', `/api/v1/accounts/${account.id}/competitors`, csm.headers)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/account-competitors/${link.id}`, csm.headers, { note: 'x' })).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/competitors', csm.headers, { name: 'Nope' })).statusCode).toBe(403);
    const marketing = await a.as('marketing');
    expect((await call('POST', '/api/v1/competitors', marketing.headers, { name: 'Yes' })).statusCode).toBe(201);
    expect(
      (await call('POST', `/api/v1/accounts/${account.id}/competitors`, marketing.headers, { competitorId: rival.id, status: 'uses' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('a plan a competitor plan is compared with', () => {
  it('is archived instead of deleted, so the comparison keeps its name', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const pro = await makePlan(t.app, h, { code: 'PRO', name: 'Professional' });
    const rival = await makeCompetitor(t.app, h);
    await makeCompetitorPlan(t.app, h, rival.id, { comparablePlanId: pro.id });
    expect((await call('DELETE', `/api/v1/plans/${pro.id}`, h)).json()).toEqual({ outcome: 'archived' });
    expect((await call('GET', `/api/v1/plans/${pro.id}`, h)).json().archivedAt).not.toBeNull();
    expect((await call('DELETE', `/api/v1/products/${pro.productId}`, h)).json()).toEqual({ outcome: 'archived' });
    const audit = await call('GET', `/api/v1/audit-log?entityType=plan&entityId=${pro.id}`, h);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['archived', 'created']);
    const detail = (await call('GET', `/api/v1/competitors/${rival.id}`, h)).json();
    expect(detail.plans).toMatchObject([{ comparablePlanId: pro.id, comparablePlanName: 'Professional' }]);
  });
});

describe('priceFor', () => {
  it('takes the exact interval, else scales the nearest one in the currency, else none', () => {
    const prices = [
      { currency: 'EUR', intervalMonths: 1, amount: 10 },
      { currency: 'EUR', intervalMonths: 12, amount: 100 },
    ];
    expect(priceFor(prices, 'EUR', 12)).toEqual({ price: 100, estimated: false });
    expect(priceFor(prices, 'EUR', 36)).toEqual({ price: 300, estimated: true });
    expect(priceFor(prices, 'EUR', 3)).toEqual({ price: 30, estimated: true });
    expect(priceFor(prices, 'USD', 1)).toEqual({ price: null, estimated: false });
  });
});
