import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, signIn, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeRenewalOpportunity } from './renewal-opportunities.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2027-01-10T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

const patch = (id: string, headers: Record<string, string>, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/renewal-opportunities/${id}`, headers, payload });
const fieldsOf = (res: { json(): { details?: { field: string }[] } }) => (res.json().details ?? []).map((d) => d.field);

describe('renewal opportunities', () => {
  it('opens a renewal once per term, moves it through the stages with audit and timeline, closes it', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const csm = await org.as('csm', { name: 'Carla CSM' });
    const account = await makeAccount(t.app, h, { name: 'Acme Renewals', ownerUserId: csm.userId });
    const opp = await makeRenewalOpportunity(t.app, h, account.id, { termEnd: '2027-03-31' });
    expect(opp).toMatchObject({
      accountName: 'Acme Renewals',
      stage: 'upcoming',
      category: 'renew',
      dueOn: '2027-04-01',
      termLastDay: '2027-03-31',
      daysLeft: 81,
      timing: 'on_track',
      ownerName: 'Carla CSM',
      currency: 'EUR',
      targetCents: 1_200_000,
      forecastCents: 1_200_000,
    });
    // Opening again answers the same renewal.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${opp.subscriptionId}/renewal-opportunity`,
      headers: h,
    });
    expect(again.json().id).toBe(opp.id);

    const moved = await patch(opp.id, csm.headers, { stage: 'negotiating', forecastCents: 1_400_000, category: 'upsell' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ stage: 'negotiating', forecastCents: 1_400_000, category: 'upsell', closedAt: null });

    const noReason = await patch(opp.id, csm.headers, { stage: 'churned' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason)).toEqual(['closeReason']);
    const closed = await patch(opp.id, csm.headers, { stage: 'renewed', closeReason: 'Signed for two years' });
    expect(closed.json()).toMatchObject({ stage: 'renewed', timing: 'closed', closeReason: 'Signed for two years' });
    expect(closed.json().closedAt).not.toBeNull();

    const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/timeline?kind=renewal`, headers: h });
    const subjects = timeline.json().items.map((i: { subject: string }) => i.subject);
    expect(subjects).toEqual(expect.arrayContaining(['Renewal: Upcoming → Negotiating', 'Renewal: Negotiating → Renewed']));
    expect(subjects.some((s: string) => s.startsWith('Renewal opened'))).toBe(true);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?entityType=renewal_opportunity&entityId=${opp.id}`,
      headers: h,
    });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['stage_changed']));

    const account2 = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/renewal-opportunities`, headers: h });
    expect(account2.json()).toMatchObject({ total: 1, items: [{ id: opp.id, stage: 'renewed' }] });
  });

  it('lists, filters, sorts, pages, exports and shows a board; overdue and due soon stand out', async () => {
    const org = await createTestOrg(t);
    let h = org.admin.headers;
    const a = await makeAccount(t.app, h, { name: 'Alpha BV' });
    const b = await makeAccount(t.app, h, { name: 'Beta ApS' });
    const c = await makeAccount(t.app, h, { name: 'Gamma Ltd' });
    const soon = await makeRenewalOpportunity(t.app, h, a.id, { termEnd: '2027-01-20' });
    const late = await makeRenewalOpportunity(t.app, h, b.id, { termStart: '2026-01-10', termEnd: '2027-01-31' });
    const far = await makeRenewalOpportunity(t.app, h, c.id, { termEnd: '2027-04-30' });
    await patch(late.id, h, { stage: 'contacted' });
    t.clock.set('2027-02-05T09:00:00Z');
    try {
      h = (await signIn(t, org.admin.email)).headers;
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-opportunities?sort=dueOn&order=asc', headers: h });
      expect(list.json().items.map((r: { accountName: string; timing: string }) => [r.accountName, r.timing])).toEqual([
        ['Alpha BV', 'overdue'],
        ['Beta ApS', 'overdue'],
        ['Gamma Ltd', 'on_track'],
      ]);
      const overdue = await t.app.inject({
        method: 'GET',
        url: '/api/v1/renewal-opportunities?timing=overdue&stage=contacted',
        headers: h,
      });
      expect(overdue.json()).toMatchObject({ total: 1, items: [{ id: late.id }] });
      const paged = await t.app.inject({
        method: 'GET',
        url: '/api/v1/renewal-opportunities?sort=account&order=desc&pageSize=1&page=2',
        headers: h,
      });
      expect(paged.json()).toMatchObject({ total: 3, items: [{ id: late.id }] });
      const searched = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-opportunities?q=gamma', headers: h });
      expect(searched.json().items.map((r: { id: string }) => r.id)).toEqual([far.id]);
      const csv = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-opportunities/export.csv?sort=dueOn', headers: h });
      const rows = csvRows(csv.body);
      expect(rows[0]?.slice(0, 4)).toEqual(['id', 'account', 'subscription', 'renewal_date']);
      expect(rows.slice(1).map((r) => r[1])).toEqual(['Alpha BV', 'Beta ApS', 'Gamma Ltd']);
      expect(rows[1]?.[10]).toBe('12000.00');
      const board = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-opportunities/board', headers: h });
      const stages = board.json().stages as { stage: string; count: number; totals: unknown[]; items: { id: string }[] }[];
      expect(stages.map((s) => s.stage)).toEqual([
        'upcoming',
        'contacted',
        'negotiating',
        'quote_sent',
        'quote_accepted',
        'renewed',
        'downgraded',
        'churned',
      ]);
      expect(stages[0]).toMatchObject({ count: 2, totals: [{ currency: 'EUR', targetCents: 2_400_000, forecastCents: 2_400_000 }] });
      expect(stages[0]?.items.map((i) => i.id)).toEqual([soon.id, far.id]);
      expect(stages[1]?.items.map((i) => i.id)).toEqual([late.id]);
      const perStage = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-opportunities/board?perStage=1', headers: h });
      expect(perStage.json().stages[0]).toMatchObject({ count: 2, items: [{ id: soon.id }] });
    } finally {
      t.clock.set('2027-01-10T09:00:00Z');
    }
  });

  it('records a quote outcome for a quotes module', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h);
    const opp = await makeRenewalOpportunity(t.app, h, account.id);
    await t.services.renewalOpportunities.recordQuoteOutcome(org.orgId, opp.id, { status: 'sent' });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/renewal-opportunities/${opp.id}`, headers: h })).json()).toMatchObject({
      stage: 'quote_sent',
      quoteStatus: 'sent',
    });
    await t.services.renewalOpportunities.recordQuoteOutcome(org.orgId, opp.id, {
      status: 'accepted',
      outcome: 'downgraded',
      reason: 'Fewer seats',
    });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/renewal-opportunities/${opp.id}`, headers: h })).json()).toMatchObject({
      stage: 'downgraded',
      quoteStatus: 'accepted',
      closeReason: 'Fewer seats',
      timing: 'closed',
    });
  });

  it('keeps renewals in their organisation and of their owner’s accounts', async () => {
    const org = await createTestOrg(t);
    const other = await createTestOrg(t);
    const h = org.admin.headers;
    const mine = await org.as('csm', { ownAccountsOnly: true });
    const own = await makeAccount(t.app, h, { ownerUserId: mine.userId });
    const notOwn = await makeAccount(t.app, h);
    const a = await makeRenewalOpportunity(t.app, h, own.id);
    const b = await makeRenewalOpportunity(t.app, h, notOwn.id);
    for (const id of [a.id, b.id]) {
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/v1/renewal-opportunities/${id}`, headers: other.admin.headers })).statusCode,
      ).toBe(404);
      expect((await patch(id, other.admin.headers, { stage: 'contacted' })).statusCode).toBe(404);
    }
    const theirs = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-opportunities', headers: other.admin.headers });
    expect(theirs.json().total).toBe(0);
    const limited = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-opportunities', headers: mine.headers });
    expect(limited.json().items.map((r: { id: string }) => r.id)).toEqual([a.id]);
    expect((await patch(b.id, mine.headers, { stage: 'contacted' })).statusCode).toBe(404);
    const sub = await t.app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${a.subscriptionId}/renewal-opportunity`,
      headers: other.admin.headers,
    });
    expect(sub.statusCode).toBe(404);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const opp = await makeRenewalOpportunity(t.app, h, (await makeAccount(t.app, h)).id);
    expect(fieldsOf(await patch(opp.id, h, { stage: 'won' }))).toEqual(['stage']);
    expect(fieldsOf(await patch(opp.id, h, { forecastCents: -1 }))).toEqual(['forecastCents']);
    expect(fieldsOf(await patch(opp.id, h, { colour: 'red' }))).toEqual(['colour']);
    expect(fieldsOf(await patch(opp.id, h, { ownerUserId: '0190a0a0-0000-7000-8000-000000000000' }))).toEqual(['ownerUserId']);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-opportunities?sort=colour', headers: h });
    expect(list.statusCode).toBe(400);
    expect(fieldsOf(list)).toEqual(['sort']);
    const put = (payload: object, headers = h) => t.app.inject({ method: 'PUT', url: '/api/v1/renewal-settings', headers, payload });
    expect(fieldsOf(await put({ reminderOffsets: [30, 30] }))).toEqual(['reminderOffsets']);
    expect(fieldsOf(await put({ leadDays: -3 }))).toEqual(['leadDays']);
    expect(fieldsOf(await put({ leadDaysRules: [{ segment: 'enterprise' }] }))[0]).toMatch(/^leadDaysRules/);
    const csm = await org.as('csm');
    expect((await put({ leadDays: 60 }, csm.headers)).statusCode).toBe(403);
  });

  it('keeps the renewal settings', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const get = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-settings', headers: h });
    expect(get.json()).toEqual({
      leadDays: 90,
      leadDaysRules: [],
      reminderOffsets: [120, 90, 60, 30, 7],
      overdueReminder: true,
      customerEmails: false,
      customerReminderOffsets: [60, 30],
    });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/renewal-settings',
      headers: h,
      payload: {
        leadDays: 60,
        leadDaysRules: [{ segment: 'enterprise', days: 150 }],
        reminderOffsets: [14, 45],
        customerEmails: true,
        customerReminderOffsets: [14, 90],
      },
    });
    expect(put.json()).toEqual({
      leadDays: 60,
      leadDaysRules: [{ segment: 'enterprise', edition: null, days: 150 }],
      reminderOffsets: [45, 14],
      overdueReminder: true,
      customerEmails: true,
      customerReminderOffsets: [90, 14],
    });
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-settings', headers: h });
    expect(again.json()).toEqual(put.json());
  });
});
