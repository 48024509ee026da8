import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeSubscription } from './subscriptions.factory.ts';
import { subscriptionJobs } from './subscriptions.jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const change = (h: H, id: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/subscriptions/${id}/changes`, headers: h, payload });
const series = async (h: H, query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/metrics/mrr?${query}`, headers: h });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('subscriptions', () => {
  it('records effective-dated changes, replays back-dated ones, and every metric follows', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Brightwave' });
    const sub = await makeSubscription(t.app, h, account.id, {
      termStart: '2024-01-01',
      lines: [{ description: 'Seats', quantity: 10, unitPrice: 100 }],
    });
    expect(sub).toMatchObject({ reference: 'SUB-0001', status: 'active', mrr: 1000, arr: 12000, accountName: 'Brightwave' });

    const up = await change(h, sub.id, { op: 'quantity', lineKey: 'L1', quantity: 15, effectiveDate: '2024-03-10' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().changes.map((c: { kind: string; mrrBefore: number; mrrAfter: number }) => [c.kind, c.mrrBefore, c.mrrAfter])).toEqual([
      ['start', 0, 1000],
      ['quantity', 1000, 1500],
    ]);

    let s = await series(h, 'from=2024-01&to=2024-04&by=month');
    expect(s.currency).toBe('EUR');
    expect(
      s.periods.map((p: { period: string; mrr: number; new: number; expansion: number }) => [p.period, p.mrr, p.new, p.expansion]),
    ).toEqual([
      ['2024-01', 1000, 1000, 0],
      ['2024-02', 1000, 0, 0],
      ['2024-03', 1500, 0, 500],
      ['2024-04', 1500, 0, 0],
    ]);

    // A back-dated 20% discount from February: contraction in February, and March's expansion is now from 800.
    const back = await change(h, sub.id, {
      op: 'discount',
      lineKey: 'L1',
      discount: { percent: 20, kind: 'lasting' },
      effectiveDate: '2024-02-01',
    });
    expect(back.statusCode, back.body).toBe(200);
    s = await series(h, 'from=2024-01&to=2024-04&by=month');
    expect(s.periods.map((p: { mrr: number; contraction: number; expansion: number }) => [p.mrr, p.contraction, p.expansion])).toEqual([
      [1000, 0, 0],
      [800, 200, 0],
      [1200, 0, 400],
      [1200, 0, 0],
    ]);

    // Every segment answers (and names its organisation in every statement): by plan, by owner, filtered by a tag.
    for (const q of ['groupBy=plan', 'groupBy=owner', 'groupBy=edition', 'plan=NONE', 'tag=vip', 'field=region:north', 'segment=smb']) {
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/metrics/mrr?from=2024-01&to=2024-04&${q}`, headers: h });
      expect(r.statusCode, `${q}: ${r.body}`).toBe(200);
    }
    const byPlan = await series(h, 'from=2024-01&to=2024-04&groupBy=plan');
    expect(byPlan.groups.map((g: { periods: { mrr: number }[] }) => g.periods.at(-1)?.mrr)).toEqual([1200]);

    // Drill-down: the account behind March's expansion.
    const drill = await t.app.inject({
      method: 'GET',
      url: '/api/v1/metrics/movements?from=2024-03&to=2024-03&type=expansion',
      headers: h,
    });
    expect(drill.json()).toMatchObject({ total: 1, items: [{ accountName: 'Brightwave', mrrBefore: 800, mrrAfter: 1200, amount: 400 }] });

    // Cancel with a reason: churn at the end of the paid month, not on the request.
    const reason = await t.app.inject({ method: 'POST', url: '/api/v1/cancel-reasons', headers: h, payload: { label: 'Too expensive' } });
    const cancel = await change(h, sub.id, {
      op: 'cancel',
      reasonId: reason.json().id,
      effectiveDate: '2024-05-20',
      comment: 'Budget cut',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().endsOn).toBe('2024-05-31');
    s = await series(h, 'from=2024-05&to=2024-06&by=month');
    expect(
      s.periods.map((p: { mrr: number; churn: number; customers: number; customerChurnRate: number | null }) => [
        p.mrr,
        p.churn,
        p.customers,
        p.customerChurnRate,
      ]),
    ).toEqual([
      [1200, 0, 1, 0],
      [0, 1200, 0, 1],
    ]);
    const changes = await t.app.inject({ method: 'GET', url: '/api/v1/subscription-changes?kind=cancel_request', headers: h });
    expect(changes.json().items).toMatchObject([{ reasonLabel: 'Too expensive', comment: 'Budget cut', accountName: 'Brightwave' }]);

    const reasons = await t.app.inject({ method: 'GET', url: '/api/v1/metrics/churn-reasons?from=2024-01&to=2024-12', headers: h });
    expect(reasons.json()).toMatchObject({
      currency: 'EUR',
      reasons: [{ reasonLabel: 'Too expensive', accounts: 1, cancellations: 1, mrr: 1200 }],
    });

    // The account's timeline tells the story, dated on the effective days, with the MRR as replayed.
    const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/timeline?kind=subscription`, headers: h });
    expect(timeline.json().items.map((i: { subject: string; occurredAt: string }) => [i.occurredAt.slice(0, 10), i.subject])).toEqual([
      ['2024-05-20', 'SUB-0001: Cancellation requested: Too expensive; ends 2024-05-31'],
      ['2024-03-10', 'SUB-0001: Quantity changed from 10 to 15 (MRR EUR 800.00 → EUR 1,200.00)'],
      ['2024-02-01', 'SUB-0001: Discount of 20% added (MRR EUR 1,000.00 → EUR 800.00)'],
      ['2024-01-01', 'SUB-0001: Subscription started (MRR EUR 0.00 → EUR 1,000.00)'],
    ]);

    // Another organisation sees none of it.
    const other = await createTestOrg(t);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/subscriptions/${sub.id}`, headers: other.admin.headers })).statusCode).toBe(
      404,
    );
    expect((await series(other.admin.headers, 'from=2024-01&to=2024-06')).periods.every((p: { mrr: number }) => p.mrr === 0)).toBe(true);
  });

  it('lists changes searched and sorted, and exports the same rows in the same order as CSV', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const small = await makeAccount(t.app, h, { name: 'Ashgrove Dairy' });
    const big = await makeAccount(t.app, h, { name: 'Birchfield Mills' });
    const a = await makeSubscription(t.app, h, small.id, {
      termStart: '2024-01-01',
      lines: [{ description: 'Seats', quantity: 2, unitPrice: 50 }],
    });
    const b = await makeSubscription(t.app, h, big.id, {
      termStart: '2024-01-01',
      lines: [{ description: 'Seats', quantity: 10, unitPrice: 50 }],
    });
    expect((await change(h, a.id, { op: 'quantity', lineKey: 'L1', quantity: 3, effectiveDate: '2024-02-01' })).statusCode).toBe(200);
    expect((await change(h, b.id, { op: 'quantity', lineKey: 'L1', quantity: 4, effectiveDate: '2024-03-01' })).statusCode).toBe(200);

    const list = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/subscription-changes?${query}`, headers: h });
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json()
        .items.map((c: { accountName: string; kind: string; mrrBefore: number; mrrAfter: number }) => [
          c.accountName,
          c.kind,
          c.mrrAfter - c.mrrBefore,
        ]);
    };
    // Newest first by default; by MRR change, the loss first.
    expect((await list('')).map((r: unknown[]) => r[1])).toEqual(['quantity', 'quantity', 'start', 'start']);
    expect(await list('sort=mrrChange&order=asc&kind=quantity')).toEqual([
      ['Birchfield Mills', 'quantity', -300],
      ['Ashgrove Dairy', 'quantity', 50],
    ]);
    expect(await list('q=ashgrove')).toEqual([
      ['Ashgrove Dairy', 'quantity', 50],
      ['Ashgrove Dairy', 'start', 100],
    ]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/subscription-changes?sort=colour', headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toContain('sort');

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/subscription-changes/export.csv?sort=mrrChange&order=asc', headers: h });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header = [], ...rows] = csvRows(csv.body);
    expect(header.join(',')).toBe(
      'effective_date,account,account_id,subscription,kind,item,from_plan,to_plan,quantity,unit_price,ends_on,reason,comment,currency,mrr_before,mrr_after,mrr_change,source,recorded_by,recorded_at',
    );
    expect(rows.map((r) => [r[1], r[4], r[8], r[16]])).toEqual([
      ['Birchfield Mills', 'quantity', '4', '-300'],
      ['Ashgrove Dairy', 'quantity', '3', '50'],
      ['Ashgrove Dairy', 'start', '', '100'],
      ['Birchfield Mills', 'start', '', '500'],
    ]);
    const subs = await t.app.inject({ method: 'GET', url: '/api/v1/subscriptions/export.csv?sort=mrr&order=desc&q=mills', headers: h });
    expect(subs.statusCode, subs.body).toBe(200);
    const [subHeader = [], ...subRows] = csvRows(subs.body);
    expect(subHeader.slice(0, 8)).toEqual(['reference', 'account', 'account_id', 'status', 'interval_months', 'currency', 'mrr', 'arr']);
    expect(subRows.map((r) => [r[1], r[6]])).toEqual([['Birchfield Mills', '200']]);

    // Another organisation's export is the header alone.
    const other = await createTestOrg(t);
    const theirs = await t.app.inject({ method: 'GET', url: '/api/v1/subscription-changes/export.csv', headers: other.admin.headers });
    expect(csvRows(theirs.body)).toHaveLength(1);
  });

  it('gives subscriptions made at the same time in one organisation references of their own', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accounts = await Promise.all([1, 2, 3].map((i) => makeAccount(t.app, h, { name: `Parallel ${i}` })));
    // On PostgreSQL these run in transactions of their own at once; each must read the references the others added.
    const made = await Promise.all(accounts.flatMap((a) => [makeSubscription(t.app, h, a.id), makeSubscription(t.app, h, a.id)]));
    expect(new Set(made.map((s) => s.reference)).size).toBe(6);
    expect(made.map((s) => s.reference).sort()).toEqual(['SUB-0001', 'SUB-0002', 'SUB-0003', 'SUB-0004', 'SUB-0005', 'SUB-0006']);
  });

  it('refuses bad changes with the field named', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Northwind' });
    const sub = await makeSubscription(t.app, h, account.id);
    const cases: [object, string][] = [
      [{ op: 'quantity', lineKey: 'L9', quantity: 2, effectiveDate: '2024-02-01' }, 'lineKey'],
      [{ op: 'quantity', lineKey: 'L1', quantity: 2, effectiveDate: '2023-12-01' }, 'effectiveDate'],
      [{ op: 'quantity', lineKey: 'L1', quantity: -1, effectiveDate: '2024-02-01' }, 'quantity'],
      [{ op: 'discount', lineKey: 'L1', discount: { percent: 10, kind: 'until' }, effectiveDate: '2024-02-01' }, 'discount.until'],
      [{ op: 'reactivate', effectiveDate: '2024-02-01' }, 'effectiveDate'],
      [{ op: 'cancel', reasonId: '00000000-0000-4000-8000-000000000000', effectiveDate: '2024-02-01' }, 'reasonId'],
      [{ op: 'remove_line', lineKey: 'L1', effectiveDate: '2024-02-01' }, 'lineKey'],
    ];
    for (const [payload, field] of cases) {
      const res = await change(h, sub.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(
        res.json().details.map((d: { field: string }) => d.field),
        JSON.stringify(payload),
      ).toContain(field);
    }
  });

  it('refreshes status and MRR at night when a trial ends, without a change', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Trialista' });
    const start = t.clock.now().toISOString().slice(0, 10);
    const sub = await makeSubscription(t.app, h, account.id, {
      termStart: start,
      trialEnd: '2026-11-25',
      lines: [{ description: 'Seats', quantity: 2, unitPrice: 40 }],
    });
    expect(sub).toMatchObject({ status: 'trial', mrr: 0 });
    const [refresh] = subscriptionJobs({
      db: t.db,
      clock: t.clock,
      events: t.events,
      plans: t.services.plans,
      timeline: t.services.timeline,
    });
    const before = t.clock.now();
    try {
      t.clock.set('2026-11-27T01:00:00Z');
      await refresh?.handler({}, { jobId: 'test', orgId: null, attempt: 1, progress: async () => {}, logger: pino({ level: 'silent' }) });
    } finally {
      t.clock.set(before);
    }
    // Read back on the first day's clock (the session would have lapsed): what the refresh stored.
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/subscriptions/${sub.id}`, headers: h })).json();
    expect(after).toMatchObject({ status: 'active', mrr: 80 });
  });
});
