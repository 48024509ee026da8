import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';

/**
 * The renewal rules case by case, on subscriptions made through the API (the test clock stands at 2026-11-21):
 * the grace boundary, an early renewal, upgrade and downgrade, pending, a multi-year term, auto-renewing terms.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type THeaders = Record<string, string>;
const call = async (h: THeaders, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const res = await t.app.inject({ method, url, headers: h, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};

async function subscribe(
  h: THeaders,
  accountId: string,
  body: { termStart: string; termEnd: string | null; autoRenew: boolean; price: number; intervalMonths?: number },
) {
  const currency = (await call(h, 'GET', '/api/v1/metrics/settings')).reportingCurrency as string;
  return call(h, 'POST', `/api/v1/accounts/${accountId}/subscriptions`, {
    currency,
    intervalMonths: body.intervalMonths ?? 1,
    termStart: body.termStart,
    termEnd: body.termEnd,
    autoRenew: body.autoRenew,
    lines: [{ description: 'Professional', quantity: 1, unitPrice: body.price }],
  });
}

async function outcomes(h: THeaders, from: string, to: string) {
  const page = await call(h, 'GET', `/api/v1/renewals/terms?from=${from}&to=${to}&pageSize=200&sort=account`);
  return page.items.map((r: Record<string, unknown>) => [r.accountName, r.lastDay, r.outcome, r.change]);
}

describe('renewal rules', () => {
  it('counts a next term within the grace period around the end (boundary included) as a renewal, one after it as churn', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = async (name: string) => (await call(h, 'POST', '/api/v1/accounts', { name })).id as string;
    const onTime = await account('A on the last day of grace');
    const late = await account('B a day too late');
    const early = await account('C renewed early');
    const tooEarly = await account('D bought again long before');
    for (const id of [onTime, late, early, tooEarly])
      await subscribe(h, id, { termStart: '2025-01-01', termEnd: '2025-03-31', autoRenew: false, price: 100 });
    // The end is 1 April (the day after the last day); grace 30 days: 1 May is the last day a next term renews it.
    await subscribe(h, onTime, { termStart: '2025-05-01', termEnd: null, autoRenew: true, price: 100 });
    await subscribe(h, late, { termStart: '2025-05-02', termEnd: null, autoRenew: true, price: 100 });
    await subscribe(h, early, { termStart: '2025-03-10', termEnd: null, autoRenew: true, price: 100 });
    await subscribe(h, tooEarly, { termStart: '2025-02-01', termEnd: null, autoRenew: true, price: 100 });
    expect(await outcomes(h, '2025-03', '2025-03')).toEqual([
      ['A on the last day of grace', '2025-03-31', 'renewed', 'same'],
      ['B a day too late', '2025-03-31', 'churned', null],
      ['C renewed early', '2025-03-31', 'renewed', 'same'],
      ['D bought again long before', '2025-03-31', 'churned', null],
    ]);

    // A longer grace period (the organisation's setting) turns the late one into a renewal.
    await call(h, 'PATCH', '/api/v1/metrics/settings', { renewalGraceDays: 31 });
    const report = await call(h, 'GET', '/api/v1/renewals/report?from=2025-03&to=2025-03');
    expect(report.graceDays).toBe(31);
    expect(report.periods.map((p: Record<string, unknown>) => [p.period, p.due, p.renewed, p.churned])).toEqual([['2025-03', 4, 3, 1]]);
  });

  it('tells upgrades and downgrades on renewal apart, with the rates by value, revenue churn and deal value', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = async (name: string) => (await call(h, 'POST', '/api/v1/accounts', { name })).id as string;
    const yearly = { termStart: '2025-01-01', termEnd: '2025-12-31', autoRenew: false, intervalMonths: 12 };
    const up = await subscribe(h, await account('Up'), { ...yearly, price: 1200 });
    const down = await subscribe(h, await account('Down'), { ...yearly, price: 1200 });
    await subscribe(h, await account('Gone'), { ...yearly, price: 2400 });
    const renew = (id: string, price: number) =>
      call(h, 'POST', `/api/v1/subscriptions/${id}/changes`, {
        op: 'renew',
        effectiveDate: '2026-01-01',
        termEnd: '2026-12-31',
        lines: [{ description: 'Professional', quantity: 1, unitPrice: price }],
      });
    await renew(up.id, 1800);
    await renew(down.id, 600);
    expect(await outcomes(h, '2025-12', '2025-12')).toEqual([
      ['Down', '2025-12-31', 'renewed', 'downgraded'],
      ['Gone', '2025-12-31', 'churned', null],
      ['Up', '2025-12-31', 'renewed', 'upgraded'],
    ]);
    const [dec] = (await call(h, 'GET', '/api/v1/renewals/report?from=2025-12&to=2025-12')).periods;
    // Due 1,200 + 1,200 + 2,400 = 4,800; renewed net 1,800 + 600 = 2,400, gross 1,200 + 600 = 1,800;
    // lost 2,400 (churned) + 600 (the downgrade) = 3,000.
    expect(dec).toEqual({
      period: '2025-12',
      due: 3,
      dueArr: 4800,
      renewed: 2,
      renewedArr: 2400,
      churned: 1,
      pending: 0,
      downgraded: 1,
      upgraded: 1,
      renewalRateCount: 2 / 3,
      renewalRateValueGross: 1800 / 4800,
      renewalRateValueNet: 2400 / 4800,
      eligibleChurnRate: 1 / 3,
      revenueChurn: 3000 / 4800,
      averageDealValue: 1200,
      winbackOffers: 0,
      winbackWon: 0,
      winbackLost: 0,
      winbackWonArr: 0,
    });
  });

  it('a term whose grace has not passed is pending; a multi-year term is due only in the year it ends; auto-renewing terms renew every period', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = async (name: string) => (await call(h, 'POST', '/api/v1/accounts', { name })).id as string;
    await subscribe(h, await account('Pending'), { termStart: '2026-05-11', termEnd: '2026-11-10', autoRenew: false, price: 50 });
    await subscribe(h, await account('Three years'), {
      termStart: '2023-07-01',
      termEnd: '2026-06-30',
      autoRenew: false,
      price: 3600,
      intervalMonths: 36,
    });
    await subscribe(h, await account('Monthly'), { termStart: '2026-01-01', termEnd: '2026-01-31', autoRenew: true, price: 10 });

    const year = async (y: number) =>
      (await call(h, 'GET', `/api/v1/renewals/report?from=${y}-01&to=${y}-12&by=year`)).periods.map((p: Record<string, unknown>) => [
        p.period,
        p.due,
        p.renewed,
        p.churned,
      ]);
    expect([...(await year(2024)), ...(await year(2025))]).toEqual([
      ['2024', 0, 0, 0],
      ['2025', 0, 0, 0],
    ]);
    // 2026: the three-year term (churned), ten monthly terms up to October renewed by the next roll, November's
    // monthly term (ends 30 Nov, after today) and the pending one (ended 10 Nov, grace runs to 10 Dec) pending.
    expect(await year(2026)).toEqual([['2026', 13, 10, 1]]);
    expect((await outcomes(h, '2026-06', '2026-06')).find((r: unknown[]) => r[0] === 'Three years')).toEqual([
      'Three years',
      '2026-06-30',
      'churned',
      null,
    ]);
    expect((await outcomes(h, '2026-11', '2026-11')).map((r: unknown[]) => [r[0], r[2]])).toEqual([
      ['Monthly', 'pending'],
      ['Pending', 'pending'],
    ]);
  });
});
