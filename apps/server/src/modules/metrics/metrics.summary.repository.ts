import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { movementColumns, type TMovementRow, toMovementRow } from './metrics.series.repository.ts';

/**
 * The organisation's monthly summary: per month (mrr_month_summaries) the sums over every account's monthly row in
 * mrr_period_movements — the MRR and customer change, each movement's amount and count — and the trials started and
 * converted, and per month and currency (mrr_month_acv) the MRR new subscriptions first paid. The projection that
 * replaces accounts' rows adds the difference they make (`beginSummaryChange` before it deletes them,
 * `finishSummaryChange` after it writes the new ones), in its transaction; a change of the reactivation window builds
 * it again (`buildSummary`). No HTTP, no access checks.
 *
 * Concurrency: a projection holds a shared advisory lock of the organisation's summary for its transaction, a build
 * an exclusive one, so a build never misses a projection's change nor counts it twice; projections write their months
 * in ascending order, one statement per table, so two never wait on each other crosswise.
 */

const rowsOf = async <T>(db: Db, query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

const lockKey = (orgId: string) => sql`hashtextextended(${`mrr_month_summaries:${orgId}`}, 0)`;

/** The stored sums of a month, by column (amounts in cents of the reporting currency). */
const SUM_COLUMNS = {
  mrr_delta: 'mrr_delta_cents',
  customers_delta: 'customers_delta',
  new: 'new_cents',
  new_n: 'new_n',
  reactivation: 'reactivation_cents',
  reactivation_n: 'reactivation_n',
  expansion: 'expansion_cents',
  expansion_n: 'expansion_n',
  contraction: 'contraction_cents',
  contraction_n: 'contraction_n',
  churn: 'churn_cents',
  churn_n: 'churn_n',
  join_and_churn_n: 'join_and_churn_n',
  trials_started: 'trials_started',
  trials_converted: 'trials_converted',
} as const;
const SUM_KEYS = Object.keys(SUM_COLUMNS) as (keyof typeof SUM_COLUMNS)[];
type TSums = Record<(typeof SUM_KEYS)[number], number>;
/** What some accounts add to the summary: per month its sums, per `month|currency` the first paid MRR and how many. */
type TAccountSums = { months: Map<string, TSums>; acv: Map<string, { mrr: number; n: number }> };

const zeroSums = () => Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as TSums;

/** The sums of some accounts (null: all), as the tables store them. */
async function accountsSums(tx: Db, orgId: string, accountIds: readonly string[] | null, window: number | null): Promise<TAccountSums> {
  const accounts = accountIds ? sql`and account_id = any(${sql.param([...accountIds])}::uuid[])` : sql``;
  // One after the other: they share the transaction's connection.
  const moves = await rowsOf<Record<string, string | number>>(
    tx,
    sql`with g as (select period as p, mrr_start_cents as s, mrr_end_cents as e, active_start as ab, active_end as ae,
          gap_days as gap, was_active
        from mrr_period_movements where org_id = ${orgId} and unit = 'month' ${accounts})
      select to_char(p, 'YYYY-MM-DD') as month, coalesce(sum(e - s), 0) as mrr_delta,
        coalesce(sum(ae::int - ab::int), 0) as customers_delta, ${movementColumns(window)}
      from g group by p`,
  );
  const trials = await rowsOf<{ month: string; trials_started: string; trials_converted: string }>(
    tx,
    sql`select to_char(m, 'YYYY-MM-DD') as month, sum(started) as trials_started, sum(converted) as trials_converted from (
          select date_trunc('month', trial_started_on::timestamp)::date as m, 1 as started, 0 as converted
          from mrr_subscription_facts where org_id = ${orgId} and trial_started_on is not null ${accounts}
          union all
          select date_trunc('month', trial_ended_on::timestamp)::date, 0, 1
          from mrr_subscription_facts where org_id = ${orgId} and paid and trial_ended_on is not null ${accounts}) x
        group by m`,
  );
  const acv = await rowsOf<{ month: string; currency: string; mrr: string; n: string }>(
    tx,
    sql`select to_char(date_trunc('month', first_paid_on::timestamp), 'YYYY-MM-DD') as month, currency,
          sum(first_paid_mrr_cents) as mrr, count(*) as n
        from mrr_subscription_facts where org_id = ${orgId} and first_paid_on is not null ${accounts}
        group by 1, 2`,
  );
  const months = new Map<string, TSums>();
  const monthOf = (month: string) => months.get(month) ?? months.set(month, zeroSums()).get(month) ?? zeroSums();
  for (const r of moves) {
    const sums = monthOf(String(r.month));
    for (const k of SUM_KEYS) if (k in r) sums[k] = Number(r[k]);
  }
  for (const r of trials)
    Object.assign(monthOf(r.month), { trials_started: Number(r.trials_started), trials_converted: Number(r.trials_converted) });
  return { months, acv: new Map(acv.map((r) => [`${r.month}|${r.currency}`, { mrr: Number(r.mrr), n: Number(r.n) }])) };
}

/** Writes sums into the tables: added to what is there (a projection's difference), or as they are (a build). */
async function writeSums(tx: Db, orgId: string, sums: TAccountSums, add: boolean) {
  const months = [...sums.months].filter(([, s]) => SUM_KEYS.some((k) => s[k] !== 0)).sort(([a], [b]) => (a < b ? -1 : 1));
  const columns = sql.raw(['org_id', 'month', ...SUM_KEYS.map((k) => SUM_COLUMNS[k])].join(', '));
  const addTo = (table: string, cols: string[]) => sql.raw(cols.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', '));
  for (let i = 0; i < months.length; i += 500) {
    const values = months.slice(i, i + 500).map(
      ([month, s]) =>
        sql`(${orgId}::uuid, ${month}::date, ${sql.join(
          SUM_KEYS.map((k) => sql`${s[k]}`),
          sql`, `,
        )})`,
    );
    await tx.execute(sql`insert into mrr_month_summaries (${columns}) values ${sql.join(values, sql`, `)}
      ${add ? sql`on conflict (org_id, month) do update set ${addTo('mrr_month_summaries', Object.values(SUM_COLUMNS))}` : sql``}`);
  }
  const acv = [...sums.acv].filter(([, a]) => a.mrr !== 0 || a.n !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  for (let i = 0; i < acv.length; i += 500) {
    const values = acv.slice(i, i + 500).map(([key, a]) => {
      const [month, currency] = key.split('|') as [string, string];
      return sql`(${orgId}::uuid, ${month}::date, ${currency}, ${a.mrr}, ${a.n})`;
    });
    await tx.execute(sql`insert into mrr_month_acv (org_id, month, currency, first_paid_mrr_cents, subscriptions)
      values ${sql.join(values, sql`, `)}
      ${add ? sql`on conflict (org_id, month, currency) do update set ${addTo('mrr_month_acv', ['first_paid_mrr_cents', 'subscriptions'])}` : sql``}`);
  }
}

/** Whether the organisation's summary is built, and the reactivation window it splits new from reactivation by. */
export async function summaryState(db: Db, orgId: string): Promise<{ window: number | null } | null> {
  const [row] = await rowsOf<{ w: number | null }>(
    db,
    sql`select reactivation_window_days as w from mrr_summary_state where org_id = ${orgId}`,
  );
  return row ? { window: row.w === null ? null : Number(row.w) } : null;
}

export type TSummaryChange = { window: number | null; before: TAccountSums } | null;

/** Before a projection deletes accounts' rows: their sums now (null: the organisation has no summary to keep). */
export async function beginSummaryChange(tx: Db, orgId: string, accountIds: readonly string[]): Promise<TSummaryChange> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${lockKey(orgId)})`);
  const state = await summaryState(tx, orgId);
  if (!state) return null;
  return { window: state.window, before: await accountsSums(tx, orgId, accountIds, state.window) };
}

/** After it wrote their new rows: each month's difference added to the summary. */
export async function finishSummaryChange(tx: Db, orgId: string, accountIds: readonly string[], begun: TSummaryChange) {
  if (!begun) return;
  const after = await accountsSums(tx, orgId, accountIds, begun.window);
  for (const [month, before] of begun.before.months) {
    const sums = after.months.get(month) ?? zeroSums();
    for (const k of SUM_KEYS) sums[k] -= before[k];
    after.months.set(month, sums);
  }
  for (const [key, before] of begun.before.acv) {
    const a = after.acv.get(key) ?? { mrr: 0, n: 0 };
    after.acv.set(key, { mrr: a.mrr - before.mrr, n: a.n - before.n });
  }
  await writeSums(tx, orgId, after, true);
}

/** The summary built again from every account's rows (once, and when the reactivation window changes). */
export async function buildSummary(tx: Db, orgId: string, window: number | null, now: Date) {
  await tx.execute(sql`select pg_advisory_xact_lock(${lockKey(orgId)})`);
  await tx.execute(sql`delete from mrr_month_summaries where org_id = ${orgId}`);
  await tx.execute(sql`delete from mrr_month_acv where org_id = ${orgId}`);
  await writeSums(tx, orgId, await accountsSums(tx, orgId, null, window), false);
  await tx.execute(sql`insert into mrr_summary_state (org_id, reactivation_window_days, built_at)
    values (${orgId}, ${window}, ${now.toISOString()}::timestamptz)
    on conflict (org_id) do update set reactivation_window_days = excluded.reactivation_window_days, built_at = excluded.built_at`);
}

/** A month's sums as the series reads them. */
export interface TMonthSums {
  month: string;
  mrrDelta: number;
  customersDelta: number;
  movements: TMovementRow;
  trialsStarted: number;
  trialsConverted: number;
}

/** Every stored month up to `to` (the first day of the last one), in order: the series reads these instead of 867k rows. */
export async function summaryMonths(db: Db, orgId: string, to: string): Promise<TMonthSums[]> {
  const rows = await rowsOf<Record<string, string | number>>(
    db,
    sql`select to_char(month, 'YYYY-MM-DD') as period, null as grp,
      ${sql.raw(SUM_KEYS.map((k) => `${SUM_COLUMNS[k]} as ${k}`).join(', '))}
    from mrr_month_summaries where org_id = ${orgId} and month <= ${to} order by month`,
  );
  return rows.map((r) => ({
    month: String(r.period),
    mrrDelta: Number(r.mrr_delta),
    customersDelta: Number(r.customers_delta),
    movements: toMovementRow(r),
    trialsStarted: Number(r.trials_started),
    trialsConverted: Number(r.trials_converted),
  }));
}

/** New subscriptions' first paid MRR per month and currency, in newAcvByPeriod's shape (whole months `from`–`to`). */
export async function summaryAcv(db: Db, orgId: string, from: string, to: string) {
  const rows = await rowsOf<{ month: string; currency: string; mrr: string }>(
    db,
    sql`select to_char(month, 'YYYY-MM-DD') as month, currency, first_paid_mrr_cents as mrr from mrr_month_acv
      where org_id = ${orgId} and month >= ${from} and month <= ${to} and subscriptions <> 0`,
  );
  return rows.map((r) => ({ period: r.month, groupKey: null, currency: r.currency, month: r.month, mrrCents: Number(r.mrr) }));
}
