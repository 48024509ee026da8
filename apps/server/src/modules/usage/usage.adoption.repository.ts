import { asc, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { usageAdoptionSettings, usageKeyFeatures } from './usage.table.ts';

/**
 * Adoption reads, set-based over the rollups (never the raw events but for the feature-users recount): every
 * account in one statement, each as of its own day (today, or the day before its churn when health evaluates).
 * Windows end on the account's day, included: the last 30 days are (day − 29 … day), the 30 before (day − 59 … day − 30).
 */

export interface TAdoptionRow {
  account_id: string;
  as_of: string;
  /** The account sent anything on or before its day. */
  has_usage: boolean;
  first_seen_on: string | null;
  last_seen_on: string | null;
  events_30d: number;
  events_prev_30d: number;
  users_7d: number;
  users_30d: number;
  users_prev_30d: number;
  plan_id: string | null;
  /** Users or licences bought: quantity × the plan's included units over the lines running on its day; null when no line gives any. */
  licences: number | null;
  key_features: number;
  key_features_used: number;
}

/** The key of "no plan" in the key-feature sets (an account without a primary plan counts the every-plan ones). */
const NO_PLAN = '00000000-0000-0000-0000-000000000000';

/**
 * Joins and groups rather than a lookup per account, so a recompute of every account is a few passes over the
 * last 60 days of the rollups. First and last seen come from the activity rollup; only an account read as of a day
 * before its last use (an evaluation before a churn) looks its last day up in the daily rows.
 */
export async function readAdoptionRows(db: Db, orgId: string, accountIds: string[], asOf: string[]): Promise<TAdoptionRow[]> {
  if (!accountIds.length) return [];
  return queryRows<TAdoptionRow>(
    db,
    sql`with k as (
          select * from unnest(${sql.param(accountIds)}::uuid[], ${sql.param(asOf)}::date[]) as k(account_id, as_of)
        ), pl as (
          select k.account_id, ma.primary_plan_id as plan_id from k
          join mrr_accounts ma on ma.org_id = ${orgId} and ma.account_id = k.account_id
        ), evd as (
          select e.account_id, e.event, e.day > k.as_of - 30 as recent, e.count from k
          join usage_daily_events e on e.org_id = ${orgId} and e.account_id = k.account_id
            and e.day > k.as_of - 60 and e.day <= k.as_of
        ), ev as (
          select account_id, sum(count) filter (where recent) as events_30d, sum(count) filter (where not recent) as events_prev_30d
          from evd group by account_id
        ), ud as (
          select k.account_id, k.as_of, u.user_id, max(u.day) as last_day, min(u.day) as first_day
          from k join usage_daily_users u on u.org_id = ${orgId} and u.account_id = k.account_id
            and u.day > k.as_of - 60 and u.day <= k.as_of
          group by k.account_id, k.as_of, u.user_id
        ), us as (
          select account_id,
            count(*) filter (where last_day > as_of - 7) as users_7d,
            count(*) filter (where last_day > as_of - 30) as users_30d,
            count(*) filter (where first_day <= as_of - 30) as users_prev_30d
          from ud group by account_id
        ), lic as (
          select k.account_id, sum(v.quantity * p.included_units) as licences from k
          join subscription_line_versions v on v.org_id = ${orgId} and v.account_id = k.account_id
            and v.valid_from <= k.as_of and (v.valid_to is null or v.valid_to > k.as_of) and not v.trial
          join plans p on p.org_id = ${orgId} and p.id = v.plan_id and p.included_units is not null
          group by k.account_id
        ), kp as (
          select coalesce(p.plan_id, ${NO_PLAN}::uuid) as plan_key, f.event
          from (select distinct pl.plan_id from k left join pl on pl.account_id = k.account_id) p
          join usage_key_features f on f.org_id = ${orgId} and (f.plan_id is null or f.plan_id = p.plan_id)
          group by 1, 2
        ), kt as (
          select plan_key, count(*) as total from kp group by plan_key
        ), ku as (
          select evd.account_id, count(distinct evd.event) as used from evd
          left join pl on pl.account_id = evd.account_id
          join kp on kp.plan_key = coalesce(pl.plan_id, ${NO_PLAN}::uuid) and kp.event = evd.event
          where evd.recent group by evd.account_id
        )
        select k.account_id, k.as_of::text as as_of,
          coalesce(act.first_seen_at::date <= k.as_of, false) as has_usage,
          case when act.first_seen_at::date <= k.as_of then act.first_seen_at::date::text end as first_seen_on,
          case
            when act.first_seen_at::date > k.as_of or act.account_id is null then null
            when act.last_seen_at::date <= k.as_of then act.last_seen_at::date::text
            else (select max(e.day)::text from usage_daily_events e
                  where e.org_id = ${orgId} and e.account_id = k.account_id and e.day <= k.as_of)
          end as last_seen_on,
          coalesce(ev.events_30d, 0)::float8 as events_30d, coalesce(ev.events_prev_30d, 0)::float8 as events_prev_30d,
          coalesce(us.users_7d, 0)::int as users_7d, coalesce(us.users_30d, 0)::int as users_30d,
          coalesce(us.users_prev_30d, 0)::int as users_prev_30d,
          pl.plan_id, lic.licences::float8 as licences,
          coalesce(kt.total, 0)::int as key_features, coalesce(ku.used, 0)::int as key_features_used
        from k
        left join pl on pl.account_id = k.account_id
        left join usage_account_activity act on act.org_id = ${orgId} and act.account_id = k.account_id
        left join ev on ev.account_id = k.account_id
        left join us on us.account_id = k.account_id
        left join lic on lic.account_id = k.account_id
        left join kt on kt.plan_key = coalesce(pl.plan_id, ${NO_PLAN}::uuid)
        left join ku on ku.account_id = k.account_id`,
  );
}

/** One account's events and active users per day over a range (days without usage are left out). */
export async function readDailySeries(db: Db, orgId: string, accountId: string, from: string, to: string) {
  return queryRows<{ day: string; events: number; users: number }>(
    db,
    sql`select d.day::text as day, coalesce(e.events, 0)::float8 as events, coalesce(u.users, 0)::int as users
        from (
          select day from usage_daily_events where org_id = ${orgId} and account_id = ${accountId} and day between ${from} and ${to}
          union select day from usage_daily_users where org_id = ${orgId} and account_id = ${accountId} and day between ${from} and ${to}
        ) d
        left join (
          select day, sum(count) as events from usage_daily_events
          where org_id = ${orgId} and account_id = ${accountId} and day between ${from} and ${to} group by day
        ) e on e.day = d.day
        left join (
          select day, count(*) as users from usage_daily_users
          where org_id = ${orgId} and account_id = ${accountId} and day between ${from} and ${to} group by day
        ) u on u.day = d.day
        order by d.day`,
  );
}

/** One account's use of each feature (event name) per day over a range: events and distinct users that day. */
export async function readFeatureSeries(db: Db, orgId: string, accountId: string, from: string, to: string) {
  return queryRows<{ day: string; event: string; events: number; users: number }>(
    db,
    sql`select e.day::text as day, e.event, e.count::float8 as events, coalesce(fu.users, 0)::int as users
        from usage_daily_events e
        left join usage_daily_feature_users fu
          on fu.org_id = ${orgId} and fu.account_id = e.account_id and fu.day = e.day and fu.event = e.event
        where e.org_id = ${orgId} and e.account_id = ${accountId} and e.day between ${from} and ${to}
        order by e.day, e.event`,
  );
}

export interface TFeatureFilter {
  orgId: string;
  /** A user limited to their own accounts. */
  ownerUserId: string | null;
  actorUserId: string;
  planId?: string[];
  segment?: string[];
  marketId?: string[];
  ownerFilter?: string[];
}

/**
 * Per event name seen in the 60 days up to `day` (and every key feature): over the accounts the filter keeps (not
 * archived, customers or not), how many used it in the last 30 days, their events then and in the 30 before, and
 * the users per day on average; the number of accounts the filter keeps comes with every row.
 */
export async function readFeatureAdoption(db: Db, f: TFeatureFilter, day: string) {
  const owners = f.ownerFilter?.map((o) => (o === 'me' ? f.actorUserId : o));
  const ownerIds = owners?.filter((o) => o !== 'none') ?? [];
  const conds = [
    sql`a.org_id = ${f.orgId}`,
    sql`a.archived_at is null`,
    f.ownerUserId ? sql`a.owner_user_id = ${f.ownerUserId}` : undefined,
    f.segment?.length ? sql`a.segment = any(${sql.param(f.segment)}::text[])` : undefined,
    f.marketId?.length ? sql`a.market_id = any(${sql.param(f.marketId)}::uuid[])` : undefined,
    f.planId?.length ? sql`ma.primary_plan_id = any(${sql.param(f.planId)}::uuid[])` : undefined,
    owners?.length
      ? sql`(${ownerIds.length ? sql`a.owner_user_id = any(${sql.param(ownerIds)}::uuid[])` : sql`false`} or ${
          owners.includes('none') ? sql`a.owner_user_id is null` : sql`false`
        })`
      : undefined,
  ].filter((c) => c !== undefined);
  return queryRows<{
    event: string;
    is_key: boolean;
    accounts: number;
    accounts_total: number;
    events_30d: number;
    events_prev_30d: number;
    user_days_30d: number;
  }>(
    db,
    sql`with acc as (
          select a.id from accounts a
          left join mrr_accounts ma on ma.org_id = ${f.orgId} and ma.account_id = a.id
          where ${sql.join(conds, sql` and `)}
        ), ev as (
          select e.event,
            count(distinct e.account_id) filter (where e.day > ${day}::date - 30) as accounts,
            sum(e.count) filter (where e.day > ${day}::date - 30) as events_30d,
            sum(e.count) filter (where e.day <= ${day}::date - 30) as events_prev_30d
          from usage_daily_events e join acc on acc.id = e.account_id
          where e.org_id = ${f.orgId} and e.day > ${day}::date - 60 and e.day <= ${day}::date
          group by e.event
        ), fu as (
          select fu.event, sum(fu.users) as user_days from usage_daily_feature_users fu join acc on acc.id = fu.account_id
          where fu.org_id = ${f.orgId} and fu.day > ${day}::date - 30 and fu.day <= ${day}::date
          group by fu.event
        ), keys as (
          select distinct event from usage_key_features where org_id = ${f.orgId}
        ), names as (select event from ev union select event from keys)
        select n.event, (k.event is not null) as is_key,
          coalesce(ev.accounts, 0)::int as accounts, (select count(*) from acc)::int as accounts_total,
          coalesce(ev.events_30d, 0)::float8 as events_30d, coalesce(ev.events_prev_30d, 0)::float8 as events_prev_30d,
          coalesce(fu.user_days, 0)::float8 as user_days_30d
        from names n left join ev on ev.event = n.event left join fu on fu.event = n.event left join keys k on k.event = n.event
        order by n.event`,
  );
}

/** The event names the organisation's accounts sent (for the key-feature editor), with when each was last seen. */
export async function readSeenEvents(db: Db, orgId: string) {
  return queryRows<{ event: string; last_day: string; events: number }>(
    db,
    sql`select event, max(day)::text as last_day, sum(count)::float8 as events from usage_daily_events
        where org_id = ${orgId} group by event order by event`,
  );
}

export async function listKeyFeatureRows(db: Db, orgId: string) {
  return db.select().from(usageKeyFeatures).where(eq(usageKeyFeatures.orgId, orgId)).orderBy(asc(usageKeyFeatures.event));
}

/** Replaces the organisation's key features with the given ones. */
export async function replaceKeyFeatures(
  db: Db,
  orgId: string,
  rows: { id: string; event: string; planId: string | null; createdAt: Date }[],
) {
  await db.delete(usageKeyFeatures).where(eq(usageKeyFeatures.orgId, orgId));
  if (rows.length) await db.insert(usageKeyFeatures).values(rows.map((r) => ({ ...r, orgId })));
}

export async function findAdoptionSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(usageAdoptionSettings).where(eq(usageAdoptionSettings.orgId, orgId));
  return row ?? null;
}

