import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { accountHealth } from '../health/index.ts';
import { makePlan } from '../plans/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { adoptionJobs, FEATURE_USERS_JOB } from './usage.adoption.jobs.ts';

// The test clock's today is 2026-11-21: the last 30 days are 2026-10-23 … 2026-11-21, the 30 before 2026-09-23 … 2026-10-22.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

let n = 0;
const ev = (accountId: string, userId: string, event: string, day: string, times = 1) =>
  Array.from({ length: times }, () => ({ messageId: `m-${++n}`, accountId, userId, event, timestamp: `${day}T10:00:00Z` }));

/** An account on plan P (1 licence a unit, 10 units) with usage that fell by half and reached 3 of its 10 licences; one without usage. */
async function scenario() {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  const plan = await makePlan(t.app, h, { name: 'Professional', includedUnits: 1 });
  const other = await makePlan(t.app, h, { name: 'Enterprise', includedUnits: 1 });
  const used = await makeAccount(t.app, h, { name: 'Used Co' });
  const idle = await makeAccount(t.app, h, { name: 'Idle Co' });
  await makeSubscription(t.app, h, used.id, { lines: [{ planId: plan.id, quantity: 10 }] });
  const events = [
    ...ev(used.id, 'u1', 'Report created', '2026-11-20', 3),
    ...ev(used.id, 'u2', 'Dashboard viewed', '2026-11-18'),
    ...ev(used.id, 'u3', 'Dashboard viewed', '2026-11-01'),
    ...ev(used.id, 'u1', 'Report created', '2026-10-10', 10),
  ];
  const sent = await call('POST', '/api/v1/usage/events', h, { events });
  expect(sent.json()).toMatchObject({ stored: events.length, rejected: [] });
  await t.services.usageIngest.mergeRollups(org.orgId);
  const keys = await call('PUT', '/api/v1/usage/key-features', h, {
    items: [
      { event: 'Report created', planId: null },
      { event: 'Invoice sent', planId: plan.id },
      { event: 'Audit log viewed', planId: other.id },
    ],
  });
  expect(keys.statusCode).toBe(200);
  return { org, h, plan, other, used, idle };
}

