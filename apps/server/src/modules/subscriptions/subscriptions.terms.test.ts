import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeSubscription } from './subscriptions.factory.ts';
import { subscriptionJobs } from './subscriptions.jobs.ts';
import { periodsToSubscriptions, type TPeriodRow } from './subscriptions.periods.ts';
import { replay, type TChangeOp, type TReplayChange } from './subscriptions.timeline.ts';

/** The terms the replay passes through (subscriptions.terms.ts). */

const line = (unitPrice: number) => ({ key: 'L1', planId: null, description: 'Pro', quantity: 1, unitPrice });
const run = (ops: [string, TChangeOp][], today: string, intervalMonths = 1) =>
  replay(
    { intervalMonths, freePlanIds: new Set() },
    ops.map(([effectiveDate, op], i): TReplayChange => ({ id: `c${i}`, effectiveDate, seq: i, op })),
    today,
  ).terms.map((t) => [t.termStart, t.lastDay, t.startMrrCents, t.endMrrCents, t.rolled]);

describe('subscription terms', () => {
  it('rolls an auto-renewing yearly term up to today, and no further', () => {
    const terms = run([['2022-03-01', { op: 'start', lines: [line(1200)], termEnd: '2023-02-28', autoRenew: true }]], '2024-06-15', 12);
    expect(terms).toEqual([
      ['2022-03-01', '2023-02-28', 10000, 10000, false],
      ['2023-03-01', '2024-02-29', 10000, 10000, true],
      ['2024-03-01', '2025-02-28', 10000, 10000, true],
    ]);
  });

  it('ends the term a cancellation ends, in the rolled term it falls in', () => {
    const terms = run(
      [
        ['2023-01-01', { op: 'start', lines: [line(100)], termEnd: '2023-01-31', autoRenew: true }],
        ['2023-03-10', { op: 'cancel', endsOn: '2023-03-31' }],
      ],
      '2024-01-01',
    );
    expect(terms).toEqual([
      ['2023-01-01', '2023-01-31', 10000, 10000, false],
      ['2023-02-01', '2023-02-28', 10000, 10000, true],
      ['2023-03-01', '2023-03-31', 10000, 10000, true],
    ]);
  });

  it('a renewal opens a new term with its lines and replaces what would have rolled', () => {
    const terms = run(
      [
        ['2023-01-01', { op: 'start', lines: [line(1200)], termEnd: '2023-12-31', autoRenew: true }],
        ['2024-01-01', { op: 'renew', termStart: '2024-01-01', termEnd: '2025-12-31', lines: [line(1800)] }],
      ],
      '2024-06-01',
      12,
    );
    expect(terms).toEqual([
      ['2023-01-01', '2023-12-31', 10000, 10000, false],
      ['2024-01-01', '2025-12-31', 15000, 15000, false],
    ]);
  });

  it('a term without an end has no last day while it runs, and a non-renewing term ends on its own', () => {
    expect(run([['2023-01-01', { op: 'start', lines: [line(50)], termEnd: null, autoRenew: true }]], '2024-01-01')).toEqual([
      ['2023-01-01', null, 5000, 5000, false],
    ]);
    expect(run([['2023-01-01', { op: 'start', lines: [line(50)], termEnd: '2023-06-30', autoRenew: false }]], '2024-01-01')).toEqual([
      ['2023-01-01', '2023-06-30', 5000, 5000, false],
    ]);
  });

  it('imported periods are one term each: consecutive ones renew, a gap reactivates', () => {
    const row = (n: number, start: string, end: string | null, amount: number): TPeriodRow => ({
      rowNumber: n,
      customerId: 'C1',
      startDate: start,
      endDate: end,
      monthlyAmount: amount,
      planId: null,
      planLabel: null,
      planTier: 0,
      currency: 'USD',
      quantity: 1,
    });
    const [sub] = periodsToSubscriptions([
      row(1, '2018-11-01', '2019-02-01', 50),
      row(2, '2019-04-01', '2019-06-01', 50),
      row(3, '2019-06-01', '2019-08-01', 75),
    ]);
    const result = replay(
      { intervalMonths: 1, freePlanIds: new Set() },
      (sub?.changes ?? []).map((c, i) => ({ id: c.externalId, effectiveDate: c.effectiveDate, seq: i, op: c.op })),
      '2020-01-01',
    );
    expect(result.terms.map((t) => [t.termStart, t.lastDay, t.endMrrCents])).toEqual([
      ['2018-11-01', '2019-01-31', 5000],
      ['2019-04-01', '2019-05-31', 5000],
      ['2019-06-01', '2019-07-31', 7500],
    ]);
    // The renewal on 1 June moves the MRR from the ending term's 50 to 75 (not from 0).
    const renewal = sub?.changes.find((c) => c.op.op === 'renew');
    expect(result.mrrAround.get(renewal?.externalId ?? '')).toEqual({ before: 5000, after: 7500 });
    expect(result.versions.map((v) => [v.validFrom, v.validTo, v.mrrCents])).toEqual([
      ['2018-11-01', '2019-02-01', 5000],
      ['2019-04-01', '2019-06-01', 5000],
      ['2019-06-01', '2019-08-01', 7500],
    ]);
  });
});

describe('stored terms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the nightly refresh rolls an auto-renewing term on as the days pass, so the report sees the renewals', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Monthly rolling' });
    await makeSubscription(t.app, h, account.id, {
      termStart: '2026-10-01',
      termEnd: '2026-10-31',
      autoRenew: true,
      lines: [{ description: 'Seats', quantity: 1, unitPrice: 100 }],
    });
    const report = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/renewals/report?from=2026-10&to=2026-12', headers: h }))
        .json()
        .periods.map((p: Record<string, unknown>) => [p.period, p.due, p.renewed, p.pending]);
    // Today (21 November): October's term renewed into November's, which runs to 30 November.
    expect(await report()).toEqual([
      ['2026-10', 1, 1, 0],
      ['2026-11', 1, 0, 1],
      ['2026-12', 0, 0, 0],
    ]);
    const [refresh] = subscriptionJobs({
      db: t.db,
      clock: t.clock,
      events: t.events,
      plans: t.services.plans,
      timeline: t.services.timeline,
    });
    const before = t.clock.now();
    try {
      t.clock.set('2027-01-05T01:00:00Z');
      await refresh?.handler({}, { jobId: 'test', orgId: null, attempt: 1, progress: async () => {}, logger: pino({ level: 'silent' }) });
    } finally {
      t.clock.set(before);
    }
    // Read back on the first day's clock (the session would have lapsed): the terms the refresh stored.
    expect(await report()).toEqual([
      ['2026-10', 1, 1, 0],
      ['2026-11', 1, 1, 0],
      ['2026-12', 1, 1, 0],
    ]);
  });
});
