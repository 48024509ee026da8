import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, runJobs, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { makeChurnSignal } from './churn-signals.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Deliver the queued events (the worker is not started in tests); every delivery of the organisation must have succeeded. */
async function deliver(orgId: string) {
  await runJobs(t);
  const text = "select name, status, last_error from jobs where org_id = $1 and name like 'event:%' and status <> 'done'";
  const left = t.database.pool
    ? (await t.database.pool.query(text, [orgId])).rows
    : ((await t.database.pglite?.query(text, [orgId]))?.rows ?? []);
  expect(left).toEqual([]);
}

type TListed = { kind: string; accountName: string; details: Record<string, unknown>; acknowledgedAt: string | null; note: string | null };

describe('churn-signals', () => {
  it('raises a signal for fewer seats and a cancel request, once each, on the timeline; none for more seats or for history', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Shrinking' });
    const sub = await makeSubscription(t.app, h, account.id, {
      termStart: '2026-01-01',
      lines: [{ description: 'Seats', quantity: 10, unitPrice: 20 }],
    });
    const change = async (payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/subscriptions/${sub.id}/changes`, headers: h, payload });
      expect(res.statusCode, res.body).toBe(200);
    };
    // Today is 2026-11-21 (the test clock): a change back-dated more than 90 days is history, not a signal.
    await change({ op: 'quantity', lineKey: 'L1', quantity: 8, effectiveDate: '2026-03-01' });
    await change({ op: 'quantity', lineKey: 'L1', quantity: 12, effectiveDate: '2026-09-01' });
    await change({ op: 'quantity', lineKey: 'L1', quantity: 4, effectiveDate: '2026-10-01' });
    const reason = await t.app.inject({ method: 'POST', url: '/api/v1/cancel-reasons', headers: h, payload: { label: 'Budget cut' } });
    await change({ op: 'cancel', effectiveDate: '2026-11-01', endsOn: '2026-12-31', reasonId: reason.json().id });
    await deliver(org.orgId);
    await deliver(org.orgId); // a second delivery run raises nothing twice

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/churn-signals?order=asc`, headers: h });
    expect(res.statusCode, res.body).toBe(200);
    // Fewer seats is a downgrade (MRR down); more seats is none.
    const kinds = res
      .json()
      .items.map((s: TListed) => [s.kind, s.details.effectiveDate, s.details.mrrBeforeCents, s.details.mrrAfterCents])
      .sort((a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1])));
    expect(kinds).toEqual([
      ['downgrade', '2026-10-01', 24_000, 8_000],
      ['cancel_request', '2026-11-01', 8_000, 8_000],
    ]);

    const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/timeline?pageSize=50`, headers: h });
    const entries = timeline.json().items.filter((e: { kind: string }) => e.kind === 'churn_signal');
    expect(entries.map((e: { data: { signalKind: string } }) => e.data.signalKind).sort()).toEqual(kinds.map(([k]: string[]) => k).sort());
    expect(entries.find((e: { data: { signalKind: string } }) => e.data.signalKind === 'cancel_request')?.subject).toMatch(
      /^Churn signal: cancellation requested/,
    );
  });

  it('raises champion_left when a champion leaves, not when another contact does', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'People move' });
    const add = async (firstName: string, roles: string[]) =>
      (
        await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${account.id}/contacts`, headers: h, payload: { firstName, roles } })
      ).json();
    const champion = await add('Chris', ['champion']);
    const billing = await add('Bo', ['billing']);
    for (const c of [champion, billing]) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/contacts/${c.id}`, headers: h, payload: { leftOn: '2026-11-20' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().leftOn).toBe('2026-11-20');
    }
    await deliver(org.orgId);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/churn-signals', headers: h })).json();
    expect(list.items.map((s: TListed) => [s.kind, s.details.contactName, s.accountName])).toEqual([
      ['champion_left', 'Chris', 'People move'],
    ]);
  });

  it('lists the organisation’s signals with kind, status, owner and date filters, sort, paging and CSV; a CSM acknowledges one', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const limited = await org.as('csm', { ownAccountsOnly: true });
    const mine = (await makeAccount(t.app, h, { name: 'Beta', ownerUserId: limited.userId })).id;
    const other = (await makeAccount(t.app, h, { name: 'Alpha' })).id;
    const first = await makeChurnSignal(t.app, h, mine, { note: 'New CFO questions the price' });
    await makeChurnSignal(t.app, h, mine, { note: 'agenda slipped' });
    await makeChurnSignal(t.app, h, other, { note: 'Budget freeze' });
    const list = async (query: string, headers = h) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/churn-signals?${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { total: number; items: TListed[] };
    };
    const notes = async (query: string, headers = h) => (await list(query, headers)).items.map((i) => i.note);

    expect(await notes('sort=account&order=asc&pageSize=1')).toEqual(['Budget freeze']);
    expect((await list('pageSize=1&page=2')).total).toBe(3);
    expect(await notes(`accountId=${mine}&order=asc`)).toEqual(['New CFO questions the price', 'agenda slipped']);
    expect(await notes(`ownerUserId=${limited.userId}&q=CFO`)).toEqual(['New CFO questions the price']);
    expect((await list('kind=manual,downgrade')).total).toBe(3);
    expect((await list('kind=downgrade')).total).toBe(0);
    expect((await list('from=2099-01-01')).total).toBe(0);
    expect((await list('to=2099-01-01&from=2000-01-01')).total).toBe(3);
    // A user limited to their own accounts sees only those accounts' rows.
    expect((await list('', limited.headers)).total).toBe(2);
    expect((await list('', (await createTestOrg(t, 'Other')).admin.headers)).total).toBe(0);

    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/v1/churn-signals/${first.id}/acknowledge`,
      headers: limited.headers,
      payload: { note: 'Value review booked' },
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledgeNote: 'Value review booked', acknowledgedByName: expect.any(String) });
    expect(await notes('status=acknowledged')).toEqual(['New CFO questions the price']);
    expect((await list('status=open')).total).toBe(2);

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/churn-signals/export.csv?sort=account&order=asc', headers: h });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csvRows(csv.body);
    expect(rows[0]?.slice(0, 6)).toEqual(['id', 'occurred_at', 'kind', 'description', 'account_id', 'account']);
    expect(rows.slice(1).map((r) => [r[5], r[3]])).toContainEqual(['Alpha', 'Churn signal: Budget freeze']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/churn-signals?kind=sad', headers: h })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/churn-signals?from=yesterday', headers: h })).json().details[0].field).toBe(
      'from',
    );
  });

  it('rejects bad input with a 400 naming the field, and writes nothing', async () => {
    const org = await createTestOrg(t);
    const accountId = (await makeAccount(t.app, org.admin.headers)).id;
    const url = `/api/v1/accounts/${accountId}/churn-signals`;
    for (const payload of [{ note: '' }, { note: 12 }, { note: 'ok', kind: 'downgrade' }, {}]) {
      const res = await t.app.inject({ method: 'POST', url, headers: org.admin.headers, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.length).toBeGreaterThan(0);
    }
    expect((await t.app.inject({ method: 'GET', url, headers: org.admin.headers })).json().total).toBe(0);
  });

  it('answers 401 without a session, 404 to another organisation and 403 without the permission', async () => {
    const a = await createTestOrg(t, 'A');
    const b = await createTestOrg(t, 'B');
    const accountId = (await makeAccount(t.app, a.admin.headers)).id;
    const signal = await makeChurnSignal(t.app, a.admin.headers, accountId);
    const url = `/api/v1/accounts/${accountId}/churn-signals`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: b.admin.headers })).statusCode).toBe(404);
    const ackB = await t.app.inject({
      method: 'POST',
      url: `/api/v1/churn-signals/${signal.id}/acknowledge`,
      headers: b.admin.headers,
      payload: {},
    });
    expect(ackB.statusCode).toBe(404);
    const reader = await a.as('read_only');
    expect((await t.app.inject({ method: 'GET', url, headers: reader.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url, headers: reader.headers, payload: { note: 'No' } })).statusCode).toBe(403);
  });
});