describe('adoption', () => {
  it("sums up an account's usage: active users, trend, breadth of its plan's key features, licences and flags", async () => {
    const { org, h, plan, used, idle } = await scenario();
    const res = await call('GET', `/api/v1/accounts/${used.id}/adoption?from=2026-11-01&to=2026-11-21`, h);
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.summary).toMatchObject({
      hasUsage: true,
      lastSeenOn: '2026-11-20',
      daysSinceLastSeen: 1,
      activeUsers7d: 2,
      activeUsers30d: 3,
      activeUsersPrev30d: 1,
      events30d: 5,
      eventsPrev30d: 10,
      usageTrendPercent: -50,
      activeUsersTrendPercent: 200,
      planId: plan.id,
      planName: 'Professional',
      keyFeatures: 2,
      keyFeaturesUsed: 1,
      featureBreadthPercent: 50,
      licences: 10,
      licencesUsedPercent: 30,
      flags: ['low_activity', 'poor_adoption'],
      reasons: ['usage_drop', 'unused_licences'],
    });
    expect(a.days).toHaveLength(21);
    expect(a.days.find((d: { day: string }) => d.day === '2026-11-20')).toEqual({ day: '2026-11-20', events: 3, users: 1 });
    expect(a.days.find((d: { day: string }) => d.day === '2026-11-19')).toEqual({ day: '2026-11-19', events: 0, users: 0 });
    const features = a.features.map(
      (f: { event: string; isKey: boolean; events30d: number; eventsPrev30d: number; activeDays30d: number }) => [
        f.event,
        f.isKey,
        f.events30d,
        f.eventsPrev30d,
        f.activeDays30d,
      ],
    );
    expect(features).toEqual([
      ['Report created', true, 3, 10, 1],
      ['Dashboard viewed', false, 2, 0, 2],
      ['Invoice sent', true, 0, 0, 0],
    ]);

    // Users per feature and day come from the recount of the raw events.
    const job = adoptionJobs({ db: t.db, clock: t.clock }).find((j) => j.name === FEATURE_USERS_JOB);
    await job?.handler({ orgId: org.orgId, days: 60 }, {} as never);
    const after = (await call('GET', `/api/v1/accounts/${used.id}/adoption?from=2026-11-01&to=2026-11-21`, h)).json();
    expect(after.featureDays).toContainEqual({ day: '2026-11-20', event: 'Report created', events: 3, users: 1 });

    // As of an earlier day (health evaluates as of the day before a churn): what had happened by then.
    const before = (await call('GET', `/api/v1/accounts/${used.id}/adoption?to=2026-11-19`, h)).json();
    expect(before.summary).toMatchObject({
      asOf: '2026-11-19',
      lastSeenOn: '2026-11-18',
      daysSinceLastSeen: 1,
      events30d: 2,
      activeUsers30d: 2,
    });
    const early = (await call('GET', `/api/v1/accounts/${used.id}/adoption?to=2026-10-01`, h)).json();
    expect(early.summary).toMatchObject({ hasUsage: false, lastSeenOn: null, firstSeenOn: null });

    const none = (await call('GET', `/api/v1/accounts/${idle.id}/adoption`, h)).json();
    expect(none.summary).toMatchObject({
      hasUsage: false,
      lastSeenOn: null,
      activeUsers30d: 0,
      usageTrendPercent: null,
      keyFeatures: 1,
      featureBreadthPercent: 0,
      licences: null,
      flags: ['low_activity', 'poor_adoption'],
      reasons: ['no_recent_usage', 'narrow_breadth'],
    });
    expect(none.days).toHaveLength(90);
  });

  it('follows the thresholds the admin sets, and refuses bad input by field', async () => {
    const { h, used } = await scenario();
    const put = await call('PUT', '/api/v1/usage/adoption/settings', h, {
      lowActivityDays: 7,
      lowActivityDropPercent: 60,
      poorBreadthPercent: 50,
      poorLicencePercent: 25,
    });
    expect(put.statusCode).toBe(200);
    const a = (await call('GET', `/api/v1/accounts/${used.id}/adoption`, h)).json();
    expect(a.summary.flags).toEqual([]);
    const bad = await call('PUT', '/api/v1/usage/adoption/settings', h, {
      lowActivityDays: 0,
      lowActivityDropPercent: 50,
      poorBreadthPercent: 40,
      poorLicencePercent: 50,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('lowActivityDays');
    const range = await call('GET', `/api/v1/accounts/${used.id}/adoption?from=2026-11-21&to=2026-11-01`, h);
    expect(range.statusCode).toBe(400);
    expect(range.json().details[0].field).toBe('to');
    const plan = await call('PUT', '/api/v1/usage/key-features', h, {
      items: [{ event: 'X', planId: '0190aaaa-0000-7000-8000-000000000000' }],
    });
    expect(plan.statusCode).toBe(400);
    expect(plan.json().details[0].field).toBe('items.0.planId');
    const twice = await call('PUT', '/api/v1/usage/key-features', h, {
      items: [
        { event: 'X', planId: null },
        { event: 'x', planId: null },
      ],
    });
    expect(twice.json().details[0].field).toBe('items.1.event');
    const keys = (await call('GET', '/api/v1/usage/key-features', h)).json();
    expect(keys.items.map((k: { event: string; planName: string | null }) => [k.event, k.planName])).toEqual([
      ['Audit log viewed', 'Enterprise'],
      ['Invoice sent', 'Professional'],
      ['Report created', null],
    ]);
    expect(keys.seen.map((s: { event: string }) => s.event)).toEqual(['Dashboard viewed', 'Report created']);
  });

  it('shows feature adoption across accounts, filtered by plan, and exports it as CSV', async () => {
    const { h, plan } = await scenario();
    const all = (await call('GET', '/api/v1/usage/adoption/features', h)).json();
    expect(all.accounts).toBe(2);
    const rows = all.items.map(
      (f: { event: string; isKey: boolean; accounts: number; sharePercent: number; trendPercent: number | null }) => [
        f.event,
        f.isKey,
        f.accounts,
        f.sharePercent,
        f.trendPercent,
      ],
    );
    expect(rows).toEqual([
      ['Dashboard viewed', false, 1, 50, null],
      ['Report created', true, 1, 50, -70],
      ['Audit log viewed', true, 0, 0, null],
      ['Invoice sent', true, 0, 0, null],
    ]);
    const onPlan = (await call('GET', `/api/v1/usage/adoption/features?planId=${plan.id}`, h)).json();
    expect(onPlan.accounts).toBe(1);
    expect(onPlan.items[0]).toMatchObject({ event: 'Dashboard viewed', sharePercent: 100 });
    const csv = await call('GET', '/api/v1/usage/adoption/features/export.csv', h);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('feature,key_feature,accounts_30d');
    expect(csv.body).toContain('Report created,yes,1,50,3,10,-70,0');
  });

  it('gives health its usage measures: offered in the editor, scored, and missing for an account without usage', async () => {
    const { h, used, idle } = await scenario();
    const measures = (await call('GET', '/api/v1/health/measures', h)).json();
    const keys = measures.items.map((m: { key: string }) => m.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'usage.trend_percent',
        'usage.feature_breadth',
        'usage.licence_use',
        'usage.days_since_last_seen',
        'usage.active_users_30d',
      ]),
    );
    const [card] = (await call('GET', '/api/v1/health/scorecards', h)).json().items;
    const saved = await call('PUT', `/api/v1/health/scorecards/${card.id}`, h, {
      name: card.name,
      segment: card.segment,
      measures: [
        ...card.measures,
        {
          source: 'usage.feature_breadth',
          weight: 2,
          thresholds: {
            kind: 'number',
            breakpoints: [
              { from: 0, points: 0 },
              { from: 100, points: 100 },
            ],
          },
        },
        {
          source: 'usage.days_since_last_seen',
          weight: 1,
          thresholds: {
            kind: 'number',
            breakpoints: [
              { from: 0, points: 100 },
              { from: 10, points: 0 },
            ],
          },
        },
      ],
    });
    expect(saved.statusCode).toBe(200);
    await call('POST', '/api/v1/health/recompute', h);
    const health = await accountHealth(t.app, h, used.id);
    expect(health.measures.find((m) => m.source === 'usage.feature_breadth')).toMatchObject({ value: 50, points: 50, weight: 2 });
    expect(health.measures.find((m) => m.source === 'usage.days_since_last_seen')).toMatchObject({ value: 1, points: 90 });
    const none = await accountHealth(t.app, h, idle.id);
    expect(none.measures.find((m) => m.source === 'usage.feature_breadth')).toMatchObject({ value: null, points: null });
  });
});
