import { eq, type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { churnSignalSettings } from './churn-signals.table.ts';

/** Queries only: the usage rule over the usage module's rollups, the settings and the open episodes. Every query filters on org_id. */

/** The thresholds of the usage rule (an organisation's settings, or the defaults). */
export interface TUsageRule {
  usageDropPct: number;
  usageWindowDays: number;
  noLoginDays: number;
}
export const DEFAULT_USAGE_RULE: TUsageRule = { usageDropPct: 50, usageWindowDays: 30, noLoginDays: 30 };

/**
 * A drop needs a past to drop from: fewer events than this in the window before is too little to compare
 * (an account that sent 3 events and then 1 has not "dropped 67 %").
 */
export const MIN_PREVIOUS_EVENTS = 10;

export async function findUsageRule(db: Db, orgId: string): Promise<TUsageRule> {
  const [row] = await db.select().from(churnSignalSettings).where(eq(churnSignalSettings.orgId, orgId));
  return row ? { usageDropPct: row.usageDropPct, usageWindowDays: row.usageWindowDays, noLoginDays: row.noLoginDays } : DEFAULT_USAGE_RULE;
}

export async function saveUsageRule(db: Db, orgId: string, rule: TUsageRule, now: Date) {
  await db
    .insert(churnSignalSettings)
    .values({ orgId, ...rule, updatedAt: now })
    .onConflictDoUpdate({ target: churnSignalSettings.orgId, set: { ...rule, updatedAt: now } });
}

/**
 * THE low-activity rule, in one place (the usage signals and the health portfolio's low-activity list both read it;
 * a formal adoption flag can replace it here). For every account that is not archived, not a former customer (its
 * last MRR change point left it no customer) and has sent usage before `today`: when it was last seen, its events
 * in the last `usageWindowDays` complete days and in as many days before, and
 * - `reason` 'no_login' when nothing came for `noLoginDays` days or more, else 'usage_drop' when the window's events
 *   are down `usageDropPct` % or more on the window before (which had at least MIN_PREVIOUS_EVENTS), else null;
 * - `still_dropped`: down at least half the threshold (a drop ends only when usage has clearly recovered).
 * A subquery: `select … from (${usageActivitySql(…)}) x`.
 */
export function usageActivitySql(orgId: string, today: string, rule: TUsageRule): SQL {
  const w = rule.usageWindowDays;
  const pct = rule.usageDropPct;
  return sql`
    select x.*,
      case when x.previous_events > 0 then round(100.0 * (x.previous_events - x.recent_events) / x.previous_events)::int end as drop_pct,
      case
        when x.idle_days >= ${rule.noLoginDays}::int then 'no_login'
        when x.previous_events >= ${MIN_PREVIOUS_EVENTS}::int and x.recent_events * 100 <= x.previous_events * (100 - ${pct}::int) then 'usage_drop'
      end as reason,
      (x.previous_events >= ${MIN_PREVIOUS_EVENTS}::int and x.recent_events * 200 <= x.previous_events * (200 - ${pct}::int)) as still_dropped
    from (
      select a.id as account_id, ua.last_seen_at,
        (${today}::date - ua.last_seen_at::date) as idle_days,
        coalesce(e.recent, 0)::bigint as recent_events, coalesce(e.previous, 0)::bigint as previous_events
      from accounts a
      join usage_account_activity ua on ua.org_id = a.org_id and ua.account_id = a.id
      left join lateral (
        select sum(d.count) filter (where d.day >= ${today}::date - ${w}::int) as recent,
               sum(d.count) filter (where d.day < ${today}::date - ${w}::int) as previous
        from usage_daily_events d
        where d.org_id = ${orgId} and d.account_id = a.id and d.day >= ${today}::date - ${2 * w}::int and d.day < ${today}::date
      ) e on true
      left join lateral (
        select m.active_after from mrr_changes m
        where m.org_id = ${orgId} and m.account_id = a.id and m.effective_date <= ${today}::date
        order by m.effective_date desc limit 1
      ) l on true
      where a.org_id = ${orgId} and a.archived_at is null and coalesce(l.active_after, true)
        and ua.first_seen_at::date < ${today}::date
    ) x`;
}

export interface TUsageFlagRow {
  account_id: string;
  last_seen_at: Date | string;
  idle_days: number;
  recent_events: number;
  previous_events: number;
  drop_pct: number | null;
  reason: 'no_login' | 'usage_drop';
}

/**
 * One day's episodes, set-based: closes the drops that recovered and the silences that ended, then opens an episode
 * for each account newly flagged. Returns the accounts whose episode opened now (their signals are raised by the caller).
 */
export async function advanceEpisodes(db: Db, orgId: string, today: string, rule: TUsageRule): Promise<TUsageFlagRow[]> {
  const activity = usageActivitySql(orgId, today, rule);
  await db.execute(sql`
    with x as materialized (${activity})
    delete from churn_signal_episodes ep
    where ep.org_id = ${orgId} and not exists (
      select 1 from x
      where x.account_id = ep.account_id
        and ((ep.kind = 'usage_drop' and x.still_dropped) or (ep.kind = 'no_login' and x.reason = 'no_login'))
    )`);
  return queryRows<TUsageFlagRow>(
    db,
    sql`with x as materialized (${activity}),
      opened as (
        insert into churn_signal_episodes (org_id, account_id, kind, started_on)
        select ${orgId}::uuid, x.account_id, x.reason, ${today}::date from x where x.reason is not null
        union all
        -- A silence is also a drop: when it ends with a little usage, that is the same episode, not a new signal.
        select ${orgId}::uuid, x.account_id, 'usage_drop', ${today}::date from x where x.reason = 'no_login' and x.still_dropped
        on conflict (org_id, account_id, kind) do nothing
        returning account_id, kind
      )
      select x.account_id, x.last_seen_at, x.idle_days::int as idle_days, x.recent_events::int as recent_events,
        x.previous_events::int as previous_events, x.drop_pct, x.reason
      from x join opened o on o.account_id = x.account_id and o.kind = x.reason
      order by x.account_id`,
  );
}

export async function setEpisodeSignal(db: Db, orgId: string, accountId: string, kind: string, signalId: string) {
  await db.execute(
    sql`update churn_signal_episodes set signal_id = ${signalId} where org_id = ${orgId} and account_id = ${accountId} and kind = ${kind}`,
  );
}

/** Every organisation that has received usage: what the daily usage-signal job walks. */
export async function organisationsWithUsage(db: Db): Promise<string[]> {
  return acrossOrganisations('the daily usage signals walk every organisation that has received usage', async () => {
    const rows = await queryRows<{ org_id: string }>(db, sql`select distinct org_id from usage_account_activity order by 1`);
    return rows.map((r) => r.org_id);
  });
}
