import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { TRollupUnit } from './metrics.rollup.ts';
import type { TMetricFilters } from './metrics.schemas.ts';

/**
 * The revenue series' aggregates, each over one organisation: movements of whole periods from
 * mrr_period_movements, of partial ones (and the drill-down) from the change points in mrr_changes, new ACV and
 * trials from mrr_subscription_facts. No HTTP, no access checks.
 */

const rowsOf = async <T>(db: Db, query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

export type TPeriodUnit = 'day' | 'month' | 'quarter' | 'year';
export type TGroupKey = 'market' | 'edition' | 'plan' | 'owner' | 'segment';

const periodOf = (unit: TPeriodUnit, column: SQL) => (unit === 'day' ? column : sql`date_trunc(${unit}, (${column})::timestamp)::date`);

/**
 * The accounts the filters select, as a join condition on `c.account_id` (true when no filter), and the group
 * key. Rows that carry the account's market (`c.market_id`: the stored movements and facts) filter and group
 * by market without joining the accounts.
 */
function accountScope(orgId: string, f: TMetricFilters, groupBy?: TGroupKey, marketOnRow = false) {
  const market = marketOnRow ? sql`c.market_id` : sql`a.market_id`;
  const conds: SQL[] = [];
  const onRow: SQL[] = [];
  if (f.market)
    (marketOnRow ? onRow : conds).push(
      sql`${market} = (select m.id from markets m where m.org_id = ${orgId} and upper(m.code) = upper(${f.market}))`,
    );
  if (f.edition) conds.push(sql`a.edition = ${f.edition}`);
  if (f.segment) conds.push(sql`a.segment = ${f.segment}`);
  if (f.owner) conds.push(sql`a.owner_user_id = ${f.owner}`);
  if (f.tag) conds.push(sql`${f.tag} = any(a.tags)`);
  if (f.field) {
    const [key, ...rest] = f.field.split(':');
    conds.push(sql`a.custom ->> ${key} = ${rest.join(':')}`);
  }
  if (f.plan)
    conds.push(sql`pp.primary_plan_id = (select p.id from plans p where p.org_id = ${orgId} and lower(p.code) = lower(${f.plan}))`);
  const needsPlan = !!f.plan || groupBy === 'plan';
  const needsAccount = conds.length > 0 || (!!groupBy && !(groupBy === 'market' && marketOnRow));
  const join = needsAccount
    ? sql`join accounts a on a.org_id = ${orgId} and a.id = c.account_id ${needsPlan ? sql`left join mrr_accounts pp on pp.org_id = ${orgId} and pp.account_id = c.account_id` : sql``}`
    : sql``;
  const all = [...onRow, ...conds];
  const where = all.length ? sql` and ${sql.join(all, sql` and `)}` : sql``;
  // Ids group as they are (a uuid compares and hashes cheaper than its text); the driver reads them as text.
  const group =
    groupBy === 'market'
      ? market
      : groupBy === 'owner'
        ? sql`a.owner_user_id`
        : groupBy === 'plan'
          ? sql`pp.primary_plan_id`
          : groupBy
            ? sql`a.${sql.raw(groupBy)}`
            : sql`null::text`;
  return { join, where, group };
}

/**
 * Each account's change points in the range with whether each is the first and the last of its period: the
 * rows come in (account, day) order off the primary key, so lag/lead need no sort, and the period's start and
 * end values are then plain aggregates (an ordered array_agg per (account, period) sorted every group).
 */
function firstAndLastOfPeriod(
  orgId: string,
  q: { from: string; to: string; unit: TPeriodUnit | null },
  s: { join: SQL; where: SQL; group: SQL },
  accounts: SQL = sql``,
) {
  // With periods: the first and last of the account's rows in a period; without: of all its rows in the range.
  const first = q.unit ? sql`lag(x.p) over w is distinct from x.p` : sql`lag(x.effective_date) over w is null`;
  const last = q.unit ? sql`lead(x.p) over w is distinct from x.p` : sql`lead(x.effective_date) over w is null`;
  return sql`r as (
      select x.*, ${first} as first, ${last} as last
      from (
        select c.account_id, ${q.unit ? periodOf(q.unit, sql`c.effective_date`) : sql`null::date`} as p, ${s.group} as grp,
          c.effective_date, c.mrr_before_cents, c.mrr_after_cents, c.active_before, c.active_after,
          c.effective_date - c.last_active_on as gap
        from mrr_changes c ${s.join}
        where c.org_id = ${orgId} and c.effective_date >= ${q.from} and c.effective_date <= ${q.to} ${s.where} ${accounts}) x
      window w as (partition by x.account_id order by x.effective_date))`;
}

/** A period's start and end per account (group by account and period over `r`): one first and one last row each. */
const GROUP_ENDS = sql`min(mrr_before_cents) filter (where first) as s, min(mrr_after_cents) filter (where last) as e,
        bool_or(active_before) filter (where first) as ab, bool_or(active_after) filter (where last) as ae,
        min(gap) filter (where first) as gap`;

export interface TMovementRow {
  period: string;
  groupKey: string | null;
  new: number;
  newN: number;
  reactivation: number;
  reactivationN: number;
  expansion: number;
  expansionN: number;
  contraction: number;
  contractionN: number;
  churn: number;
  churnN: number;
  joinAndChurnN: number;
}

/** No reactivation window: every return after a gap is a reactivation. */
const NO_WINDOW_DAYS = 2_147_483_647;

/**
 * The movement sums and counts (METRICS.md) over per-(account, period) rows g(p, s, e, ab, ae, gap, was_active), as
 * select columns: the series groups them by period and group, the monthly summary (metrics.summary.repository.ts) by
 * month. `window`: the reactivation window in days (null: none).
 */
export const movementColumns = (window: number | null) => {
  const win = window ?? NO_WINDOW_DAYS;
  return sql`coalesce(sum(e - s) filter (where not ab and ae and (gap is null or gap > ${win})), 0) as new,
      count(*) filter (where not ab and ae and (gap is null or gap > ${win})) as new_n,
      coalesce(sum(e - s) filter (where not ab and ae and gap <= ${win}), 0) as reactivation,
      count(*) filter (where not ab and ae and gap <= ${win}) as reactivation_n,
      coalesce(sum(e - s) filter (where ab and ae and e > s), 0) as expansion,
      count(*) filter (where ab and ae and e > s) as expansion_n,
      coalesce(sum(s - e) filter (where ab and ae and e < s), 0) as contraction,
      count(*) filter (where ab and ae and e < s) as contraction_n,
      coalesce(sum(s - e) filter (where ab and not ae), 0) as churn,
      count(*) filter (where ab and not ae) as churn_n,
      count(*) filter (where not ab and not ae and was_active) as join_and_churn_n`;
};

/** A period's movements per group, from per-(account, period) rows g(p, grp, s, e, ab, ae, gap, was_active). */
const movementAggregates = (window: number | null) =>
  sql`select to_char(p, 'YYYY-MM-DD') as period, grp, ${movementColumns(window)}
    from g group by p, grp order by p`;

export const toMovementRow = (r: Record<string, string | number | null>): TMovementRow => ({
  period: String(r.period),
  groupKey: r.grp === null ? null : String(r.grp),
  new: Number(r.new),
  newN: Number(r.new_n),
  reactivation: Number(r.reactivation),
  reactivationN: Number(r.reactivation_n),
  expansion: Number(r.expansion),
  expansionN: Number(r.expansion_n),
  contraction: Number(r.contraction),
  contractionN: Number(r.contraction_n),
  churn: Number(r.churn),
  churnN: Number(r.churn_n),
  joinAndChurnN: Number(r.join_and_churn_n),
});

type TMovementQuery = { filters: TMetricFilters; groupBy?: TGroupKey; reactivationWindowDays: number | null };

/**
 * Movements per period (and group), from the change points of the range: per account, its MRR at the end of the
 * day before the period's first change against the end of its last, classified (METRICS.md). Accounts without a
 * change in a period have no movement, so the sum over accounts of (end − start) is exactly the period's MRR
 * change. For days, and for a period the range covers only in part.
 */
export async function movementsByPeriod(
  db: Db,
  orgId: string,
  q: { from: string; to: string; unit: TPeriodUnit } & TMovementQuery,
): Promise<TMovementRow[]> {
  const s = accountScope(orgId, q.filters, q.groupBy);
  const rows = await rowsOf<Record<string, string | number | null>>(
    db,
    sql`with ${firstAndLastOfPeriod(orgId, q, s)}, g as (
      select account_id, p, grp, ${GROUP_ENDS}, bool_or(active_after) as was_active
      from r group by account_id, p, grp)
    ${movementAggregates(q.reactivationWindowDays)}`,
  );
  return rows.map(toMovementRow);
}

/** The stored movements of one unit's periods as rows g(p, grp, s, e, ab, ae, gap, was_active), for the aggregates. */
const storedRows = (orgId: string, unit: TRollupUnit, s: { join: SQL; where: SQL; group: SQL }, periods: SQL) =>
  sql`select c.period as p, ${s.group} as grp, c.mrr_start_cents as s, c.mrr_end_cents as e, c.active_start as ab,
      c.active_end as ae, c.gap_days as gap, c.was_active
    from mrr_period_movements c ${s.join}
    where c.org_id = ${orgId} and c.unit = ${unit} and ${periods} ${s.where}`;

/**
 * The same for whole periods (months, quarters, years whose first and last day the range includes), from the
 * movements the projection stored per account and period: one pass over the periods' rows, no sorting.
 * `from` and `to` are the first days of the first and last period.
 */
export async function wholePeriodMovements(
  db: Db,
  orgId: string,
  q: { from: string; to: string; unit: TRollupUnit } & TMovementQuery,
): Promise<TMovementRow[]> {
  const s = accountScope(orgId, q.filters, q.groupBy, true);
  const rows = await rowsOf<Record<string, string | number | null>>(
    db,
    sql`with g as (
      ${storedRows(orgId, q.unit, s, sql`c.period >= ${q.from} and c.period <= ${q.to}`)})
    ${movementAggregates(q.reactivationWindowDays)}`,
  );
  return rows.map(toMovementRow);
}

/**
 * The same for one period the range covers only in part (`from`–`to` inside `period`–`periodEnd`: the current
 * period, cut at today; a range starting mid-quarter): the stored row of every account whose changes in the period
 * all fall inside the range, and for the few with a change outside it (one scheduled after today, say) the movement
 * its change points inside the range make.
 */
export async function partialPeriodMovements(
  db: Db,
  orgId: string,
  q: { period: string; periodEnd: string; from: string; to: string; unit: TRollupUnit } & TMovementQuery,
): Promise<TMovementRow[]> {
  const s = accountScope(orgId, q.filters, q.groupBy);
  const stored = accountScope(orgId, q.filters, q.groupBy, true);
  const live = firstAndLastOfPeriod(orgId, q, s, sql`and c.account_id in (select account_id from outside)`);
  const rows = await rowsOf<Record<string, string | number | null>>(
    db,
    sql`with outside as (
        select distinct account_id from mrr_changes
        where org_id = ${orgId} and effective_date >= ${q.period} and effective_date <= ${q.periodEnd}
          and (effective_date < ${q.from} or effective_date > ${q.to})),
      ${live},
      g as (
        ${storedRows(orgId, q.unit, stored, sql`c.period = ${q.period} and c.account_id not in (select account_id from outside)`)}
        union all
        select p, grp, ${GROUP_ENDS}, bool_or(active_after) as was_active from r group by account_id, p, grp)
    ${movementAggregates(q.reactivationWindowDays)}`,
  );
  return rows.map(toMovementRow);
}

/**
 * MRR and customers at the end of the day before `day` (per group). An account's change points chain (each starts
 * where the one before ended, the first from nothing), so summing (after − before) over all of them before `day`
 * gives its MRR then: one plain aggregate, with no per-account sort for its latest row. Before the first day of a
 * month the stored movements hold the same sums with far fewer rows: the years before its year, then its months.
 */
export async function standingBefore(db: Db, orgId: string, day: string, filters: TMetricFilters, groupBy?: TGroupKey) {
  const monthStart = day.endsWith('-01');
  const s = accountScope(orgId, filters, groupBy, monthStart);
  const yearStart = `${day.slice(0, 4)}-01-01`;
  const rows = await rowsOf<{ grp: string | null; mrr: string | null; customers: string | null }>(
    db,
    monthStart
      ? sql`    select ${s.group} as grp, sum(c.mrr_end_cents - c.mrr_start_cents) as mrr,
      sum(c.active_end::int - c.active_start::int) as customers
    from mrr_period_movements c ${s.join}
    where c.org_id = ${orgId} and ((c.unit = 'year' and c.period < ${yearStart})
      or (c.unit = 'month' and c.period >= ${yearStart} and c.period < ${day})) ${s.where}
    group by 1`
      : sql`    select ${s.group} as grp, sum(c.mrr_after_cents - c.mrr_before_cents) as mrr,
      sum(c.active_after::int - c.active_before::int) as customers
    from mrr_changes c ${s.join}
    where c.org_id = ${orgId} and c.effective_date < ${day} ${s.where}
    group by 1`,
  );
  return rows.map((r) => ({ groupKey: r.grp, mrr: Number(r.mrr ?? 0), customers: Number(r.customers ?? 0) }));
}

/** New subscriptions' annualised value by period and currency: 12 × the MRR of the day each first pays. */
export async function newAcvByPeriod(
  db: Db,
  orgId: string,
  q: { from: string; to: string; unit: TPeriodUnit; filters: TMetricFilters; groupBy?: TGroupKey },
) {
  const s = accountScope(orgId, q.filters, q.groupBy, true);
  const rows = await rowsOf<{ period: string; grp: string | null; currency: string; month: string; mrr: string }>(
    db,
    // Grouped on the dates themselves and written as text after: a hash over 100k dates, not a sort of their text.
    sql`select to_char(p, 'YYYY-MM-DD') as period, grp, currency, to_char(m, 'YYYY-MM-DD') as month, mrr from (
      select ${periodOf(q.unit, sql`c.first_paid_on`)} as p, ${s.group} as grp, c.currency,
        date_trunc('month', c.first_paid_on::timestamp)::date as m, sum(c.first_paid_mrr_cents) as mrr
      from mrr_subscription_facts c ${s.join}
      where c.org_id = ${orgId} and c.first_paid_on >= ${q.from} and c.first_paid_on <= ${q.to} ${s.where}
      group by 1, 2, 3, 4) x`,
  );
  return rows.map((r) => ({ period: r.period, groupKey: r.grp, currency: r.currency, month: r.month, mrrCents: Number(r.mrr) }));
}

/** Trials started, and trials converted to a paid subscription (counted the day the trial ended), by period. */
export async function trialsByPeriod(
  db: Db,
  orgId: string,
  q: { from: string; to: string; unit: TPeriodUnit; filters: TMetricFilters; groupBy?: TGroupKey },
) {
  const s = accountScope(orgId, q.filters, q.groupBy, true);
  const rows = await rowsOf<{ period: string; grp: string | null; started: string; converted: string }>(
    db,
    sql`with c as (
      select account_id, market_id, trial_started_on as effective_date, 1 as started, 0 as converted from mrr_subscription_facts
      where org_id = ${orgId} and trial_started_on >= ${q.from} and trial_started_on <= ${q.to}
      union all
      select account_id, market_id, trial_ended_on, 0, 1 from mrr_subscription_facts
      where org_id = ${orgId} and paid and trial_ended_on >= ${q.from} and trial_ended_on <= ${q.to})
    select to_char(p, 'YYYY-MM-DD') as period, grp, started, converted from (
      select ${periodOf(q.unit, sql`c.effective_date`)} as p, ${s.group} as grp, sum(c.started) as started, sum(c.converted) as converted
      from c ${s.join} where true ${s.where} group by 1, 2) x`,
  );
  return rows.map((r) => ({ period: r.period, groupKey: r.grp, started: Number(r.started), converted: Number(r.converted) }));
}

const MOVEMENT_CASE = (win: number) => sql`case
  when not ab and ae and (gap is null or gap > ${win}) then 'new'
  when not ab and ae then 'reactivation'
  when ab and not ae then 'churn'
  when ab and ae and e > s then 'expansion'
  when ab and ae and e < s then 'contraction' end`;

/** The accounts behind a range's movements (the drill-down), biggest change first. */
export async function movementAccounts(
  db: Db,
  orgId: string,
  q: {
    from: string;
    to: string;
    filters: TMetricFilters;
    type?: string;
    reactivationWindowDays: number | null;
    limit: number;
    offset: number;
  },
) {
  const s = accountScope(orgId, q.filters);
  const win = q.reactivationWindowDays ?? NO_WINDOW_DAYS;
  const rows = await rowsOf<Record<string, string | number>>(
    db,
    sql`with ${firstAndLastOfPeriod(orgId, { from: q.from, to: q.to, unit: null }, s)},
      g as (select account_id, ${GROUP_ENDS}, min(effective_date) as first_on from r group by account_id),
      m as (select account_id, s, e, first_on, ${MOVEMENT_CASE(win)} as type from g)
    select m.account_id, acc.name, m.type, m.s, m.e, to_char(m.first_on, 'YYYY-MM-DD') as first_on, count(*) over () as total
    from m join accounts acc on acc.org_id = ${orgId} and acc.id = m.account_id
    where m.type is not null ${q.type ? sql`and m.type = ${q.type}` : sql``}
    order by abs(m.e - m.s) desc, acc.name, m.account_id
    limit ${q.limit} offset ${q.offset}`,
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({
      accountId: String(r.account_id),
      accountName: String(r.name),
      type: String(r.type),
      before: Number(r.s),
      after: Number(r.e),
      firstChangeOn: String(r.first_on),
    })),
  };
}
