import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, signIn, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const DAY = 86_400_000;
const daysAgo = (n: number, from = '2026-11-21T12:00:00Z') => new Date(Date.parse(from) - n * DAY).toISOString();

/** `perDay` events on each of the given days back (three users), through the native bulk API; the rollups follow. */
async function usage(h: H, orgId: string, accountId: string, days: number[], perDay: number, from?: string) {
  const events = days.flatMap((d) =>
    Array.from({ length: perDay }, (_, i) => ({ accountId, userId: `u${i % 3}`, event: 'Report Viewed', timestamp: daysAgo(d, from) })),
  );
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/usage/events', headers: h, payload: { events } });
  expect(res.statusCode, res.body).toBeLessThan(300);
  await t.services.usageIngest.mergeRollups(orgId);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('usage churn signals', () => {
  it('raises usage_drop and no_login once per episode, with details, on the timeline; settings; the low-activity list', async () => {
    t.clock.set(new Date('2026-11-21T09:00:00Z'));
    const org = await createTestOrg(t);
    let h = org.admin.headers;
    const csmUser = await org.as('csm');
    const customer = async (name: string) => {
      const a = await makeAccount(t.app, h, { name });
      await makeSubscription(t.app, h, a.id, { termStart: '2026-01-01', lines: [{ description: 'Seats', quantity: 1, unitPrice: 100 }] });
      return a.id;
    };
    const dropping = await customer('Dropping');
    const silent = await customer('Silent');
    const steady = await customer('Steady');
    await usage(h, org.orgId, dropping, range(31, 60), 4); // 120 events in the 30 days before
    await usage(
      h,
      org.orgId,
      dropping,
      range(1, 30).filter((d) => d % 3 === 0),
      4,
    ); // 40 in the last 30: down 67 %
    await usage(h, org.orgId, silent, range(45, 60), 2); // last seen 45 days ago
    await usage(h, org.orgId, steady, range(1, 60), 2);

    const detect = () => t.services.churnSignals.detect(org.orgId);
    expect(await detect()).toEqual({ raised: 2 });
    expect(await detect()).toEqual({ raised: 0 }); // the same episodes: nothing again
    const list = async () =>
      (
        await t.app.inject({ method: 'GET', url: '/api/v1/churn-signals?kind=usage_drop,no_login&sort=account&order=asc', headers: h })
      ).json().items as { kind: string; accountName: string; occurredAt: string; details: Record<string, unknown> }[];
    const first = await list();
    expect(first.map((s) => [s.accountName, s.kind])).toEqual([
      ['Dropping', 'usage_drop'],
      ['Silent', 'no_login'],
    ]);
    expect(first[0]?.details).toMatchObject({ windowDays: 30, recentEvents: 40, previousEvents: 120, dropPct: 67, thresholdPct: 50 });
    // A silence happened the day it reached 30 days.
    expect(first[1]?.details).toMatchObject({ lastSeenOn: '2026-10-07', idleDays: 45, thresholdDays: 30 });
    expect(first[1]?.occurredAt.slice(0, 10)).toBe('2026-11-06');
    const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${silent}/timeline`, headers: h });
    expect(timeline.json().items.map((e: { subject: string }) => e.subject)).toContain('Churn signal: no activity since 2026-10-07');

    // The silence ends (a login), and starts again: a new episode, a new signal. The drop goes on: nothing new.
    t.clock.set(new Date('2026-11-22T09:00:00Z'));
    h = (await signIn(t, org.admin.email)).headers;
    await usage(h, org.orgId, silent, [0], 1, '2026-11-22T08:00:00Z');
    t.clock.set(new Date('2026-11-23T09:00:00Z'));
    expect(await detect()).toEqual({ raised: 0 });
    t.clock.set(new Date('2026-12-23T09:00:00Z'));
    h = (await signIn(t, org.admin.email)).headers;
    const again = await detect();
    expect(again.raised).toBeGreaterThanOrEqual(1);
    const silentSignals = (await list()).filter((s) => s.accountName === 'Silent');
    expect(silentSignals.map((s) => s.details.lastSeenOn)).toEqual(['2026-10-07', '2026-11-22']);

    // The thresholds are an admin setting, refused with the field named when out of range.
    const put = (payload: object, headers = h) => t.app.inject({ method: 'PUT', url: '/api/v1/churn-signals/settings', headers, payload });
    const bad = await put({ usageDropPct: 50, usageWindowDays: 20, noLoginDays: 30 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('usageWindowDays');
    const csm = { headers: (await signIn(t, csmUser.email)).headers };
    expect((await put({ usageDropPct: 60, usageWindowDays: 14, noLoginDays: 60 }, csm.headers)).statusCode).toBe(403);
    expect((await put({ usageDropPct: 60, usageWindowDays: 14, noLoginDays: 60 })).json()).toEqual({
      usageDropPct: 60,
      usageWindowDays: 14,
      noLoginDays: 60,
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/churn-signals/settings', headers: csm.headers })).json().noLoginDays).toBe(
      60,
    );
  });

  it('lists the low-activity accounts by the same rule, with filters, sort and CSV', async () => {
    t.clock.set(new Date('2026-11-21T09:00:00Z'));
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const quiet = await makeAccount(t.app, h, { name: 'Quiet', segment: 'smb' });
    const busy = await makeAccount(t.app, h, { name: 'Busy', segment: 'smb' });
    const gone = await makeAccount(t.app, h, { name: 'Gone (former customer)' });
    const sub = await makeSubscription(t.app, h, gone.id, {
      termStart: '2025-01-01',
      lines: [{ description: 'Seats', quantity: 1, unitPrice: 100 }],
    });
    const end = await t.app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${sub.id}/changes`,
      headers: h,
      payload: { op: 'end', effectiveDate: '2026-06-30' },
    });
    expect(end.statusCode, end.body).toBe(200);
    await usage(h, org.orgId, quiet.id, range(40, 50), 3);
    await usage(h, org.orgId, busy.id, range(1, 50), 3);
    await usage(h, org.orgId, gone.id, range(40, 50), 3);
    const get = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/health/portfolio/low-activity?${query}`, headers: h })).json();
    const page = await get('sort=account&order=asc');
    expect(page.items.map((r: { accountName: string; reason: string; idleDays: number }) => [r.accountName, r.reason, r.idleDays])).toEqual(
      [['Quiet', 'no_login', 40]],
    );
    expect((await get('reason=usage_drop')).total).toBe(0);
    expect((await get('segment=enterprise')).total).toBe(0);
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/health/portfolio/low-activity/export.csv', headers: h });
    expect(
      csvRows(csv.body)
        .slice(1)
        .map((r) => [r[1], r[5]]),
    ).toEqual([['Quiet', 'no_login']]);
  });
});
