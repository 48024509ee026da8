import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { makeAccount } from '../accounts/index.ts';
import { makePlan, makeProduct } from '../plans/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { makeUpsellCandidate } from './upsell-candidates.factory.ts';
import { RECOMPUTE_JOB } from './upsell-candidates.jobs.ts';

// The test clock's today is 2026-11-21.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
type Org = Awaited<ReturnType<typeof createTestOrg>>;
const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const monthly = (amount: number) => [{ currency: 'EUR', intervalMonths: 1, amount }];

/** The catalogue of the demo in small: three editions with user limits, extra users, a success package, a free plan. */
async function catalogue(h: H) {
  const suite = await makeProduct(t.app, h, { name: 'Suite', kind: 'edition' });
  const extra = await makeProduct(t.app, h, { name: 'Extra users', kind: 'addon' });
  const services = await makeProduct(t.app, h, { name: 'Services', kind: 'service' });
  const plan = (productId: string, name: string, fields: object) =>
    makePlan(t.app, h, { productId, name, code: name.toUpperCase(), ...fields });
  return {
    free: await plan(suite.id, 'Free', { tier: 0, isFree: true, includedUnits: 3, maxUnits: 3, prices: monthly(0) }),
    self: await plan(suite.id, 'Self', { tier: 1, includedUnits: 3, maxUnits: 5, prices: monthly(49) }),
    pro: await plan(suite.id, 'Pro', { tier: 2, includedUnits: 10, maxUnits: 25, prices: monthly(199) }),
    ent: await plan(suite.id, 'Ent', { tier: 3, includedUnits: 25, prices: monthly(599) }),
    seats: await plan(extra.id, 'Seat', { tier: 0, includedUnits: 1, prices: monthly(15) }),
    ps: await plan(services.id, 'Package', { tier: 0, prices: monthly(450) }),
  };
}

/** An account with one monthly subscription from 2026-01-01: each [planId, quantity] a line at list price. */
async function customer(org: Org, name: string, lines: [string, number][], fields: object = {}) {
  const account = await makeAccount(t.app, org.admin.headers, { name, ...fields });
  const sub = await makeSubscription(t.app, org.admin.headers, account.id, {
    termStart: '2026-01-01',
    lines: lines.map(([planId, quantity]) => ({ planId, quantity })),
  });
  return { id: account.id, subscriptionId: sub.id };
}

const change = async (h: H, subscriptionId: string, body: object) => {
  const res = await call('POST', `/api/v1/subscriptions/${subscriptionId}/changes`, h, body);
  expect(res.statusCode, res.body).toBe(200);
};
const recompute = async (h: H) => {
  const res = await call('POST', '/api/v1/upsell-candidates/recompute', h);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { candidates: number; identified: number; cleared: number };
};
interface Row {
  accountName: string;
  reasons: {
    code: string;
    planName: string | null;
    units: number | null;
    maxUnits: number | null;
    percent: number | null;
    increases: number | null;
  }[];
  planName: string | null;
  nextPlanName: string | null;
  mrrDifference: number | null;
  currency: string | null;
  limitPercent: number | null;
  ownerName: string | null;
}
const list = async (h: H, query = '') => {
  const res = await call('GET', `/api/v1/upsell-candidates?pageSize=200&${query}`, h);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: Row[] };
};
const byName = (rows: Row[]) => new Map(rows.map((r) => [r.accountName, r]));

