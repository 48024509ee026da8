import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TPeriodRow } from '../src/modules/subscriptions/index.ts';

/**
 * The dbt Labs MRR playbook's subscription periods (test/fixtures, with its provenance) and the month-by-month
 * MRR, customers and movements its published rules give: shared by the subscriptions test (the domain core),
 * the import test (through the imports flow) and the CLI test (end to end).
 */
export const PLAYBOOK_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/mrr-playbook-subscription-periods.csv');

/** The metrics range the table covers: GET /api/v1/metrics/mrr?… */
export const PLAYBOOK_QUERY = 'from=2018-01&to=2020-02&by=month';

type TExpectedRow = [string, number, number, number, number, number, number, number, number, number, number];

// month, active customers, MRR, new (n, $), reactivation (n, $), upgrade $, downgrade $ (negative), churn (n, $ negative)
export const PLAYBOOK_EXPECTED: TExpectedRow[] = [
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

/** The periods of GET /api/v1/metrics/mrr in the table's shape. */
export function playbookRows(periods: Record<string, number | string>[]): TExpectedRow[] {
  return periods.map(
    (p) =>
      [
        p.period,
        p.customers,
        p.mrr,
        p.newCustomers,
        p.new,
        p.reactivatedCustomers,
        p.reactivation,
        p.expansion,
        -(Number(p.contraction) || 0),
        p.churnedCustomers,
        -(Number(p.churn) || 0),
      ].map((v) => (v === 0 ? 0 : v)) as TExpectedRow,
  );
}

/** The file's rows as period rows (in dollars, no plans), for the domain core. */
export function readPlaybookPeriods(): TPeriodRow[] {
  const [, ...lines] = fs.readFileSync(PLAYBOOK_FILE, 'utf8').trim().split(/\r?\n/);
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
