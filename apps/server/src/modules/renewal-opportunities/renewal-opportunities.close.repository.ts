import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';

/** The SQL of the renewals that close by themselves; every query pinned to the organisation. */
const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

export interface TFinishedRenewal {
  id: string;
  target_cents: number;
  /** The next term's ARR (its first day's MRR × 12), null when there is none. */
  next_arr_cents: number | null;
  next_start: string | null;
  /** The term ended cancelled: a cancellation recorded in it stands, and the subscription ends by its last day. */
  cancelled: boolean;
  cancel_reason: string | null;
}

/**
 * The open renewals whose outcome is known: a next term was recorded (renewed, at a higher, equal or lower ARR); or
 * the term ended cancelled; or the organisation's grace period (metric settings' renewalGraceDays, default 30) passed
 * after the renewal date without a next term. With the latest cancellation's reason.
 */
export async function finishedRenewals(db: Db, orgId: string, today: string, subscriptionId?: string): Promise<TFinishedRenewal[]> {
  const one: SQL = subscriptionId ? sql`and o.subscription_id = ${subscriptionId}` : sql``;
  const res = await db.execute(sql`
    with grace as (
      select coalesce((select (m.settings->>'renewalGraceDays')::int from metric_settings m where m.org_id = ${orgId}), 30) as days
    ), cand as materialized (
      -- Only those past their renewal date or with a next term are looked at further (the rest stay open).
      select o.id, o.subscription_id, o.term_no, o.target_cents, o.term_last_day, o.due_on
      from renewal_opportunities o
      where o.org_id = ${orgId} and o.closed_at is null ${one}
        and (o.due_on <= ${today}::date or exists (select 1 from subscription_terms x
          where x.org_id = ${orgId} and x.subscription_id = o.subscription_id and x.term_no > o.term_no))
    )
    select o.id, o.target_cents::float8 as target_cents, (n.start_mrr_cents * 12)::float8 as next_arr_cents, n.term_start::text as next_start,
      (k.kind is not null) as cancelled, k.reason as cancel_reason
    from cand o
    join subscriptions s on s.org_id = ${orgId} and s.id = o.subscription_id
    join subscription_terms tt on tt.org_id = ${orgId} and tt.subscription_id = o.subscription_id and tt.term_no = o.term_no
    left join lateral (select t.start_mrr_cents, t.term_start from subscription_terms t
      where t.org_id = ${orgId} and t.subscription_id = o.subscription_id and t.term_no > o.term_no order by t.term_no limit 1) n on true
    -- The term's cancellation still standing (the latest of cancel, withdrawal and end recorded in it), and its reason.
    left join lateral (select c.kind, coalesce(cr.label || coalesce(': ' || c.comment, ''), c.comment) as reason
      from subscription_changes c left join cancel_reasons cr on cr.org_id = ${orgId} and cr.id = c.reason_id
      where c.org_id = ${orgId} and c.subscription_id = o.subscription_id and c.effective_date >= tt.term_start
        and c.kind in ('cancel_request', 'cancel_withdrawn', 'end')
      order by c.effective_date desc, c.seq desc limit 1) k0 on true
    left join lateral (select k0.kind, k0.reason where k0.kind <> 'cancel_withdrawn' and s.ends_on is not null and s.ends_on <= o.term_last_day) k on true
    where (n.start_mrr_cents is not null
        or (o.due_on <= ${today}::date and k.kind is not null)
        or o.due_on + (select days from grace) < ${today}::date)
    order by o.due_on, o.id`);
  return rowsOf<TFinishedRenewal>(res);
}
