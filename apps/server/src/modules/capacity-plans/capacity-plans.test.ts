import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeCapacityPerson } from './capacity-plans.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-18T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

describe('capacity', () => {
  it('shows the coming journey work per team and week against the team’s hours, with the clock', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const csm = await org.as('csm');
    const cse = await org.as('cse');
    const vp = await org.as('vp_cs');
    await makeCapacityPerson(t.app, h, csm.userId, { team: 'customer_success', hoursPerWeek: 30 });
    await makeCapacityPerson(t.app, h, cse.userId, { team: 'professional_services', hoursPerWeek: 2 });
    const account = await makeAccount(t.app, h);
    // The default journey from Monday: week 1 "Technical set-up" is the CSE's, high effort (16 h) in one week.
    const started = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${account.id}/journeys`,
      headers: h,
      payload: { startedOn: '2026-11-16' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const get = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/capacity?weeks=4', headers: vp.headers })).json();
    const now = await get();
    expect(now.weeks.map((w: { weekStart: string }) => w.weekStart)).toEqual(['2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07']);
    expect(now.weeks[0].demand.professional_services.milestones).toBe(16);
    expect(now.weeks[0].capacity).toEqual({ customer_success: 30, professional_services: 2 });
    expect(now.weeks[0].over.professional_services).toBe(true);
    expect(now.people.map((p: { name: string }) => p.name).sort()).toEqual(['Test cse', 'Test csm']);

    // Another journey started two weeks earlier: its set-up milestone is late and still open, so its hours are this week's.
    const late = await makeAccount(t.app, h);
    await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${late.id}/journeys`, headers: h, payload: { startedOn: '2026-11-02' } });
    const after = await get();
    expect(after.weeks.map((w: { demand: { professional_services: { total: number } } }) => w.demand.professional_services.total)).toEqual([
      32, 0, 0, 0,
    ]);
    expect(after.weeks[0].demand.customer_success.milestones).toBeGreaterThan(now.weeks[0].demand.customer_success.milestones);

    // The lists page, filter, sort and export CSV like the others: the people, and the weeks per team.
    const people = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/capacity/people?${query}`, headers: vp.headers })).json();
    expect((await people('sort=hoursPerWeek&order=desc')).items.map((p: { name: string }) => p.name)).toEqual(['Test csm', 'Test cse']);
    expect((await people('team=professional_services')).items.map((p: { hoursPerWeek: number }) => p.hoursPerWeek)).toEqual([2]);
    expect(await people('q=csm&pageSize=1')).toMatchObject({ total: 1, items: [{ name: 'Test csm', team: 'customer_success' }] });
    const paged = await people('sort=name&order=asc&pageSize=1&page=2');
    expect([paged.total, paged.items.map((p: { name: string }) => p.name)]).toEqual([2, ['Test csm']]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/capacity/people?team=sales', headers: vp.headers });
    expect([bad.statusCode, bad.body]).toEqual([400, expect.stringContaining('team')]);
    const peopleCsv = await t.app.inject({ method: 'GET', url: '/api/v1/capacity/people/export.csv?sort=name', headers: vp.headers });
    expect(csvRows(peopleCsv.body).map((r) => r.slice(1))).toEqual([
      ['name', 'role', 'team', 'hours_per_week'],
      ['Test cse', 'cse', 'professional_services', '2'],
      ['Test csm', 'csm', 'customer_success', '30'],
    ]);
    const weeksCsv = csvRows(
      (await t.app.inject({ method: 'GET', url: '/api/v1/capacity/weeks/export.csv?weeks=2', headers: vp.headers })).body,
    );
    expect(weeksCsv[0]).toEqual([
      'week_start',
      'team',
      'milestone_hours',
      'renewal_hours',
      'upsell_hours',
      'demand_hours',
      'capacity_hours',
      'over_capacity',
    ]);
    expect(weeksCsv.slice(1).map((r) => [r[0], r[1], r[5], r[6], r[7]])).toEqual([
      [
        '2026-11-16',
        'customer_success',
        String(after.weeks[0].demand.customer_success.total),
        '30',
        String(after.weeks[0].over.customer_success),
      ],
      ['2026-11-16', 'professional_services', '32', '2', 'true'],
      [
        '2026-11-23',
        'customer_success',
        String(after.weeks[1].demand.customer_success.total),
        '30',
        String(after.weeks[1].over.customer_success),
      ],
      ['2026-11-23', 'professional_services', '0', '2', 'false'],
    ]);
  }, 90_000);

  it('keeps CS spend at 12 % of ACV by default against the team cost entered, and only admins change settings', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const vp = await org.as('vp_cs');
    const csm = await org.as('csm');
    const first = (await t.app.inject({ method: 'GET', url: '/api/v1/capacity', headers: h })).json();
    expect(first.weeks).toHaveLength(12);
    expect(first.csSpend).toMatchObject({ percent: 12, acv: 0, budgetPerMonth: 0, actualPerMonth: null, currency: 'EUR' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/capacity', headers: csm.headers })).statusCode).toBe(403);
    const refused = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/capacity/settings',
      headers: vp.headers,
      payload: { csSpendPercent: 10 },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/capacity/settings', headers: h, payload: { csSpendPercent: 120 } });
    expect(bad.json().details[0].field).toBe('csSpendPercent');
    const saved = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/capacity/settings',
      headers: h,
      payload: { csSpendPercent: 10, teamCostPerMonth: 5000 },
    });
    expect(saved.json()).toMatchObject({ csSpendPercent: 10, teamCostPerMonth: 5000, renewalHours: 4 });
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/capacity/people/0190a0a0-0000-7000-8000-000000000000',
      headers: h,
      payload: { team: 'customer_success', hoursPerWeek: 10 },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
