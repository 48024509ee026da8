import { and, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { users } from '../identity/index.ts';
import { markets, organisations } from '../organisations/index.ts';
import { plans } from '../plans/index.ts';
import type { TMetricFilters, TMetricSettingsStored } from './metrics.schemas.ts';
import { exchangeRates, metricSettings, mrrChanges, serviceCosts } from './metrics.table.ts';
import type { TMrrChange } from './metrics.timeline.ts';

/**
 * Every query of the metrics module: no HTTP, no access checks; each takes the organisation explicitly.
 * The revenue figures of any period are aggregates of mrr_changes (one row per day an account's MRR changed).
 */

const rowsOf = async <T>(db: Db, query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** Replaces an account's MRR change points (the projection of its subscriptions). */
export async function replaceAccountMrr(tx: Db, orgId: string, accountId: string, changes: readonly TMrrChange[]) {
  await tx.delete(mrrChanges).where(and(eq(mrrChanges.orgId, orgId), eq(mrrChanges.accountId, accountId)));
  if (changes.length) await tx.insert(mrrChanges).values(changes.map((c) => ({ orgId, accountId, ...c })));
}

export async function findSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(metricSettings).where(eq(metricSettings.orgId, orgId));
  return row?.settings ?? null;
}

export async function upsertSettings(tx: Db, orgId: string, settings: TMetricSettingsStored, now: Date) {
  await tx
    .insert(metricSettings)
    .values({ orgId, settings, updatedAt: now })
    .onConflictDoUpdate({ target: metricSettings.orgId, set: { settings, updatedAt: now } });
}

export async function listRates(db: Db, orgId: string, currency?: string) {
  return db
    .select({ currency: exchangeRates.currency, month: exchangeRates.month, rate: exchangeRates.rate })
    .from(exchangeRates)
    .where(currency ? and(eq(exchangeRates.orgId, orgId), eq(exchangeRates.currency, currency)) : eq(exchangeRates.orgId, orgId))
    .orderBy(exchangeRates.currency, exchangeRates.month);
}

export async function upsertRates(tx: Db, orgId: string, rates: { currency: string; month: string; rate: number }[], now: Date) {
  for (const r of rates)
    await tx
      .insert(exchangeRates)
      .values({ orgId, currency: r.currency, month: r.month, rate: String(r.rate), updatedAt: now })
      .onConflictDoUpdate({
        target: [exchangeRates.orgId, exchangeRates.currency, exchangeRates.month],
        set: { rate: String(r.rate), updatedAt: now },
      });
}

export async function listCosts(db: Db, orgId: string, from?: string, to?: string) {
  const where = [eq(serviceCosts.orgId, orgId)];
  if (from) where.push(gte(serviceCosts.month, from));
  if (to) where.push(lte(serviceCosts.month, to));
  return db
    .select()
    .from(serviceCosts)
    .where(and(...where))
    .orderBy(serviceCosts.month);
}

export async function upsertCosts(tx: Db, orgId: string, costs: { month: string; amountCents: number; note: string | null }[], now: Date) {
  for (const c of costs)
    await tx
      .insert(serviceCosts)
      .values({ orgId, ...c, updatedAt: now })
      .onConflictDoUpdate({
        target: [serviceCosts.orgId, serviceCosts.month],
        set: { amountCents: c.amountCents, note: c.note, updatedAt: now },
      });
}

// ---- the aggregates ----------------------------------------------------------------------------------

export type TPeriodUnit = 'day' | 'month' | 'quarter' | 'year';
export type TGroupKey = 'market' | 'edition' | 'plan' | 'owner' | 'segment';

const periodOf = (unit: TPeriodUnit, column: SQL) => (unit === 'day' ? column : sql`date_trunc(${unit}, ${column})::date`);

/** The accounts the filters select, as a join condition on `c.account_id` (true when no filter). */
function accountScope(orgId: string, f: TMetricFilters, groupBy?: TGroupKey) {
  const conds: SQL[] = [];
  if (f.market)
    conds.push(sql`a.market_id = (select m.id from markets m where m.org_id = ${orgId} and upper(m.code) = upper(${f.market}))`);
  if (f.edition) conds.push(sql`a.edition = ${f.edition}`);
  if (f.segment) conds.push(sql`a.segment = ${f.segment}`);
  if (f.owner) conds.push(sql`a.owner_user_id = ${f.owner}`);
  if (f.tag) conds.push(sql`${f.tag} = any(a.tags)`);
  if (f.field) {
    const [key, ...rest] = f.field.split(':');
    conds.push(sql`a.custom ->> ${key} = ${rest.join(':')}`);
  }
  if (f.plan) conds.push(sql`pp.plan_code = lower(${f.plan})`);
  const needsPlan = !!f.plan || groupBy === 'plan';
  const needsAccount = conds.length > 0 || !!groupBy;
  const join = needsAccount
    ? sql`join accounts a on a.org_id = ${orgId} and a.id = c.account_id ${needsPlan ? sql`left join primary_plan pp on pp.account_id = c.account_id` : sql``}`
    : sql``;
  const where = conds.length ? sql` and ${sql.join(conds, sql` and `)}` : sql``;
  const group =
    groupBy === 'market'
      ? sql`a.market_id::text`
      : groupBy === 'owner'
        ? sql`a.owner_user_id::text`
        : groupBy === 'plan'
          ? sql`pp.plan_id::text`
          : groupBy
            ? sql`a.${sql.raw(groupBy)}`
            : sql`null::text`;
  // An account's primary plan: the plan of its biggest line among its latest versions.
  const ctes = needsPlan
    ? [
        sql`primary_plan as (
        select distinct on (v.account_id) v.account_id, v.plan_id, lower(p.code) as plan_code
        from subscription_line_versions v left join plans p on p.org_id = v.org_id and p.id = v.plan_id
        where v.org_id = ${orgId}
        order by v.account_id, v.valid_to desc nulls first, v.mrr_cents desc)`,
      ]
    : [];
  return { join, where, group, ctes };
}

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

/**
 * Movements per period (and group): per account, its MRR at the end of the day before the period's first
 * change against the end of its last, classified (METRICS.md). Accounts without a change in a period have
 * no movement, so the sum over accounts of (end − start) is exactly the period's MRR change.
 */
export async function movementsByPeriod(
  db: Db,
  orgId: string,
  q: { from: string; to: string; unit: TPeriodUnit; filters: TMetricFilters; groupBy?: TGroupKey; reactivationWindowDays: number | null },
): Promise<TMovementRow[]> {
  const s = accountScope(orgId, q.filters, q.groupBy);
  const win = q.reactivationWindowDays ?? 2_147_483_647;
  const rows = await rowsOf<Record<string, string | number | null>>(
    db,
    sql`with ${sql.join([...s.ctes, sql`g as (`], sql`, `)}
      select c.account_id, ${periodOf(q.unit, sql`c.effective_date`)} as p, ${s.group} as grp,
        (array_agg(c.mrr_before_cents order by c.effective_date))[1] as s,
        (array_agg(c.mrr_after_cents order by c.effective_date desc))[1] as e,
        (array_agg(c.active_before order by c.effective_date))[1] as ab,
        (array_agg(c.active_after order by c.effective_date desc))[1] as ae,
        (array_agg(c.effective_date - c.last_active_on order by c.effective_date))[1] as gap,
        bool_or(c.active_after) as was_active
      from mrr_changes c ${s.join}
      where c.org_id = ${orgId} and c.effective_date >= ${q.from} and c.effective_date <= ${q.to} ${s.where}
      group by 1, 2, 3)
    select to_char(p, 'YYYY-MM-DD') as period, grp,
      coalesce(sum(e - s) filter (where not ab and ae and (gap is null or gap > ${win})), 0) as new,
      count(*) filter (where not ab and ae and (gap is null or gap > ${win})) as new_n,
      coalesce(sum(e - s) filter (where not ab and ae and gap <= ${win}), 0) as reactivation,
      count(*) filter (where not ab and ae and gap <= ${win}) as reactivation_n,
      coalesce(sum(e - s) filter (where ab and ae and e > s), 0) as expansion,
      count(*) filter (where ab and ae and e > s) as expansion_n,
      coalesce(sum(s - e) filter (where ab and ae and e < s), 0) as contraction,
      count(*) filter (where ab and ae and e < s) as contraction_n,
      coalesce(sum(s - e) filter (where ab and not ae), 0) as churn,
      count(*) filter (where ab and not ae) as churn_n,
      count(*) filter (where not ab and not ae and was_active) as join_and_churn_n
    from g group by 1, 2 order by 1`,
  );
  return rows.map((r) => ({
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
  }));
}

/** MRR and customers at the end of the day before `day` (per group). */
export async function standingBefore(db: Db, orgId: string, day: string, filters: TMetricFilters, groupBy?: TGroupKey) {
  const s = accountScope(orgId, filters, groupBy);
  const rows = await rowsOf<{ grp: string | null; mrr: string | null; customers: string }>(
    db,
    sql`with ${sql.join([...s.ctes, sql`last as (`], sql`, `)}
      select distinct on (c.account_id) c.mrr_after_cents, c.active_after, ${s.group} as grp
      from mrr_changes c ${s.join}
      where c.org_id = ${orgId} and c.effective_date < ${day} ${s.where}
      order by c.account_id, c.effective_date desc)
    select grp, sum(mrr_after_cents) as mrr, count(*) filter (where active_after) as customers from last group by grp`,
  );
  return rows.map((r) => ({ groupKey: r.grp, mrr: Number(r.mrr ?? 0), customers: Number(r.customers) }));
}

/** New subscriptions' annualised value by period and currency: 12 × the MRR of the day each first pays. */
export async function newAcvByPeriod(
  db: Db,
  orgId: string,
  q: { from: string; to: string; unit: TPeriodUnit; filters: TMetricFilters; groupBy?: TGroupKey },
) {
  const s = accountScope(orgId, q.filters, q.groupBy);
  const rows = await rowsOf<{ period: string; grp: string | null; currency: string; month: string; mrr: string }>(
    db,
    sql`with ${sql.join(
      [
        ...s.ctes,
        sql`first_paid as (
          select v.subscription_id, min(v.valid_from) as day from subscription_line_versions v
          where v.org_id = ${orgId} and not v.trial and v.mrr_cents > 0 group by v.subscription_id)`,
        sql`c as (
          select v.org_id, v.account_id, v.currency, f.day as effective_date, sum(v.mrr_cents) as mrr
          from first_paid f join subscription_line_versions v on v.org_id = ${orgId} and v.subscription_id = f.subscription_id and v.valid_from = f.day
          where f.day >= ${q.from} and f.day <= ${q.to} and not v.trial
          group by 1, 2, 3, 4, v.subscription_id)`,
      ],
      sql`, `,
    )}
    select to_char(${periodOf(q.unit, sql`c.effective_date`)}, 'YYYY-MM-DD') as period, ${s.group} as grp, c.currency,
      to_char(date_trunc('month', c.effective_date), 'YYYY-MM-DD') as month, sum(c.mrr) as mrr
    from c ${s.join} where true ${s.where} group by 1, 2, 3, 4`,
  );
  return rows.map((r) => ({ period: r.period, groupKey: r.grp, currency: r.currency, month: r.month, mrrCents: Number(r.mrr) }));
}

/** Trials started, and trials converted to a paid subscription, by period. */
export async function trialsByPeriod(
  db: Db,
  orgId: string,
  q: { from: string; to: string; unit: TPeriodUnit; filters: TMetricFilters; groupBy?: TGroupKey },
) {
  const s = accountScope(orgId, q.filters, q.groupBy);
  const rows = await rowsOf<{ period: string; grp: string | null; started: string; converted: string }>(
    db,
    sql`with ${sql.join(
      [
        ...s.ctes,
        sql`t as (
          select v.org_id, v.account_id, v.subscription_id, min(v.valid_from) filter (where v.trial) as started_on,
            max(v.valid_to) filter (where v.trial) as trial_to,
            bool_or(not v.trial and v.mrr_cents > 0) as paid
          from subscription_line_versions v where v.org_id = ${orgId} group by 1, 2, 3)`,
        sql`c as (
          select org_id, account_id, started_on as effective_date, 1 as started, 0 as converted from t where started_on is not null
          union all
          select org_id, account_id, trial_to, 0, 1 from t where trial_to is not null and paid)`,
      ],
      sql`, `,
    )}
    select to_char(${periodOf(q.unit, sql`c.effective_date`)}, 'YYYY-MM-DD') as period, ${s.group} as grp,
      sum(c.started) as started, sum(c.converted) as converted
    from c ${s.join} where c.effective_date >= ${q.from} and c.effective_date <= ${q.to} ${s.where} group by 1, 2`,
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
  const win = q.reactivationWindowDays ?? 2_147_483_647;
  const rows = await rowsOf<Record<string, string | number>>(
    db,
    sql`with ${sql.join(
      [
        ...s.ctes,
        sql`g as (
          select c.account_id,
            (array_agg(c.mrr_before_cents order by c.effective_date))[1] as s,
            (array_agg(c.mrr_after_cents order by c.effective_date desc))[1] as e,
            (array_agg(c.active_before order by c.effective_date))[1] as ab,
            (array_agg(c.active_after order by c.effective_date desc))[1] as ae,
            (array_agg(c.effective_date - c.last_active_on order by c.effective_date))[1] as gap,
            min(c.effective_date) as first_on
          from mrr_changes c ${s.join}
          where c.org_id = ${orgId} and c.effective_date >= ${q.from} and c.effective_date <= ${q.to} ${s.where}
          group by 1)`,
        sql`m as (select account_id, s, e, first_on, ${MOVEMENT_CASE(win)} as type from g)`,
      ],
      sql`, `,
    )}
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

/** An account's MRR change points (its MRR chart). */
export async function accountMrrSeries(db: Db, orgId: string, accountId: string) {
  return db
    .select()
    .from(mrrChanges)
    .where(and(eq(mrrChanges.orgId, orgId), eq(mrrChanges.accountId, accountId)))
    .orderBy(mrrChanges.effectiveDate);
}

/** Accounts with any MRR history whose currency is one of these (rebuilt when a rate changes): every account, for now. */
export async function accountIdsWithMrr(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ accountId: mrrChanges.accountId }).from(mrrChanges).where(eq(mrrChanges.orgId, orgId));
  return rows.map((r) => r.accountId);
}

export async function reportingCurrencyOf(db: Db, orgId: string): Promise<string> {
  const [row] = await db.select({ c: organisations.reportingCurrency }).from(organisations).where(eq(organisations.id, orgId));
  return row?.c ?? 'EUR';
}

/** Names for the keys of a grouped series (markets, owners and plans by id; editions and segments are their own). */
export async function groupLabels(db: Db, orgId: string, groupBy: TGroupKey, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length || groupBy === 'edition' || groupBy === 'segment') return new Map(keys.map((k) => [k, k]));
  const table = groupBy === 'market' ? markets : groupBy === 'owner' ? users : plans;
  const rows = await db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(and(eq(table.orgId, orgId), inArray(table.id, keys)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
