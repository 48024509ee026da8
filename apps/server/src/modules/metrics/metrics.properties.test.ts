import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeep, SAMPLE_SEED } from '../../../test/depth.ts';
import { buildTestApp, createTestOrg, runJobs, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeMarket } from '../organisations/index.ts';
import { makePlan } from '../plans/index.ts';
import { addDays, makeSubscription } from '../subscriptions/index.ts';
import { movementsByPeriod, wholePeriodMovements } from './metrics.series.repository.ts';
import { computeSeries, movementsOf } from './metrics.series.ts';
import { buildSummary, summaryState } from './metrics.summary.repository.ts';

/**
 * Random subscription histories (several accounts, two currencies with monthly rates, changes recorded in
 * random order so most are back-dated) through the API; then, for every period of the series: start +
 * movements = end to the cent, MRR never negative, customers add up, and the per-market series add up to
 * the whole; the movements stored per whole period (month, quarter, year) are those the change points give, and
 * the migration that filled them for existing data writes the same rows the projection does; the organisation's monthly
 * summary (read by the whole organisation's series by month) gives the series the accounts' rows give, after every
 * change (it exists from the start, so each back-dated change updates it), a change of rates and of the reactivation
 * window, and equals the summary built afresh.
 * `npm test` runs a seeded sample; `npm run test:deep` many more histories.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const DAYS = Array.from({ length: 24 }, (_, m) =>
  [1, 10, 28].map((d) => `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
).flat();
const zDay = fc.constantFrom(...DAYS);
const zChange = fc.oneof(
  fc.record({ op: fc.constant('quantity'), quantity: fc.integer({ min: 1, max: 30 }), effectiveDate: zDay }),
  fc.record({ op: fc.constant('price'), unitPrice: fc.integer({ min: 0, max: 500 }), effectiveDate: zDay }),
  fc.record({
    op: fc.constant('discount'),
    discount: fc.record({ percent: fc.integer({ min: 5, max: 100 }), kind: fc.constantFrom('lasting', 'once') }),
    effectiveDate: zDay,
  }),
  fc.record({ op: fc.constant('remove_discount'), effectiveDate: zDay }),
  fc.record({ op: fc.constant('end'), effectiveDate: zDay }),
  fc.record({ op: fc.constant('reactivate'), effectiveDate: zDay }),
  fc.record({
    op: fc.constant('add_line'),
    line: fc.record({
      description: fc.constant('Add-on'),
      quantity: fc.integer({ min: 1, max: 5 }),
      unitPrice: fc.integer({ min: 1, max: 90 }),
    }),
    effectiveDate: zDay,
  }),
);
const zSubscription = fc.record({
  account: fc.integer({ min: 0, max: 3 }),
  currency: fc.constantFrom('EUR', 'USD'),
  intervalMonths: fc.constantFrom(1, 3, 12),
  termStart: zDay,
  // A trial of two weeks for some; a plan (two to choose from, so an account's plan may be a tie) for most.
  trial: fc.boolean(),
  plan: fc.constantFrom(null, 0, 1),
  quantity: fc.integer({ min: 1, max: 20 }),
  unitPrice: fc.constantFrom(1, 45, 90, 450, 900),
  changes: fc.array(zChange, { maxLength: 6 }),
});
const zHistory = fc.record({
  subscriptions: fc.array(zSubscription, { minLength: 1, maxLength: 5 }),
  usdRates: fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 24, maxLength: 24 }),
});

type THistory = typeof zHistory extends fc.Arbitrary<infer T> ? T : never;

/** Run first: a trial with a change during it (two trial versions), and an account whose two plans tie on MRR. */
const EXAMPLE: THistory = {
  subscriptions: [
    {
      account: 0,
      currency: 'EUR',
      intervalMonths: 1,
      termStart: '2023-01-01',
      trial: true,
      plan: 0,
      quantity: 2,
      unitPrice: 45,
      changes: [{ op: 'quantity', quantity: 3, effectiveDate: '2023-01-10' }],
    },
    {
      account: 0,
      currency: 'EUR',
      intervalMonths: 1,
      termStart: '2023-02-01',
      trial: false,
      plan: 1,
      quantity: 3,
      unitPrice: 45,
      changes: [],
    },
    {
      account: 1,
      currency: 'USD',
      intervalMonths: 12,
      termStart: '2023-03-10',
      trial: false,
      plan: null,
      quantity: 1,
      unitPrice: 900,
      changes: [{ op: 'end', effectiveDate: '2024-03-10' }],
    },
  ],
  usdRates: Array.from({ length: 24 }, () => 0.9),
};

type TPeriod = { period: string; mrr: number; startMrr: number; customers: number; startCustomers: number } & Record<
  'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation' | 'newCustomers' | 'reactivatedCustomers' | 'churnedCustomers',
  number
>;
const cents = (n: number) => Math.round(n * 100);

