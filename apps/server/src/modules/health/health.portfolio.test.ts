import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, runJobs, signIn, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeMarket } from '../organisations/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { steps } from './health.measures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-09-30T10:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const call = async (method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, headers: H, payload?: object) => {
  const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res;
};

describe('health portfolio', () => {
  it('gives the unhealthy share of the scored customers against the target, its trend, by CSM, segment and market, and the poor-health list', async () => {
    t.clock.set(new Date('2026-09-30T10:00:00Z'));
    const org = await createTestOrg(t);
    let h = org.admin.headers;
    let csm = await org.as('csm', { ownAccountsOnly: true, name: 'Casey CSM' });
    const nl = await makeMarket(t, { headers: h }, { name: 'Netherlands' });
    // The score is the CSM pulse alone, so each account's band is what the test gives it.
    const cards = (await call('GET', '/api/v1/health/scorecards', h)).json().items;
    await call('PUT', `/api/v1/health/scorecards/${cards[0].id}`, h, {
      name: 'Pulse only',
      segment: null,
      measures: [{ source: 'pulse.csm', weight: 1, thresholds: steps([0, 0], [100, 100]) }],
    });
    const customer = async (name: string, extra: Record<string, unknown>) => {
      const a = await makeAccount(t.app, h, { name, ...extra });
      await makeSubscription(t.app, h, a.id, { termStart: '2026-01-01', lines: [{ description: 'Seats', quantity: 1, unitPrice: 100 }] });
      return a.id;
    };
    const pulse = (id: string, value: number) => call('POST', `/api/v1/accounts/${id}/health/pulses`, h, { value, reason: 'Call' });
    const a = await customer('Anker', { ownerUserId: csm.userId, segment: 'smb', marketId: nl.id });
    const b = await customer('Berk', { ownerUserId: csm.userId, segment: 'enterprise' });
    const c = await customer('Ceder', { segment: 'smb' });
    await customer('Den (never scored)', {});
    const prospect = (await makeAccount(t.app, h, { name: 'Eik (prospect)' })).id;
    await pulse(a, 90);
    await pulse(b, 90);
    await pulse(c, 20);
    await pulse(prospect, 5);
    // Two months on: Anker turns red.
    t.clock.set(new Date('2026-11-21T10:00:00Z'));
    h = (await signIn(t, org.admin.email)).headers;
    csm = { ...csm, headers: (await signIn(t, csm.email)).headers };
    await pulse(a, 10);
    await call('POST', '/api/v1/health/recompute', h);

    const p = (await call('GET', '/api/v1/health/portfolio?periods=4', h)).json();
    expect(p).toMatchObject({ asOf: '2026-11-21', targetPct: 25, current: { scored: 3, unhealthy: 2, unhealthyPct: 66.7 } });
    expect(
      p.trend.map((x: { period: string; end: string; scored: number; unhealthyPct: number | null }) => [
        x.period,
        x.end,
        x.scored,
        x.unhealthyPct,
      ]),
    ).toEqual([
      ['2026-08', '2026-08-31', 0, null],
      ['2026-09', '2026-09-30', 3, 33.3],
      ['2026-10', '2026-10-31', 3, 33.3], // no score moved since September: its rows are the latest
      ['2026-11', '2026-11-21', 3, 66.7],
    ]);
    expect(p.byOwner.map((x: { name: string | null; scored: number; unhealthy: number }) => [x.name, x.scored, x.unhealthy])).toEqual([
      [null, 1, 1],
      ['Casey CSM', 2, 1],
    ]);
    expect(p.bySegment.map((x: { segment: string | null; unhealthyPct: number }) => [x.segment, x.unhealthyPct])).toEqual([
      ['smb', 100],
      ['enterprise', 0],
    ]);
    expect(p.byMarket.map((x: { name: string | null; scored: number }) => [x.name, x.scored])).toEqual([
      ['Netherlands', 1],
      [null, 2],
    ]);
    const weekly = (await call('GET', '/api/v1/health/portfolio?by=week&periods=2', h)).json();
    expect(weekly.trend.map((x: { period: string; end: string }) => [x.period, x.end])).toEqual([
      ['2026-11-09', '2026-11-15'],
      ['2026-11-16', '2026-11-21'],
    ]);

    // The target is an admin setting; the bands stay as they were.
    const settings = (await call('PUT', '/api/v1/health/settings', h, { redMax: 50, yellowMax: 75, unhealthyTargetPct: 20 })).json();
    expect(settings).toEqual({ redMax: 50, yellowMax: 75, unhealthyTargetPct: 20 });
    expect((await call('PUT', '/api/v1/health/settings', h, { redMax: 40, yellowMax: 70 })).json().unhealthyTargetPct).toBe(20);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/health/settings',
      headers: h,
      payload: { redMax: 50, yellowMax: 75, unhealthyTargetPct: 120 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('unhealthyTargetPct');

    // A CSM limited to their own accounts sees their own portfolio.
    const own = (await call('GET', '/api/v1/health/portfolio', csm.headers)).json();
    expect(own.current).toEqual({ scored: 2, unhealthy: 1, unhealthyPct: 50 });
    expect(own.byOwner.map((x: { name: string }) => x.name)).toEqual(['Casey CSM']);

    // The poor-health list: red customers only, names not ids, with the score a week ago; filters, sort, paging, CSV.
    type TRow = { accountName: string; score: number; scoreWeekAgo: number | null; ownerName: string | null; marketName: string | null };
    const list = async (query: string, headers = h) =>
      (await call('GET', `/api/v1/health/portfolio/poor-health?${query}`, headers)).json() as { total: number; items: TRow[] };
    const all = await list('sort=score&order=asc');
    expect(all.items.map((r) => [r.accountName, r.score, r.scoreWeekAgo, r.ownerName, r.marketName])).toEqual([
      ['Anker', 10, 90, 'Casey CSM', 'Netherlands'],
      ['Ceder', 20, 20, null, null],
    ]);
    expect((await list('sort=account&order=desc&pageSize=1')).items.map((r) => r.accountName)).toEqual(['Ceder']);
    expect((await list('pageSize=1&page=2')).total).toBe(2);
    expect((await list(`ownerUserId=${csm.userId}`)).items.map((r) => r.accountName)).toEqual(['Anker']);
    expect((await list('segment=smb,enterprise&q=ced')).items.map((r) => r.accountName)).toEqual(['Ceder']);
    expect((await list(`marketId=${nl.id}`)).total).toBe(1);
    expect((await list('', csm.headers)).items.map((r) => r.accountName)).toEqual(['Anker']);
    const csv = await call('GET', '/api/v1/health/portfolio/poor-health/export.csv?sort=account&order=asc', h);
    const rows = csvRows(csv.body);
    expect(rows[0]?.slice(1, 3)).toEqual(['account', 'owner']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Anker', 'Ceder']);
    const badSort = await t.app.inject({ method: 'GET', url: '/api/v1/health/portfolio/poor-health?sort=colour', headers: h });
    expect(badSort.statusCode).toBe(400);
  });

  it('rescores on an event only the accounts scored before it: an old event delivered late changes nothing', async () => {
    t.clock.set(new Date('2026-11-21T09:00:00Z'));
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Late events' });
    await makeSubscription(t.app, h, account.id, {
      termStart: '2026-01-01',
      lines: [{ description: 'Seats', quantity: 2, unitPrice: 50 }],
    });
    const computedAt = async () => (await call('GET', `/api/v1/accounts/${account.id}/health`, h)).json().computedAt as string;
    // The event is queued at 09:00; an hour later every account is recomputed; the event is delivered after that.
    t.clock.set(new Date('2026-11-21T10:00:00Z'));
    await call('POST', '/api/v1/health/recompute', h);
    t.clock.set(new Date('2026-11-21T10:30:00Z'));
    await runJobs(t);
    expect(await computedAt()).toBe('2026-11-21T10:00:00.000Z');
    // An event after the latest score rescores the account.
    await call('PATCH', `/api/v1/accounts/${account.id}`, h, { segment: 'smb' });
    t.clock.set(new Date('2026-11-21T10:31:00Z'));
    await runJobs(t);
    expect(await computedAt()).toBe('2026-11-21T10:31:00.000Z');
  });
});
