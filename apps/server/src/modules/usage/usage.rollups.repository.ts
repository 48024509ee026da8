import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';

/**
 * Merges up to `limit` rollup deltas of an organisation (oldest first) into the rollups and deletes them, in the
 * caller's transaction: a delta counts exactly once. Answers how many, and the accounts whose activity they changed. Deltas another merge holds are skipped (SKIP LOCKED); the
 * rollup rows are written in key order, so two merges rarely deadlock (the job retries when they do).
 */
export async function mergeRollupDeltas(db: Db, orgId: string, limit: number): Promise<{ merged: number; accounts: string[] }> {
  const rows = await queryRows<{ merged: number; accounts: string[] | null }>(
    db,
    sql`
    with picked as (
      select id from usage_rollup_deltas where org_id = ${orgId} order by created_at limit ${limit} for update skip locked
    ), d as (
      delete from usage_rollup_deltas where org_id = ${orgId} and id in (select id from picked)
      returning daily_events, daily_users, activity
    ), de as (
      insert into usage_daily_events (org_id, account_id, day, event, count)
      select ${orgId}, x.a, x.d, x.e, sum(x.n) from d, json_to_recordset(d.daily_events::json) as x(a uuid, d date, e text, n bigint)
      group by x.a, x.d, x.e order by x.a, x.d, x.e
      on conflict (org_id, account_id, day, event) do update set count = usage_daily_events.count + excluded.count
    ), du as (
      insert into usage_daily_users (org_id, account_id, day, user_id, count)
      select ${orgId}, x.a, x.d, x.u, sum(x.n) from d, json_to_recordset(d.daily_users::json) as x(a uuid, d date, u text, n int)
      group by x.a, x.d, x.u order by x.a, x.d, x.u
      on conflict (org_id, account_id, day, user_id) do update set count = usage_daily_users.count + excluded.count
    ), aa as (
      insert into usage_account_activity (org_id, account_id, first_seen_at, last_seen_at, events)
      select ${orgId}, x.a, min(x.f), max(x.l), sum(x.n) from d, json_to_recordset(d.activity::json) as x(a uuid, f timestamptz, l timestamptz, n bigint)
      group by x.a order by x.a
      on conflict (org_id, account_id) do update set
        first_seen_at = least(usage_account_activity.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(usage_account_activity.last_seen_at, excluded.last_seen_at),
        events = usage_account_activity.events + excluded.events
      returning account_id
    )
    select (select count(*)::int from d) as merged, (select array_agg(account_id) from aa) as accounts`,
  );
  return { merged: Number(rows[0]?.merged ?? 0), accounts: rows[0]?.accounts ?? [] };
}

/** The organisations with deltas waiting (the sweep's plan), across organisations by design. */
export async function organisationsWithDeltas(db: Db): Promise<string[]> {
  return acrossOrganisations('the rollup sweep finds every organisation with deltas waiting', async () =>
    (await queryRows<{ org_id: string }>(db, sql`select distinct org_id from usage_rollup_deltas`)).map((r) => r.org_id),
  );
}