describe('upsell candidates: plan limits', () => {
  it('counts a subscription’s users against its plan’s limit: exactly the threshold counts, free plans and ended or cancelling subscriptions do not', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const p = await catalogue(h);
    await customer(org, 'Four of five', [
      [p.self.id, 1],
      [p.seats.id, 1],
    ]);
    await customer(org, 'Five of five', [
      [p.self.id, 1],
      [p.seats.id, 2],
    ]);
    await customer(org, 'Seven of five', [
      [p.self.id, 1],
      [p.seats.id, 4],
    ]);
    await customer(org, 'Three of five', [[p.self.id, 1]]);
    await customer(org, 'Free at its limit', [[p.free.id, 1]]);
    const reason = (await call('POST', '/api/v1/cancel-reasons', h, { label: 'Budget' })).json().id;
    const ended = await customer(org, 'Ended', [
      [p.self.id, 1],
      [p.seats.id, 4],
    ]);
    await change(h, ended.subscriptionId, { op: 'cancel', reasonId: reason, effectiveDate: '2026-03-10', endsOn: '2026-03-31' });
    const leaving = await customer(org, 'Leaving', [
      [p.self.id, 1],
      [p.seats.id, 4],
    ]);
    await change(h, leaving.subscriptionId, { op: 'cancel', reasonId: reason, effectiveDate: '2026-11-01', endsOn: '2026-12-31' });

    expect(await recompute(h)).toEqual({ candidates: 3, identified: 3, cleared: 0 });
    const rows = byName((await list(h)).items);
    expect([...rows.keys()].sort()).toEqual(['Five of five', 'Four of five', 'Seven of five']);
    expect(rows.get('Four of five')).toMatchObject({
      reasons: [{ code: 'near_limit', planName: 'Self', units: 4, maxUnits: 5, percent: 80, increases: null }],
      planName: 'Self',
      nextPlanName: 'Pro',
      mrrDifference: 150,
      currency: 'EUR',
      limitPercent: 80,
    });
    expect(rows.get('Five of five')?.reasons.map((r) => [r.code, r.percent])).toEqual([['at_limit', 100]]);
    expect(rows.get('Seven of five')?.reasons.map((r) => [r.code, r.percent])).toEqual([['over_limit', 140]]);

    // One point above 80 %: four of five users no longer count.
    expect((await call('PUT', '/api/v1/upsell-candidates/settings', h, { limitThresholdPercent: 81 })).json()).toEqual({
      limitThresholdPercent: 81,
    });
    expect(await recompute(h)).toEqual({ candidates: 2, identified: 0, cleared: 1 });
    expect((await list(h)).items.map((r) => r.accountName)).not.toContain('Four of five');
  });
});

describe('upsell candidates: segment, growth and cross-sell', () => {
  it('finds an account on a lower tier than its segment usually buys, lacking the add-on its segment takes, or buying more again and again', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const p = await catalogue(h);
    for (const n of [1, 2, 3])
      await customer(
        org,
        `Enterprise ${n}`,
        [
          [p.ent.id, 1],
          [p.ps.id, 1],
        ],
        { segment: 'enterprise' },
      );
    await customer(org, 'Enterprise on Pro', [[p.pro.id, 1]], { segment: 'enterprise' });
    await customer(org, 'Small on Self', [[p.self.id, 1]], { segment: 'smb' });
    const grower = await customer(org, 'Grower', [
      [p.pro.id, 1],
      [p.seats.id, 2],
    ]);
    await change(h, grower.subscriptionId, { op: 'quantity', lineKey: 'L2', quantity: 4, effectiveDate: '2026-07-01' });
    await change(h, grower.subscriptionId, { op: 'quantity', lineKey: 'L2', quantity: 6, effectiveDate: '2026-10-01' });
    const once = await customer(org, 'Grew once lately', [
      [p.pro.id, 1],
      [p.seats.id, 2],
    ]);
    await change(h, once.subscriptionId, { op: 'quantity', lineKey: 'L2', quantity: 3, effectiveDate: '2026-02-01' });
    await change(h, once.subscriptionId, { op: 'quantity', lineKey: 'L2', quantity: 4, effectiveDate: '2026-09-01' });
    const upDown = await customer(org, 'Down and up', [
      [p.pro.id, 1],
      [p.seats.id, 4],
    ]);
    await change(h, upDown.subscriptionId, { op: 'quantity', lineKey: 'L2', quantity: 2, effectiveDate: '2026-08-01' });
    await change(h, upDown.subscriptionId, { op: 'quantity', lineKey: 'L2', quantity: 3, effectiveDate: '2026-10-01' });

    await recompute(h);
    const rows = byName((await list(h)).items);
    expect([...rows.keys()].sort()).toEqual(['Enterprise on Pro', 'Grower']);
    expect(rows.get('Enterprise on Pro')).toMatchObject({ planName: 'Pro', nextPlanName: 'Ent', mrrDifference: 400, limitPercent: null });
    expect(rows.get('Enterprise on Pro')?.reasons.map((r) => [r.code, r.planName, r.percent])).toEqual([
      ['below_segment_tier', 'Ent', 75],
      ['cross_sell', 'Package', 75],
    ]);
    expect(rows.get('Grower')?.reasons).toMatchObject([{ code: 'growing_quantity', increases: 2 }]);

    const cross = await list(h, 'reason=cross_sell');
    expect(cross.items.map((r) => r.accountName)).toEqual(['Enterprise on Pro']);
    const growing = await list(h, `reason=growing_quantity,near_limit&planId=${p.pro.id}`);
    expect(growing.items.map((r) => r.accountName)).toEqual(['Grower']);
    expect((await list(h, `planId=${p.self.id}`)).total).toBe(0);
    const sorted = await list(h, 'sort=account&order=asc');
    expect(sorted.items.map((r) => r.accountName)).toEqual(['Enterprise on Pro', 'Grower']);
    const paged = await list(h, 'sort=mrrDifference&order=desc');
    expect(paged.items[0]?.accountName).toBe('Enterprise on Pro');

    const csv = await call('GET', '/api/v1/upsell-candidates/export.csv?reason=below_segment_tier', h);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [head, ...lines] = csvRows(csv.body);
    expect(head?.slice(0, 8)).toEqual(['account', 'market', 'segment', 'owner', 'reasons', 'plan', 'next_plan', 'mrr_difference']);
    expect(lines.map((l) => l.slice(0, 8))).toEqual([
      ['Enterprise on Pro', '', 'enterprise', '', 'below_segment_tier cross_sell', 'Pro', 'Ent', '400.00'],
    ]);
  });
});