export async function saveAdoptionSettings(
  db: Db,
  orgId: string,
  s: { lowActivityDays: number; lowActivityDropPercent: number; poorBreadthPercent: number; poorLicencePercent: number },
  now: Date,
) {
  await db
    .insert(usageAdoptionSettings)
    .values({ orgId, ...s, updatedAt: now })
    .onConflictDoUpdate({ target: usageAdoptionSettings.orgId, set: { ...s, updatedAt: now } });
}

/**
 * Recounts the distinct users per account, day and event from the raw events of the days `from`–`to` (UTC) and stores
 * them over what was there: the feature-users rollup cannot be merged from batch deltas (distinct users do not add
 * up). Rows without raw events behind them (older than the retention, or written by the demo) are left alone.
 */
export async function recountFeatureUsers(db: Db, orgId: string, from: string, to: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with ins as (
          insert into usage_daily_feature_users (org_id, account_id, day, event, users)
          select ${orgId}, e.account_id, (e.ts at time zone 'UTC')::date, e.event, count(distinct e.user_id)
          from usage_events e
          where e.org_id = ${orgId} and e.account_id is not null and e.event is not null and e.user_id is not null
            and e.ts >= ${from}::date and e.ts < ${to}::date + 1
          group by e.account_id, (e.ts at time zone 'UTC')::date, e.event
          order by 2, 3, 4
          on conflict (org_id, account_id, day, event) do update set users = excluded.users
          returning 1
        ) select count(*)::int as n from ins`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Organisations whose accounts sent events since `since` (the feature-users job's plan), across organisations by design. */
export async function organisationsActiveSince(db: Db, since: Date): Promise<string[]> {
  return acrossOrganisations('the feature-users recount visits every organisation that received events lately', async () =>
    (
      await queryRows<{ org_id: string }>(
        db,
        sql`select distinct org_id from usage_account_activity where last_seen_at >= ${since.toISOString()}::timestamptz`,
      )
    ).map((r) => r.org_id),
  );
}

/** Every stored feature-users row of an account (tests). */
export const featureUsersOf = (db: Db, orgId: string, accountId: string) =>
  queryRows<{ day: string; event: string; users: number }>(
    db,
    sql`select day::text as day, event, users from usage_daily_feature_users where org_id = ${orgId} and account_id = ${accountId} order by day, event`,
  );
