import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeCustomField } from '../custom-fields/index.ts';
import { makeMarket } from '../organisations/index.ts';
import { makeObjective } from './success-plans.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

/** The PDF's text as pdftotext reads it, whitespace (also no-break spaces) folded to single spaces. */
const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf })
    .toString('utf8')
    .replace(/[\s\u00a0\u202f]+/g, ' ');

describe('success plans', () => {
  it('records objectives, progress and value delivered; computes % achieved; audits and writes the timeline', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accountId = (await makeAccount(t.app, h, { name: 'Hansen Bakeries' })).id;
    const leads = await makeObjective(t.app, h, accountId, {
      title: 'More inbound leads',
      baseline: 100,
      target: 150,
      dueOn: '2027-06-30',
    });
    expect(leads).toMatchObject({ status: 'on_track', current: 100, percentAchieved: 0, lastMeasuredOn: null, source: 'manual' });

    const progress = (id: string, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/success-objectives/${id}/progress`, headers: h, payload });
    expect((await progress(leads.id, { value: 120, note: 'First month', measuredOn: '2026-10-01' })).json()).toMatchObject({
      current: 120,
      percentAchieved: 40,
    });
    const done = (await progress(leads.id, { value: 155 })).json();
    // Past the target: 110 %, and a running objective becomes achieved.
    expect(done).toMatchObject({ current: 155, percentAchieved: 110, status: 'achieved', lastMeasuredOn: '2026-11-21' });
    // A back-dated measurement does not replace the latest one.
    expect((await progress(leads.id, { value: 110, measuredOn: '2026-09-25' })).json()).toMatchObject({ current: 155 });
    expect((await progress(leads.id, { value: 1, measuredOn: '2026-11-22' })).json().details[0]).toMatchObject({
      field: 'measuredOn',
      code: 'success_progress_in_future',
    });

    const value = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/success-value-items`,
      headers: h,
      payload: { description: 'Deals from nurture', amount: 18000, deliveredOn: '2026-12-15', objectiveId: leads.id },
    });
    expect(value.statusCode).toBe(201);
    expect(value.json()).toMatchObject({ currency: 'EUR', objectiveTitle: 'More inbound leads' });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/success-value-items`,
      headers: h,
      payload: { description: 'Hours saved on reporting', amount: 2500.5, deliveredOn: '2027-01-02' },
    });

    const plan = (await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/success-plan`, headers: h })).json();
    expect(plan.accountName).toBe('Hansen Bakeries');
    expect(plan.objectives[0].progress.map((p: { value: number }) => p.value)).toEqual([110, 120, 155]);
    expect(plan.valueTotals).toEqual([{ currency: 'EUR', amount: 20500.5 }]);

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?entityType=success_objective&entityId=${leads.id}`,
      headers: h,
    });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('progress_recorded');
    const timeline = (
      await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/timeline?kind=success_plan`, headers: h })
    ).json();
    expect(timeline.items.map((i: { subject: string }) => i.subject).sort()).toEqual([
      'Objective: More inbound leads (110 %)',
      'Value delivered: Deals from nurture (EUR 18000)',
      'Value delivered: Hours saved on reporting (EUR 2500.5)',
    ]);
  });

  it('refuses bad input naming the field, and an objective of another account for a value item', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const a = (await makeAccount(t.app, h)).id;
    const b = (await makeAccount(t.app, h)).id;
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${a}/success-objectives`,
      headers: h,
      payload: { title: 'x', metric: 'revenue', baseline: 1, target: 2, unit: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('metric');
    const linked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${a}/success-objectives`,
      headers: h,
      payload: { title: 'x', metric: 'custom', baseline: 1, target: 2, unit: 'x', source: 'custom_field', sourceKey: 'nope' },
    });
    expect(linked.json().details[0]).toMatchObject({ field: 'sourceKey', code: 'success_objective_custom_field_unknown' });
    const objective = await makeObjective(t.app, h, b);
    const value = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${a}/success-value-items`,
      headers: h,
      payload: { description: 'x', amount: 1, deliveredOn: '2026-11-01', objectiveId: objective.id },
    });
    expect(value.json().details[0]).toMatchObject({ field: 'objectiveId', code: 'success_value_objective_elsewhere' });
  });

  it('measures an objective linked to a number custom field of the account', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const field = await makeCustomField(t, org.admin, { key: 'leads_per_month', label: 'Leads per month', type: 'number' });
    const account = await makeAccount(t.app, h);
    const o = await makeObjective(t.app, h, account.id, { source: 'custom_field', sourceKey: field.key, baseline: 40, target: 80 });
    const empty = await t.app.inject({ method: 'POST', url: `/api/v1/success-objectives/${o.id}/measure`, headers: h });
    expect(empty.json().details[0].code).toBe('success_objective_no_value');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      headers: h,
      payload: { custom: { leads_per_month: 70 } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const measured = await t.app.inject({ method: 'POST', url: `/api/v1/success-objectives/${o.id}/measure`, headers: h });
    expect(measured.statusCode).toBe(201);
    expect(measured.json()).toMatchObject({ current: 70, percentAchieved: 75 });
    const plan = (await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/success-plan`, headers: h })).json();
    expect(plan.objectives[0].progress[0]).toMatchObject({ source: 'custom_field', value: 70 });
    const manual = await makeObjective(t.app, h, account.id);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/success-objectives/${manual.id}/measure`, headers: h });
    expect(refused.json().details[0].code).toBe('success_objective_not_linked');
  });

  it('lets a CSM limited to own accounts work on theirs only, and a read-only user read', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const csm = await org.as('csm', { ownAccountsOnly: true });
    const viewer = await org.as('read_only');
    const mine = (await makeAccount(t.app, h, { name: 'Mine', ownerUserId: csm.userId })).id;
    const other = (await makeAccount(t.app, h, { name: 'Other' })).id;
    await makeObjective(t.app, csm.headers, mine, { title: 'Mine to do' });
    await expect(makeObjective(t.app, csm.headers, other)).rejects.toThrow(/404/);
    const o = await makeObjective(t.app, h, other, { title: 'Theirs' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/success-objectives', headers: csm.headers });
    expect(list.json().items.map((i: { title: string }) => i.title)).toEqual(['Mine to do']);
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/success-objectives/${o.id}`, headers: viewer.headers });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: `/api/v1/success-objectives/${o.id}/progress`,
      headers: viewer.headers,
      payload: { value: 1 },
    });
    expect(write.statusCode).toBe(403);
  });

  it('lists objectives across accounts with filters, sort by % achieved, paging and CSV', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const a = (await makeAccount(t.app, h, { name: 'Alpha' })).id;
    const b = (await makeAccount(t.app, h, { name: 'Beta' })).id;
    const o1 = await makeObjective(t.app, h, a, { title: 'Leads', baseline: 0, target: 100 });
    const o2 = await makeObjective(t.app, h, b, { title: 'Sales', metric: 'new_sales', baseline: 0, target: 10, unit: 'deals' });
    await makeObjective(t.app, h, b, { title: 'Adoption', metric: 'custom', baseline: 0, target: 10, unit: 'users' });
    for (const [id, value] of [
      [o1.id, 30],
      [o2.id, 9],
    ] as const)
      await t.app.inject({ method: 'POST', url: `/api/v1/success-objectives/${id}/progress`, headers: h, payload: { value } });
    const list = async (q: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/success-objectives?${q}`, headers: h })).json() as {
        total: number;
        items: { title: string; accountName: string; percentAchieved: number }[];
      };
    expect((await list('sort=percentAchieved&order=desc')).items.map((i) => [i.title, i.percentAchieved])).toEqual([
      ['Sales', 90],
      ['Leads', 30],
      ['Adoption', 0],
    ]);
    expect((await list('metric=new_sales')).items.map((i) => i.title)).toEqual(['Sales']);
    expect((await list(`accountId=${b}&sort=title`)).items.map((i) => i.title)).toEqual(['Adoption', 'Sales']);
    expect((await list('q=alp')).items.map((i) => i.accountName)).toEqual(['Alpha']);
    const page = await list('sort=title&pageSize=2&page=2');
    expect([page.total, page.items.map((i) => i.title)]).toEqual([3, ['Sales']]);
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/success-objectives/export.csv?sort=title', headers: h });
    const rows = csvRows(csv.body);
    expect(rows[0]?.slice(0, 3)).toEqual(['account', 'objective', 'metric']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Adoption', 'Leads', 'Sales']);
  });

  it('renders the one-page Customer ROI PDF in the account’s language, or the one asked for', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const market = await makeMarket(t, org.admin, { name: 'Danmark', language: 'da', currency: 'DKK' });
    const accountId = (await makeAccount(t.app, h, { name: 'Søndergaard Rør', marketId: market.id })).id;
    const o = await makeObjective(t.app, h, accountId, { title: 'Flere leads', baseline: 100, target: 200, unit: 'leads' });
    await t.app.inject({ method: 'POST', url: `/api/v1/success-objectives/${o.id}/progress`, headers: h, payload: { value: 150 } });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/success-value-items`,
      headers: h,
      payload: { description: 'Sparede timer', amount: 12500, deliveredOn: '2026-11-02' },
    });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/success-plan.pdf`, headers: h });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('customer-roi-s-ndergaard-r-r.pdf');
    expect(execFileSync('pdfinfo', ['-'], { input: res.rawPayload }).toString()).toMatch(/Pages:\s+1\n/);
    const da = pdfText(res.rawPayload);
    expect(da).toContain('Kunde-ROI');
    expect(da).toContain('Søndergaard Rør');
    expect(da).toContain('Flere leads');
    expect(da).toContain('50 %');
    expect(da).toContain('12.500,00 kr.');
    expect(da).toContain('0 af 1 mål nået');
    const en = pdfText(
      (await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/success-plan.pdf?language=en`, headers: h })).rawPayload,
    );
    expect(en).toContain('Customer ROI');
    expect(en).toContain('Value delivered');
    expect(en).toContain('DKK 12,500.00');
    const nl = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/success-plan.pdf?language=de`, headers: h });
    expect(nl.statusCode).toBe(400);
  });
});