describe('upsell candidates: events, the nightly job, isolation and access', () => {
  it('publishes once when an account becomes a candidate and once when it stops, from the nightly job too', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const p = await catalogue(h);
    const full = await customer(org, 'Full', [
      [p.self.id, 1],
      [p.seats.id, 2],
    ]);
    const publish = vi.spyOn(t.events, 'publish');
    try {
      const ours = () =>
        publish.mock.calls
          .filter((c) => c[1] === org.orgId && c[2].startsWith('upsell.'))
          .map((c) => [c[2], (c[3] as { accountId: string }).accountId]);
      // The nightly job (every organisation), queued under this test's organisation: on a shared PostgreSQL test
      // database only this process's worker runs it (test/harness.ts).
      await enqueueJob(t.db, t.clock, RECOMPUTE_JOB, {}, { orgId: org.orgId });
      while ((await t.worker.runOnce()) > 0) {}
      expect(ours()).toEqual([['upsell.candidate_identified', full.id]]);
      expect(publish.mock.calls.find((c) => c[1] === org.orgId && c[2] === 'upsell.candidate_identified')?.[3]).toMatchObject({
        reasons: ['at_limit'],
        planId: p.self.id,
        nextPlanId: p.pro.id,
        mrrDifferenceCents: 15000,
        currency: 'EUR',
      });
      await recompute(h);
      expect(ours()).toHaveLength(1);
      await change(h, full.subscriptionId, { op: 'quantity', lineKey: 'L2', quantity: 0.5, effectiveDate: '2026-11-20' });
      await recompute(h);
      await recompute(h);
      expect(ours()).toEqual([
        ['upsell.candidate_identified', full.id],
        ['upsell.candidate_cleared', full.id],
      ]);
    } finally {
      publish.mockRestore();
    }
    expect((await list(h)).total).toBe(0);
  });

  it('keeps organisations apart, shows a CSM limited to their own accounts only theirs, and refuses bad filters naming the field', async () => {
    const a = await createTestOrg(t, 'A');
    const b = await createTestOrg(t, 'B');
    const h = a.admin.headers;
    const p = await catalogue(h);
    const csm = await a.as('csm', { ownAccountsOnly: true, name: 'Casey CSM' });
    const mine = await customer(
      a,
      'Mine',
      [
        [p.self.id, 1],
        [p.seats.id, 2],
      ],
      { ownerUserId: csm.userId },
    );
    const theirs = await customer(a, 'Theirs', [
      [p.self.id, 1],
      [p.seats.id, 2],
    ]);
    await recompute(h);
    expect(await recompute(b.admin.headers)).toEqual({ candidates: 0, identified: 0, cleared: 0 });
    expect((await list(b.admin.headers)).total).toBe(0);
    expect((await call('GET', `/api/v1/accounts/${mine.id}/upsell`, b.admin.headers)).statusCode).toBe(404);

    expect((await list(h)).total).toBe(2);
    const own = await list(csm.headers);
    expect(own.items.map((r) => [r.accountName, r.ownerName])).toEqual([['Mine', 'Casey CSM']]);
    expect((await list(h, 'ownerUserId=none')).items.map((r) => r.accountName)).toEqual(['Theirs']);
    expect((await list(csm.headers, 'ownerUserId=me')).total).toBe(1);
    const badge = await call('GET', `/api/v1/accounts/${mine.id}/upsell`, csm.headers);
    expect(badge.json().candidate).toMatchObject({ accountName: 'Mine', reasons: [{ code: 'at_limit' }] });
    expect((await call('GET', `/api/v1/accounts/${theirs.id}/upsell`, csm.headers)).statusCode).toBe(404);
    const made = await makeUpsellCandidate(t.app, h, { accountName: 'Made', ownerUserId: csm.userId });
    expect(made).toMatchObject({ accountName: 'Made', reasons: [{ code: 'at_limit', percent: 100 }], nextPlanId: null });
    expect((await list(csm.headers)).items.map((r) => r.accountName).sort()).toEqual(['Made', 'Mine']);
    const none = await makeAccount(t.app, h, { name: 'Not one' });
    expect((await call('GET', `/api/v1/accounts/${none.id}/upsell`, h)).json()).toEqual({ candidate: null });
    const csv = await call('GET', '/api/v1/upsell-candidates/export.csv', csm.headers);
    expect(
      csvRows(csv.body)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['Mine', 'Made']); // the most MRR to gain first; none last

    expect((await call('PUT', '/api/v1/upsell-candidates/settings', csm.headers, { limitThresholdPercent: 50 })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/upsell-candidates/recompute', csm.headers)).statusCode).toBe(403);
    const vp = await a.as('vp_cs');
    expect((await call('PUT', '/api/v1/upsell-candidates/settings', vp.headers, { limitThresholdPercent: 75 })).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/upsell-candidates/settings', csm.headers)).json()).toEqual({ limitThresholdPercent: 75 });

    // A list parameter's item is named with its position (reason.0).
    const fields = (res: { json(): { details?: { field: string }[] } }) => (res.json().details ?? []).map((d) => d.field.split('.')[0]);
    for (const [query, field] of [
      ['reason=bogus', 'reason'],
      ['marketId=nope', 'marketId'],
      ['ownerUserId=someone', 'ownerUserId'],
      ['planId=1', 'planId'],
      ['sort=name', 'sort'],
      ['pageSize=500', 'pageSize'],
    ]) {
      const res = await call('GET', `/api/v1/upsell-candidates?${query}`, h);
      expect([res.statusCode, fields(res)], query).toEqual([400, [field]]);
    }
    for (const [body, field] of [
      [{ limitThresholdPercent: 0 }, 'limitThresholdPercent'],
      [{ limitThresholdPercent: 101 }, 'limitThresholdPercent'],
      [{ limitThresholdPercent: 80.5 }, 'limitThresholdPercent'],
      [{ limitThresholdPercent: 80, extra: 1 }, 'extra'],
    ] as const) {
      const res = await call('PUT', '/api/v1/upsell-candidates/settings', h, body);
      expect([res.statusCode, fields(res)], JSON.stringify(body)).toEqual([400, [field]]);
    }
  });
});
