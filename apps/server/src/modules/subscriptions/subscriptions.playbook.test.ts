import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { writeImportedSubscription } from './subscriptions.import.ts';
import { periodsToSubscriptions, type TPeriodRow } from './subscriptions.periods.ts';

/**
 * The dbt Labs MRR playbook's subscription periods (test/fixtures, with its provenance) imported as periods,
 * against the month-by-month MRR, customers and movements its published rules give.
 */
const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/mrr-playbook-subscription-periods.csv');

// month, active customers, MRR, new (n, $), reactivation (n, $), upgrade $, downgrade $ (negative), churn (n, $ negative)
const EXPECTED: [string, number, number, number, number, number, number, number, number, number, number][] = [
  ['2018-01', 1, 55, 1, 55, 0, 0, 0, 0, 0, 0],
  ['2018-02', 1, 70, 0, 0, 0, 0, 15, 0, 0, 0],
  ['2018-03', 1, 70, 0, 0, 0, 0, 0, 0, 0, 0],
  ['2018-04', 2, 150, 1, 80, 0, 0, 0, 0, 0, 0],
  ['2018-05', 3, 190, 2, 120, 0, 0, 0, 0, 1, -80],
  ['2018-06', 4, 235, 1, 25, 0, 0, 30, -10, 0, 0],
  ['2018-07', 4, 260, 0, 0, 0, 0, 25, 0, 0, 0],
  ['2018-08', 4, 260, 0, 0, 0, 0, 0, 0, 0, 0],
  ['2018-09', 6, 340, 1, 30, 1, 50, 0, 0, 0, 0],
  ['2018-10', 6, 335, 0, 0, 0, 0, 20, -25, 0, 0],
  ['2018-11', 11, 575, 5, 240, 0, 0, 0, 0, 0, 0],
  ['2018-12', 12, 585, 1, 25, 0, 0, 50, -65, 0, 0],
  ['2019-01', 13, 620, 1, 25, 0, 0, 10, 0, 0, 0],
  ['2019-02', 13, 625, 1, 30, 0, 0, 25, 0, 1, -50],
  ['2019-03', 14, 660, 2, 60, 0, 0, 0, 0, 1, -25],
  ['2019-04', 17, 895, 2, 120, 1, 50, 65, 0, 0, 0],
  ['2019-05', 21, 965, 4, 155, 0, 0, 0, -85, 0, 0],
  ['2019-06', 22, 1135, 1, 50, 0, 0, 150, -30, 0, 0],
  ['2019-07', 26, 1350, 3, 205, 1, 50, 0, -40, 0, 0],
  ['2019-08', 26, 1240, 3, 105, 0, 0, 0, -55, 3, -160],
  ['2019-09', 31, 1455, 5, 165, 0, 0, 80, -30, 0, 0],
  ['2019-10', 36, 1680, 5, 220, 0, 0, 80, -75, 0, 0],
  ['2019-11', 42, 1840, 6, 210, 0, 0, 60, -110, 0, 0],
  ['2019-12', 28, 1255, 3, 100, 0, 0, 50, -30, 17, -705],
  ['2020-01', 4, 175, 4, 175, 0, 0, 0, 0, 28, -1255],
  ['2020-02', 0, 0, 0, 0, 0, 0, 0, 0, 4, -175],
];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

function readPlaybookPeriods(): TPeriodRow[] {
  const [, ...lines] = fs.readFileSync(FILE, 'utf8').trim().split(/\r?\n/);
  return lines.map((line, i) => {
    const [, customerId, startDate, endDate, amount] = line.split(',');
    return {
      rowNumber: i + 2,
      customerId: customerId as string,
      startDate: startDate as string,
      endDate: endDate || null,
      monthlyAmount: Number(amount),
      planId: null,
      planLabel: null,
      planTier: 0,
      currency: 'USD',
      quantity: 1,
    };
  });
}

describe('the MRR playbook, imported as periods', () => {
  it('gives the published month-by-month MRR, customers and movements, and a second import changes nothing', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: h, payload: { reportingCurrency: 'USD' } });
    const subs = periodsToSubscriptions(readPlaybookPeriods());
    const accounts = new Map<string, string>();
    for (const id of new Set(subs.map((s) => s.customerId)))
      accounts.set(id, (await makeAccount(t.app, h, { name: `Customer ${id}`, externalId: id })).id);
    const deps = { clock: t.clock, events: t.events, plans: t.services.plans, timeline: t.services.timeline };
    const write = async () => {
      const outcomes: string[] = [];
      for (const s of subs)
        outcomes.push(
          await t.db.transaction((tx) =>
            writeImportedSubscription(tx, deps, org.orgId, accounts.get(s.customerId) as string, s, { importId: null, actorUserId: null }),
          ),
        );
      return outcomes;
    };
    expect(new Set(await write())).toEqual(new Set(['inserted']));

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/metrics/mrr?from=2018-01&to=2020-02&by=month', headers: h });
    expect(res.statusCode, res.body).toBe(200);
    const got = res
      .json()
      .periods.map((p: Record<string, number>) =>
        [
          p.period,
          p.customers,
          p.mrr,
          p.newCustomers,
          p.new,
          p.reactivatedCustomers,
          p.reactivation,
          p.expansion,
          -(p.contraction ?? 0),
          p.churnedCustomers,
          -(p.churn ?? 0),
        ].map((v) => (v === 0 ? 0 : v)),
      );
    expect(got).toEqual(EXPECTED);

    expect(new Set(await write())).toEqual(new Set(['unchanged']));
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/metrics/mrr?from=2018-01&to=2020-02&by=month', headers: h });
    expect(again.json().periods).toEqual(res.json().periods);
  }, 120_000);
});
