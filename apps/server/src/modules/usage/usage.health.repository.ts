import { type SQL, sql } from 'drizzle-orm';
import { longRead, queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';

/**
 * What the health measures read of usage, for many accounts at once, each as of its own day: one look-up of the
 * account's last 60 days (events) and last 30 days (users) in the rollups' primary keys, aggregated inside the
 * look-up. No account × event or account × user set is built, grouped, sorted or spilled (the adoption read of
 * usage.adoption.repository.ts does, for its own figures), and the year of older rollup rows is never read: the
 * cost grows with accounts × the window's rows. Two statements side by side (events, users), each in its own
 * transaction without JIT. A recompute of every account drives them from the accounts table; a few accounts (after
 * an event, or an evaluation as of the day before each churn) from the arrays of ids and days: the same statements
 * otherwise, so both give the same figures.
 */

export interface THealthUsageRow {
  account_id: string;
  as_of: string;
  last_seen_on: string | null;
  events_30d: number;
  events_prev_30d: number;
  users_30d: number;
  /** Users or licences bought: quantity × the plan's included units over the lines running on its day; null when no line gives any. */
  licences: number | null;
  key_features: number;
  key_features_used: number;
}

/** The key of "no plan" in the key-feature sets (an account without a primary plan counts the every-plan ones). */
const NO_PLAN = '00000000-0000-0000-0000-000000000000';

/** The accounts to read and their day: every account not archived as of one day, or the given ones. */
export type THealthUsageScope = { orgId: string } & ({ every: true; day: string } | { every: false; accountIds: string[]; asOf: string[] });

function accountsOf(s: THealthUsageScope): SQL {
  return s.every
    ? sql`select a.id as account_id, ${s.day}::date as as_of from accounts a where a.org_id = ${s.orgId} and a.archived_at is null`
    : sql`select * from unnest(${sql.param(s.accountIds)}::uuid[], ${sql.param(s.asOf)}::date[]) as k(account_id, as_of)`;
}

/** The accounts in scope that had usage by their day (the others have no usage measure), with their figures. */
export async function readHealthUsage(db: Db, s: THealthUsageScope): Promise<THealthUsageRow[]> {
  if (!s.every && !s.accountIds.length) return [];
  const { orgId } = s;
  const [rows, users] = await Promise.all([
    // work_mem: the only hashes are the scope's accounts (100k × about 50 bytes) and the lines of plans with
    // included units; 32 MB holds both for 100k accounts without a batch on disk.
    longRead(db, { workMem: '32MB' }, (tx) =>
      queryRows<Omit<THealthUsageRow, 'users_30d'>>(
        tx,
        sql`with k as (${accountsOf(s)}), kp as (
              select coalesce(p.plan_id, ${NO_PLAN}::uuid) as plan_key, array_agg(distinct f.event) as events,
                count(distinct f.event)::int as total
              from (select p.id as plan_id from plans p where p.org_id = ${orgId} union all select null::uuid) p
              join usage_key_features f on f.org_id = ${orgId} and (f.plan_id is null or f.plan_id = p.plan_id)
              group by 1
            ), lic as (
              select k.account_id, sum(v.quantity * p.included_units) as licences from k
              join subscription_line_versions v on v.org_id = ${orgId} and v.account_id = k.account_id
                and v.valid_from <= k.as_of and (v.valid_to is null or v.valid_to > k.as_of) and not v.trial
              join plans p on p.org_id = ${orgId} and p.id = v.plan_id and p.included_units is not null
              group by k.account_id
            )
            select k.account_id, k.as_of::text as as_of,
              case
                when act.last_seen_at::date <= k.as_of then act.last_seen_at::date::text
                else (select max(e.day)::text from usage_daily_events e
                      where e.org_id = ${orgId} and e.account_id = k.account_id and e.day <= k.as_of)
              end as last_seen_on,
              coalesce(ev.events_30d, 0)::float8 as events_30d, coalesce(ev.events_prev_30d, 0)::float8 as events_prev_30d,
              lic.licences::float8 as licences, coalesce(kp.total, 0) as key_features, ev.used::int as key_features_used
            from k
            left join mrr_accounts ma on ma.org_id = ${orgId} and ma.account_id = k.account_id
            left join kp on kp.plan_key = coalesce(ma.primary_plan_id, ${NO_PLAN}::uuid)
            join usage_account_activity act on act.org_id = ${orgId} and act.account_id = k.account_id
              and act.first_seen_at::date <= k.as_of
            left join lic on lic.account_id = k.account_id
            cross join lateral (
              select sum(e.count) filter (where e.day > k.as_of - 30) as events_30d,
                sum(e.count) filter (where e.day <= k.as_of - 30) as events_prev_30d,
                count(distinct e.event) filter (where e.day > k.as_of - 30 and e.event = any(kp.events)) as used
              from usage_daily_events e
              where e.org_id = ${orgId} and e.account_id = k.account_id and e.day > k.as_of - 60 and e.day <= k.as_of
            ) ev`,
      ),
    ),
    longRead(db, {}, (tx) =>
      queryRows<{ account_id: string; users_30d: number }>(
        tx,
        sql`with k as (${accountsOf(s)})
            select k.account_id, u.users_30d from k
            cross join lateral (
              select count(distinct u.user_id)::int as users_30d from usage_daily_users u
              where u.org_id = ${orgId} and u.account_id = k.account_id and u.day > k.as_of - 30 and u.day <= k.as_of
            ) u
            where u.users_30d > 0`,
      ),
    ),
  ]);
  const byAccount = new Map(users.map((u) => [u.account_id, u.users_30d]));
  return rows.map((r) => ({ ...r, users_30d: byAccount.get(r.account_id) ?? 0 }));
}