describe('metrics properties', () => {
  it(`hold for random histories with back-dated changes and two currencies (seed ${SAMPLE_SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(zHistory, async (history) => {
        const org = await createTestOrg(t);
        const h = org.admin.headers;
        const markets = [await makeMarket(t, org.admin, { currency: 'EUR' }), await makeMarket(t, org.admin, { currency: 'USD' })];
        const rates = history.usdRates.map((rate, m) => ({
          currency: 'USD',
          month: DAYS[m * 3]?.slice(0, 7) as string,
          rate: Number(rate.toFixed(4)),
        }));
        await t.app.inject({ method: 'PUT', url: '/api/v1/metrics/exchange-rates', headers: h, payload: { rates } });
        const get = async (q: string) =>
          (await t.app.inject({ method: 'GET', url: `/api/v1/metrics/mrr?from=2023-01&to=2025-03&by=month${q}`, headers: h })).json();
        // The first series of the whole organisation builds its (empty) monthly summary: every change below updates it.
        await get('');
        expect(await summaryState(t.db, org.orgId)).toEqual({ window: null });
        const plans = [await makePlan(t.app, h, { tier: 1 }), await makePlan(t.app, h, { tier: 2 })];
        const accounts = await Promise.all(
          [0, 1, 2, 3].map((i) => makeAccount(t.app, h, { name: `Account ${i}`, marketId: markets[i % 2]?.id })),
        );
        for (const s of history.subscriptions) {
          const sub = await makeSubscription(t.app, h, accounts[s.account]?.id as string, {
            currency: s.currency,
            intervalMonths: s.intervalMonths as 1,
            termStart: s.termStart,
            trialEnd: s.trial ? addDays(s.termStart, 13) : null,
            lines: [
              { description: 'Plan', planId: s.plan === null ? null : plans[s.plan]?.id, quantity: s.quantity, unitPrice: s.unitPrice },
            ],
          });
          // Recorded in the generated order, whatever their effective dates: most land before others already there.
          for (const c of s.changes) {
            const body = 'line' in c || c.op === 'end' || c.op === 'reactivate' ? c : { ...c, lineKey: 'L1' };
            const res = await t.app.inject({ method: 'POST', url: `/api/v1/subscriptions/${sub.id}/changes`, headers: h, payload: body });
            expect([200, 400], res.body).toContain(res.statusCode);
          }
        }
        const whole = await get('');
        const grouped = await get('&groupBy=market');
        // The whole organisation's series reads the summary; grouped, its total comes from the accounts' rows.
        expect(whole.periods).toEqual(grouped.periods);
        const periods: TPeriod[] = whole.periods;
        for (const [i, p] of periods.entries()) {
          expect(
            cents(p.startMrr) + cents(p.new) + cents(p.expansion) + cents(p.reactivation) - cents(p.contraction) - cents(p.churn),
            p.period,
          ).toBe(cents(p.mrr));
          expect(p.startCustomers + p.newCustomers + p.reactivatedCustomers - p.churnedCustomers, p.period).toBe(p.customers);
          expect(p.mrr, p.period).toBeGreaterThanOrEqual(0);
          for (const k of ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const) expect(p[k]).toBeGreaterThanOrEqual(0);
          if (i > 0) expect(p.startMrr).toBe(periods[i - 1]?.mrr);
          const groups: { periods: TPeriod[] }[] = grouped.groups;
          for (const k of ['mrr', 'new', 'expansion', 'contraction', 'churn', 'reactivation', 'customers'] as const)
            expect(
              groups.reduce((sum, g) => sum + cents(g.periods[i]?.[k] ?? 0), 0),
              `${p.period} ${k}`,
            ).toBe(cents(p[k]));
        }
        // The quarter series is the month series regrouped: each quarter ends where its last month ends.
        const quarters: TPeriod[] = (
          await t.app.inject({ method: 'GET', url: '/api/v1/metrics/mrr?from=2023-01&to=2025-03&by=quarter', headers: h })
        ).json().periods;
        for (const [q, p] of quarters.entries()) expect(p.mrr, p.period).toBe(periods[q * 3 + 2]?.mrr);
        await storedMovementsAgree(org.orgId);
        await cutPeriodsAgree(org.orgId);
        await backfillAgrees(org.orgId);
        await summaryAgrees(org.orgId, get, h);
        // A rate changed (the rebuild job rewrites every account), then the reactivation window (the summary is built
        // again in the settings' transaction): the summary still gives the accounts' series.
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/metrics/exchange-rates',
          headers: h,
          payload: { rates: [{ currency: 'USD', month: '2023-06', rate: 2.5 }] },
        });
        await runJobs(t);
        await summaryAgrees(org.orgId, get, h);
        const res = await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/metrics/settings',
          headers: h,
          payload: { reactivationWindowDays: 60 },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(await summaryState(t.db, org.orgId)).toEqual({ window: 60 });
        await summaryAgrees(org.orgId, get, h);
      }),
      { seed: SAMPLE_SEED, numRuns: isDeep ? 60 : 6, endOnFailure: true, examples: [[EXAMPLE]] },
    );
  }, 600_000);
});

/** Movement rows in one order (period, then group), whatever order a query returned them in. */
const sorted = (rows: { period: string; groupKey: string | null }[]) =>
  [...rows].sort((a, b) => `${a.period}${a.groupKey}`.localeCompare(`${b.period}${b.groupKey}`));

/**
 * A range that cuts its first and last period (changes fall on the 1st, 10th and 28th: some inside the cut, some
 * outside) gives, from the stored rows and the accounts recomputed, what the change points give.
 */
async function cutPeriodsAgree(orgId: string) {
  for (const unit of ['month', 'quarter', 'year'] as const)
    for (const groupBy of [undefined, 'plan'] as const) {
      const q = { unit, filters: {}, groupBy, reactivationWindowDays: 60, from: '2023-02-05', to: '2024-08-15' };
      expect(sorted(await movementsOf(t.db, orgId, q)), `${unit} ${groupBy}`).toEqual(sorted(await movementsByPeriod(t.db, orgId, q)));
    }
}

/** Every whole period's movements, read from mrr_period_movements, equal those computed from mrr_changes. */
async function storedMovementsAgree(orgId: string) {
  // The reactivation window only splits new from reactivation: both settings whole, one for each grouping.
  const variants = [
    { groupBy: undefined, win: null },
    { groupBy: undefined, win: 60 },
    { groupBy: 'market', win: 60 },
    { groupBy: 'plan', win: null },
  ] as const;
  for (const unit of ['month', 'quarter', 'year'] as const)
    for (const { groupBy, win } of variants) {
      const q = { unit, filters: {}, groupBy, reactivationWindowDays: win };
      const live = await movementsByPeriod(t.db, orgId, { ...q, from: '2023-01-01', to: '2024-12-31' });
      const stored = await wholePeriodMovements(t.db, orgId, { ...q, from: '2023-01-01', to: '2024-12-01' });
      expect(sorted(stored), `${unit} ${groupBy} ${win}`).toEqual(sorted(live));
    }
}

/** The migrations that filled the projection's summaries for existing data. */
const BACKFILLS = ['0011_mrr_period_movements.sql', '0012_mrr_accounts.sql', '0014_mrr_market.sql'].map((f) =>
  readFileSync(fileURLToPath(new URL(`../../db/migrations/${f}`, import.meta.url)), 'utf8'),
);

/** The migration's backfill, run over this organisation's history, writes exactly the rows the projection wrote. */
async function backfillAgrees(orgId: string) {
  const tables = ['mrr_period_movements', 'mrr_subscription_facts', 'mrr_accounts'];
  const raw = async (text: string, params: unknown[] = []) =>
    t.database.pool ? (await t.database.pool.query(text, params)).rows : ((await t.database.pglite?.query(text, params))?.rows ?? []);
  const snapshot = async () =>
    Promise.all(tables.map((table) => raw(`select * from ${table} t where org_id = $1 order by t::text`, [orgId])));
  const projected = await snapshot();
  for (const rows of projected) expect(rows.length).toBeGreaterThan(0);
  for (const table of tables) await raw(`delete from ${table} where org_id = $1`, [orgId]);
  for (const migration of BACKFILLS)
    for (const statement of migration.split('--> statement-breakpoint').filter((x) => /^\s*(--.*\n)*\s*(INSERT|UPDATE)/.test(x)))
      await raw(statement);
  expect(await snapshot()).toEqual(projected);
}

/** The summary's series equals the accounts' (the market grouping's total), and the summary the one built afresh. */
async function summaryAgrees(orgId: string, get: (q: string) => Promise<{ periods: unknown[] }>, headers: Record<string, string>) {
  const [whole, grouped] = [await get(''), await get('&groupBy=market')];
  expect(whole.periods).toEqual(grouped.periods);
  // As on a day inside the range: the last month, cut at that day, comes from the accounts' rows.
  const settings = (await t.app.inject({ method: 'GET', url: '/api/v1/metrics/settings', headers })).json();
  const asOf = { from: '2023-01', to: '2025-03', by: 'month' as const, asOf: '2024-08-15' };
  expect(await computeSeries(t.db, orgId, asOf, settings, undefined, { summary: true })).toEqual(
    await computeSeries(t.db, orgId, asOf, settings, undefined),
  );
  const raw = async (text: string, params: unknown[] = []) =>
    t.database.pool ? (await t.database.pool.query(text, params)).rows : ((await t.database.pglite?.query(text, params))?.rows ?? []);
  // Months whose sums came back to zero stay as zero rows in the kept summary; a fresh build has none.
  const rows = () =>
    raw(
      `select s.* from mrr_month_summaries s where org_id = $1 and (mrr_delta_cents, customers_delta, new_n, reactivation_n,
        expansion_n, contraction_n, churn_n, join_and_churn_n) <> (0, 0, 0, 0, 0, 0, 0, 0) order by month`,
      [orgId],
    );
  const kept = await rows();
  const state = await summaryState(t.db, orgId);
  await t.db.transaction((tx) => buildSummary(tx, orgId, state?.window ?? null, new Date()));
  expect(kept).toEqual(await rows());
}
