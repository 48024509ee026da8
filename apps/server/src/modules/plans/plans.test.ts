import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeFeature, makePlan, makeProduct } from './plans.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const fields = (res: { json(): { details?: { field: string }[] } }) => (res.json().details ?? []).map((d) => d.field);

describe('plans catalogue', () => {
  it('creates a product, features and a plan with prices and features, edits them and audits each change', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const product = await makeProduct(t.app, h, { name: 'Suite', kind: 'edition' });
    const workflows = await makeFeature(t.app, h, { key: 'workflows', name: 'Workflows', groupName: 'Automation' });
    const users = await makeFeature(t.app, h, { key: 'users', name: 'Users', groupName: 'Account' });
    const created = await call('POST', `/api/v1/products/${product.id}/plans`, h, {
      code: 'PRO',
      name: 'Professional',
      tier: 2,
      edition: 'professional',
      prices: [
        { currency: 'EUR', intervalMonths: 1, amount: 199 },
        { currency: 'EUR', intervalMonths: 12, amount: 1990.5 },
      ],
      features: [
        { featureId: workflows.id, isKey: true },
        { featureId: users.id, limitValue: 10 },
      ],
    });
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({ code: 'PRO', productName: 'Suite', productKind: 'edition', tier: 2, featureCount: 2 });
    expect(plan).toMatchObject({ includedUnits: null, maxUnits: null });
    expect(plan.prices).toEqual([
      { currency: 'EUR', intervalMonths: 1, amount: 199 },
      { currency: 'EUR', intervalMonths: 12, amount: 1990.5 },
    ]);
    expect(plan.features).toMatchObject([
      { key: 'users', limitValue: 10, isKey: false },
      { key: 'workflows', limitValue: null, isKey: true },
    ]);

    const prices = await call('PUT', `/api/v1/plans/${plan.id}/prices`, h, {
      prices: [{ currency: 'USD', intervalMonths: 36, amount: 5000 }],
    });
    expect(prices.json().prices).toEqual([{ currency: 'USD', intervalMonths: 36, amount: 5000 }]);
    const feats = await call('PUT', `/api/v1/plans/${plan.id}/features`, h, { features: [{ featureId: users.id, note: 'Named users' }] });
    expect(feats.json().features).toMatchObject([{ key: 'users', note: 'Named users', limitValue: null }]);
    const renamed = await call('PATCH', `/api/v1/plans/${plan.id}`, h, { name: 'Pro', trialDays: 14, includedUnits: 10, maxUnits: 25 });
    expect(renamed.json()).toMatchObject({ name: 'Pro', trialDays: 14, code: 'PRO', includedUnits: 10, maxUnits: 25 });

    const list = await call('GET', '/api/v1/plans?q=pro&kind=edition', h);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: plan.id, featureCount: 1 }] });
    const products = await call('GET', '/api/v1/products', h);
    expect(products.json().items).toMatchObject([{ name: 'Suite', planCount: 1 }]);
    const features = await call('GET', '/api/v1/features', h);
    expect(features.json().items.map((f: { key: string; planCount: number }) => [f.key, f.planCount])).toEqual([
      ['users', 1],
      ['workflows', 0],
    ]);

    const csv = await call('GET', '/api/v1/plans/export.csv', h);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('code,name,product,kind,tier,free,trial_days,edition,included_units,max_units,features,USD_36m,archived_at');
    expect(csv.body).toContain('PRO,Pro,Suite,edition,2,false,14,professional,10,25,1,5000.00,');

    const audit = await call('GET', `/api/v1/audit-log?entityType=plan&entityId=${plan.id}`, h);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([
      'updated',
      'features_changed',
      'prices_changed',
      'created',
    ]);
  });

  it('rejects bad input with a 4xx naming the field, in the user’s language', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const product = await makeProduct(t.app, h);
    const feature = await makeFeature(t.app, h);
    await makePlan(t.app, h, { productId: product.id, code: 'TAKEN' });
    const base = { code: 'NEW', name: 'New' };
    const cases: [object, string, number][] = [
      [{ ...base, code: 'taken' }, 'code', 409],
      [{ ...base, code: 'has space' }, 'code', 400],
      [{ ...base, prices: [{ currency: 'eur', intervalMonths: 1, amount: 1 }] }, 'prices.0.currency', 400],
      [{ ...base, prices: [{ currency: 'EUR', intervalMonths: 2, amount: 1 }] }, 'prices.0.intervalMonths', 400],
      [{ ...base, prices: [{ currency: 'EUR', intervalMonths: 1, amount: 1.005 }] }, 'prices.0.amount', 400],
      [{ ...base, prices: [{ currency: 'EUR', intervalMonths: 1, amount: -1 }] }, 'prices.0.amount', 400],
      [
        {
          ...base,
          prices: [
            { currency: 'EUR', intervalMonths: 1, amount: 1 },
            { currency: 'EUR', intervalMonths: 1, amount: 2 },
          ],
        },
        'prices.1.intervalMonths',
        400,
      ],
      [{ ...base, features: [{ featureId: feature.id }, { featureId: feature.id }] }, 'features.1.featureId', 400],
      [{ ...base, features: [{ featureId: '0193a0c4-0000-7000-8000-000000000000' }] }, 'features.0.featureId', 400],
      [{ ...base, tier: 'high' }, 'tier', 400],
      [{ ...base, maxUnits: 0 }, 'maxUnits', 400],
      [{ ...base, maxUnits: 2.5 }, 'maxUnits', 400],
      [{ ...base, includedUnits: -1 }, 'includedUnits', 400],
      [{ ...base, includedUnits: 10, maxUnits: 5 }, 'maxUnits', 400],
    ];
    for (const [payload, field, status] of cases) {
      const res = await call('POST', `/api/v1/products/${product.id}/plans`, h, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(fields(res), JSON.stringify(payload)).toContain(field);
    }
    const nl = await call('POST', `/api/v1/products/${product.id}/plans`, { ...h, 'accept-language': 'nl' }, { ...base, code: 'Taken' });
    expect(nl.json().details).toEqual([{ field: 'code', code: 'plan_code_taken', message: 'een ander plan heeft deze code' }]);
    const dupName = await call(
      'POST',
      '/api/v1/products',
      { ...h, 'accept-language': 'da' },
      { name: product.name.toUpperCase(), kind: 'addon' },
    );
    expect(dupName.json().details).toEqual([{ field: 'name', code: 'product_name_taken', message: 'et andet produkt har dette navn' }]);
    const badKey = await call('POST', '/api/v1/features', h, { key: 'Has Space', name: 'X' });
    expect(fields(badKey)).toEqual(['key']);
    const badKind = await call('POST', '/api/v1/products', h, { name: 'X', kind: 'bundle' });
    expect(fields(badKind)).toEqual(['kind']);
    const limited = await makePlan(t.app, h, { productId: product.id, includedUnits: 3, maxUnits: 5 });
    const below = await call('PATCH', `/api/v1/plans/${limited.id}`, h, { includedUnits: 6 });
    expect([below.statusCode, fields(below)]).toEqual([400, ['maxUnits']]);
    const cleared = await call('PATCH', `/api/v1/plans/${limited.id}`, h, { maxUnits: null, includedUnits: 6 });
    expect(cleared.json()).toMatchObject({ includedUnits: 6, maxUnits: null });
    const list = await call('GET', '/api/v1/plans?status=all', h);
    expect(list.json().total).toBe(2);
  });

  it('deletes an unused plan and product; archives and restores', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const plan = await makePlan(t.app, h);
    const archived = await call('PATCH', `/api/v1/plans/${plan.id}`, h, { archived: true });
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await call('GET', '/api/v1/plans', h)).json().total).toBe(0);
    expect((await call('GET', '/api/v1/plans?status=archived', h)).json().total).toBe(1);
    expect((await call('PATCH', `/api/v1/plans/${plan.id}`, h, { archived: false })).json().archivedAt).toBeNull();
    expect((await call('DELETE', `/api/v1/plans/${plan.id}`, h)).json()).toEqual({ outcome: 'deleted' });
    expect((await call('GET', `/api/v1/plans/${plan.id}`, h)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/products/${plan.productId}`, h)).json()).toEqual({ outcome: 'deleted' });
    const feature = await makeFeature(t.app, h);
    expect((await call('DELETE', `/api/v1/features/${feature.id}`, h)).statusCode).toBe(204);
  });

  it('compares plans side by side for a currency and interval, grouped by feature group', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const suite = await makeProduct(t.app, h, { name: 'Suite' });
    const addon = await makeProduct(t.app, h, { name: 'Seats', kind: 'addon' });
    const wf = await makeFeature(t.app, h, { key: 'wf', name: 'Workflows', groupName: 'Automation', sortOrder: 1 });
    const users = await makeFeature(t.app, h, { key: 'users', name: 'Users', groupName: 'Account' });
    await makeFeature(t.app, h, { key: 'unused', name: 'Nobody has it', groupName: 'Account' });
    const sso = await makeFeature(t.app, h, { key: 'sso', name: 'SSO' });
    const ent = await makePlan(t.app, h, {
      productId: suite.id,
      code: 'ENT',
      name: 'Enterprise',
      tier: 3,
      prices: [{ currency: 'EUR', intervalMonths: 12, amount: 5990 }],
      features: [{ featureId: wf.id, isKey: true }, { featureId: users.id }, { featureId: sso.id }],
    });
    const self = await makePlan(t.app, h, {
      productId: suite.id,
      code: 'SELF',
      name: 'Self-service',
      tier: 1,
      includedUnits: 3,
      maxUnits: 5,
      prices: [{ currency: 'USD', intervalMonths: 12, amount: 550 }],
      features: [{ featureId: users.id, limitValue: 3, note: 'Named' }],
    });
    await makePlan(t.app, h, { productId: addon.id, code: 'SEATS' });
    const res = await call('GET', '/api/v1/plans/comparison?currency=EUR&interval=12', h);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ currency: 'EUR', intervalMonths: 12 });
    expect(
      c.plans.map((p: { code: string; price: number | null; monthlyPrice: number | null }) => [p.code, p.price, p.monthlyPrice]),
    ).toEqual([
      ['SELF', null, null],
      ['ENT', 5990, 499.17],
    ]);
    expect(c.plans.map((p: { includedUnits: number | null; maxUnits: number | null }) => [p.includedUnits, p.maxUnits])).toEqual([
      [3, 5],
      [null, null],
    ]);
    expect(c.groups.map((g: { name: string; features: { key: string }[] }) => [g.name, g.features.map((f) => f.key)])).toEqual([
      ['Account', ['users']],
      ['Automation', ['wf']],
      [null, ['sso']],
    ]);
    expect(c.groups[0].features[0].cells).toEqual([
      { planId: self.id, included: true, limitValue: 3, note: 'Named', isKey: false },
      { planId: ent.id, included: true, limitValue: null, note: null, isKey: false },
    ]);
    expect(c.groups[1].features[0].cells.map((x: { included: boolean }) => x.included)).toEqual([false, true]);
    const addons = await call('GET', `/api/v1/plans/comparison?productId=${addon.id}&currency=EUR&interval=1`, h);
    expect(addons.json().plans).toMatchObject([{ code: 'SEATS', price: 49 }]);
    const bad = await call('GET', '/api/v1/plans/comparison?currency=EUR&interval=7', h);
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toContain('interval');
  });

  it('gives other modules lookup, findByCode and listPrice, within the organisation only', async () => {
    const a = await createTestOrg(t, 'A');
    const b = await createTestOrg(t, 'B');
    const plan = await makePlan(t.app, a.admin.headers, { code: 'Pro-Y', name: 'Pro yearly', tier: 2, isFree: false, trialDays: 14 });
    const svc = t.services.plans;
    const found = await svc.lookup(a.orgId, [plan.id, plan.id]);
    expect(found.get(plan.id)).toEqual({
      id: plan.id,
      code: 'Pro-Y',
      name: 'Pro yearly',
      productId: plan.productId,
      productName: plan.productName,
      productKind: 'edition',
      tier: 2,
      isFree: false,
      trialDays: 14,
      edition: null,
      includedUnits: null,
      maxUnits: null,
      archived: false,
    });
    expect((await svc.lookup(b.orgId, [plan.id])).size).toBe(0);
    expect((await svc.findByCode(a.orgId, 'pro-y'))?.id).toBe(plan.id);
    expect(await svc.findByCode(b.orgId, 'PRO-Y')).toBeNull();
    expect(await svc.listPrice(a.orgId, plan.id, 'EUR', 12)).toBe(490);
    expect(await svc.listPrice(a.orgId, plan.id, 'eur', 1)).toBe(49);
    expect(await svc.listPrice(a.orgId, plan.id, 'USD', 12)).toBeNull();
    expect(await svc.listPrice(b.orgId, plan.id, 'EUR', 12)).toBeNull();
  });

  it('keeps organisations apart and lets only admins and the VP of customer success change the catalogue', async () => {
    const a = await createTestOrg(t, 'A');
    const b = await createTestOrg(t, 'B');
    const plan = await makePlan(t.app, a.admin.headers);
    expect((await call('GET', `/api/v1/plans/${plan.id}`, b.admin.headers)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/plans/${plan.id}`, b.admin.headers, { name: 'Mine' })).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/plans', b.admin.headers)).json().total).toBe(0);
    expect((await call('GET', '/api/v1/plans/comparison', b.admin.headers)).json().plans).toEqual([]);
    const other = await call('POST', `/api/v1/products/${plan.productId}/plans`, b.admin.headers, { code: 'X', name: 'X' });
    expect(other.statusCode).toBe(404);
    const moved = await makePlan(t.app, b.admin.headers);
    const steal = await call('PATCH', `/api/v1/plans/${moved.id}`, b.admin.headers, { productId: plan.productId });
    expect(fields(steal)).toEqual(['productId']);

    const csm = await a.as('csm');
    const vp = await a.as('vp_cs');
    const reader = await a.as('read_only');
    expect((await call('GET', `/api/v1/plans/${plan.id}`, reader.headers)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/plans/comparison', reader.headers)).statusCode).toBe(200);
    expect((await call('PATCH', `/api/v1/plans/${plan.id}`, csm.headers, { name: 'No' })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/products', csm.headers, { name: 'No', kind: 'addon' })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/v1/plans/${plan.id}`, vp.headers, { name: 'Yes' })).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/plans', {})).statusCode).toBe(401);
  });
});
