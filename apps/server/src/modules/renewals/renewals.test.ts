import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, runJobs, type TestApp } from '../../../test/harness.ts';
import { PLAYBOOK_FILE } from '../../../test/mrr-playbook.ts';
import { expectedPlaybookRenewals } from '../../../test/renewals-playbook.ts';

/** Renewal reporting through the API: the MRR playbook imported as periods against a count from its CSV, and the rules case by case. */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type THeaders = Record<string, string>;
const call = async (h: THeaders, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) => {
  const res = await t.app.inject({ method, url, headers: h, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};

/** The periods CSV through the imports flow: upload with the periods format, the suggested mapping, validate, import. */
async function importPeriods(h: THeaders, content: Buffer) {
  const form = new FormData();
  form.append('entity', 'subscriptions');
  form.append('format', 'periods');
  form.append('createMissingAccounts', 'true');
  form.append('file', new Blob([content]), 'periods.csv');
  const body = new Response(form);
  const up = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...h, 'content-type': body.headers.get('content-type') ?? '' },
    payload: Buffer.from(await body.arrayBuffer()),
  });
  expect(up.statusCode, up.body).toBe(201);
  const id = up.json().id as string;
  const settle = async () => {
    for (let i = 0; i < 2000; i++) {
      await runJobs(t);
      const imp = await call(h, 'GET', `/api/v1/imports/${id}`);
      if (imp.status !== 'validating' && imp.status !== 'importing') return imp;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the import did not settle');
  };
  await call(h, 'PUT', `/api/v1/imports/${id}/mapping`, { mapping: up.json().suggestedMapping });
  expect((await settle()).status).toBe('validated');
  await call(h, 'POST', `/api/v1/imports/${id}/start`, { mode: 'all_or_nothing' });
  return settle();
}

describe('the renewals report of the MRR playbook, imported as periods', () => {
  it('gives for 2019 by month every figure a count straight from the CSV rows gives, and again after a second import', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await call(h, 'PATCH', '/api/v1/organisation', { reportingCurrency: 'USD' });
    const first = await importPeriods(h, fs.readFileSync(PLAYBOOK_FILE));
    expect([first.status, first.insertedRows]).toEqual(['completed', 121]);

    const today = t.clock.now().toISOString().slice(0, 10);
    const expected = expectedPlaybookRenewals(2019, 30, today);
    const report = await call(h, 'GET', '/api/v1/renewals/report?from=2019-01&to=2019-12&by=month');
    expect(report.currency).toBe('USD');
    expect(report.graceDays).toBe(30);
    expect(report.periods).toHaveLength(12);
    for (const [i, p] of report.periods.entries()) {
      const e = expected[i] as Record<string, number | string | null>;
      for (const [key, value] of Object.entries(e))
        if (typeof value === 'number' && !Number.isInteger(value)) expect(p[key], `${p.period} ${key}`).toBeCloseTo(value, 10);
        else expect(p[key], `${p.period} ${key}`).toEqual(value);
    }
    // The year has real renewals, churn, downgrades and upgrades in it (the comparison is not of zeros).
    const sum = (k: string) => report.periods.reduce((s: number, p: Record<string, number>) => s + (p[k] ?? 0), 0);
    expect([sum('due') > 30, sum('renewed') > 10, sum('churned') > 5, sum('downgraded') > 0, sum('upgraded') > 0]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);

    // The same by quarter and by year adds up to the months.
    const year = await call(h, 'GET', '/api/v1/renewals/report?from=2019-01&to=2019-12&by=year');
    expect(year.periods.map((p: { period: string; due: number; renewed: number }) => [p.period, p.due, p.renewed])).toEqual([
      ['2019', sum('due'), sum('renewed')],
    ]);

    // The drill-down lists the terms behind December's churn, with the account names, and as CSV.
    const dec = await call(h, 'GET', '/api/v1/renewals/terms?from=2019-12&to=2019-12&outcome=churned&pageSize=200');
    expect(dec.total).toBe(report.periods[11].churned);
    expect(dec.items.every((r: { accountName: string; lastDay: string }) => r.accountName && r.lastDay === '2019-12-31')).toBe(true);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/renewals/terms/export.csv?from=2019-12&to=2019-12&outcome=churned',
      headers: h,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split(/\r?\n/)).toHaveLength(dec.total + 1);

    const second = await importPeriods(h, fs.readFileSync(PLAYBOOK_FILE));
    expect([second.status, second.unchangedRows]).toEqual(['completed', 121]);
    expect(await call(h, 'GET', '/api/v1/renewals/report?from=2019-01&to=2019-12&by=month')).toEqual(report);
  }, 240_000); // 121 rows through the import, twice: slow on a busy 2-core machine

  it('refuses bad input with a 400 naming the field', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    for (const [query, field] of [
      ['from=2019-13&to=2019-12', 'from'],
      ['from=2019-01&to=2019-12&by=week', 'by'],
      ['from=2019-05&to=2019-01', 'from'],
      ['from=2019-01&to=2019-12&owner=nope', 'owner'],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/renewals/report?${query}`, headers: h });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });
});
