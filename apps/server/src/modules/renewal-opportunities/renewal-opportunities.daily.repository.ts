import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';

/**
 * The daily run's statements, each set-based over one organisation: which terms open a renewal today, the
 * health refresh of the open ones, and which reminders are due. The inserts are ON CONFLICT DO NOTHING on the
 * unique keys, so two runs at once (two instances, a retried job) open and remind once.
 */

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

export async function organisationsWithSubscriptions(db: Db): Promise<string[]> {
  return acrossOrganisations('the daily renewal run walks every organisation with subscriptions', async () =>
    rowsOf<{ org_id: string }>(await db.execute(sql`select distinct org_id from subscriptions order by 1`)).map((r) => r.org_id),
  );
}

export interface TLeadRules {
  leadDays: number;
  rules: { segment?: string | null; edition?: string | null; days: number }[];
}

/** The lead days of account `a` (SQL): the first rule matching its segment and edition, else the default. */
const leadOf = (lead: TLeadRules): SQL => sql`coalesce((select (e.r->>'days')::int
    from jsonb_array_elements(${JSON.stringify(lead.rules)}::jsonb) with ordinality as e(r, i)
    where (e.r->>'segment' is null or e.r->>'segment' = a.segment) and (e.r->>'edition' is null or e.r->>'edition' = a.edition)
    order by e.i limit 1), ${lead.leadDays}::int)`;

export interface TOpenCandidate {
  subscription_id: string;
  term_no: number;
  account_id: string;
  currency: string;
  last_day: string;
  due_on: string;
  owner_user_id: string | null;
  target_cents: number;
  score: number | null;
  band: string | null;
  status: string;
}

/**
 * The candidates' select (see `termsToOpen`), also the source of `openDueTerms`' insert. The terms are narrowed on
 * their own table first (in the window, the subscription's latest, no renewal yet: on a day after the first, a few
 * hundred of the window's thousands), and only those are looked up in accounts, subscriptions and health scores, by
 * key (`offset 0` keeps the planner from turning a look-up into a scan of the 100k-row table hashed against the
 * window, which it chose when it guessed the narrowed terms several times too many).
 */
function candidatesOf(orgId: string, today: string, lead: TLeadRules, maxLead: number, subscriptionId?: string): SQL {
  const window = subscriptionId
    ? sql`t.subscription_id = ${subscriptionId} and t.last_day >= ${today}::date`
    : sql`t.last_day >= ${today}::date and t.last_day < ${today}::date + ${maxLead}::int`;
  const withinLead = subscriptionId ? sql`true` : sql`t.last_day + 1 <= ${today}::date + ${leadOf(lead)}`;
  return sql`
    select t.subscription_id, t.term_no, t.account_id, t.currency, t.last_day::text as last_day, (t.last_day + 1)::text as due_on,
      a.owner_user_id, (t.end_mrr_cents * 12)::float8 as target_cents, hs.score::float8 as score, hs.band, s.status
    from (select t.subscription_id, t.term_no, t.account_id, t.currency, t.last_day, t.end_mrr_cents
      from subscription_terms t
      where t.org_id = ${orgId} and ${window}
        and not exists (select 1 from subscription_terms n where n.org_id = ${orgId} and n.subscription_id = t.subscription_id and n.term_no > t.term_no)
        and not exists (select 1 from renewal_opportunities x where x.org_id = ${orgId} and x.subscription_id = t.subscription_id and x.term_no = t.term_no)
      offset 0) t
    cross join lateral (select a.owner_user_id, a.segment, a.edition from accounts a
      where a.org_id = ${orgId} and a.id = t.account_id and a.archived_at is null offset 0) a
    cross join lateral (select s.status from subscriptions s where s.org_id = ${orgId} and s.id = t.subscription_id offset 0) s
    left join lateral (select hs.score, hs.band from health_scores hs
      where hs.org_id = ${orgId} and hs.account_id = t.account_id offset 0) hs on true
    where ${withinLead}`;
}

/**
 * The terms whose renewal opens by today: the subscription's latest term, with a last day, its renewal date (the
 * day after) still ahead and within the account's lead days, on an active account, with no renewal yet.
 */
export async function termsToOpen(
  db: Db,
  orgId: string,
  today: string,
  lead: TLeadRules,
  maxLead: number,
  /** One subscription's current term, whatever its lead time (opened by hand). */
  subscriptionId?: string,
): Promise<TOpenCandidate[]> {
  return rowsOf<TOpenCandidate>(await db.execute(candidatesOf(orgId, today, lead, maxLead, subscriptionId)));
}

/** A UUID v7 made by the database (its millisecond clock, random bits), as `newId()` makes them. */
const uuidV7 = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

/**
 * The daily run's opening in one statement: the terms to open (`termsToOpen`) inserted as renewals with their
 * category, likelihood and risks as `openingView` gives them, without reading them out first. One already there
 * (another run was first) is skipped. Returns those inserted.
 */
export async function openDueTerms(db: Db, orgId: string, today: string, now: Date, lead: TLeadRules, maxLead: number) {
  const at = now.toISOString();
  const res = await db.execute(sql`
    insert into renewal_opportunities (org_id, id, account_id, subscription_id, term_no, currency, term_last_day, due_on, opened_on,
      owner_user_id, stage, category, target_cents, forecast_cents, likelihood, risk_reasons, stage_changed_at, created_at, updated_at)
    select ${orgId}::uuid, ${uuidV7}, c.account_id, c.subscription_id, c.term_no, c.currency, c.last_day::date, c.due_on::date,
      ${today}::date, c.owner_user_id, 'upcoming',
      case when c.status = 'cancelling' or c.band = 'red' then 'churn_risk' else 'renew' end,
      round(c.target_cents)::bigint, round(c.target_cents)::bigint, floor(c.score::numeric + 0.5)::int,
      (select coalesce(jsonb_agg(x), '[]'::jsonb) from (
          select 'health_' || c.band as x where c.band in ('red', 'yellow')
          union all select 'cancel_requested' where c.status = 'cancelling'
          union all select 'no_owner' where c.owner_user_id is null) reasons),
      ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
    from (${candidatesOf(orgId, today, lead, maxLead)}) c
    on conflict do nothing
    returning id, account_id, due_on::text as due_on`);
  return rowsOf<{ id: string; account_id: string; due_on: string }>(res);
}

export interface TNewOpportunity {
  id: string;
  account_id: string;
  subscription_id: string;
  term_no: number;
  currency: string;
  term_last_day: string;
  due_on: string;
  owner_user_id: string | null;
  category: string;
  target_cents: number;
  likelihood: number | null;
  risk_reasons: string[];
}

/** Inserts the new renewals; one already there (another run was first) is skipped. Returns those inserted. */
export async function insertOpportunities(db: Db, orgId: string, today: string, now: Date, rows: TNewOpportunity[]) {
  if (!rows.length) return [];
  const src = sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, account_id uuid, subscription_id uuid, term_no int,
    currency text, term_last_day date, due_on date, owner_user_id uuid, category text, target_cents bigint, likelihood int, risk_reasons jsonb)`;
  const res = await db.execute(sql`
    insert into renewal_opportunities (org_id, id, account_id, subscription_id, term_no, currency, term_last_day, due_on, opened_on,
      owner_user_id, stage, category, target_cents, forecast_cents, likelihood, risk_reasons, stage_changed_at, created_at, updated_at)
    select ${orgId}::uuid, r.id, r.account_id, r.subscription_id, r.term_no, r.currency, r.term_last_day, r.due_on, ${today}::date,
      r.owner_user_id, 'upcoming', r.category, r.target_cents, r.target_cents, r.likelihood, r.risk_reasons,
      ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from ${src}
    on conflict do nothing
    returning id, account_id, due_on::text as due_on`);
  return rowsOf<{ id: string; account_id: string; due_on: string }>(res);
}

/** Open renewals follow their account's health: likelihood (the score) and the health and cancellation risks. */
export async function refreshOpenOpportunities(db: Db, orgId: string, now: Date) {
  const res = await db.execute(sql`
    update renewal_opportunities o set
      likelihood = round(hs.score)::int,
      risk_reasons = (select coalesce(jsonb_agg(x), '[]'::jsonb) from (
          select 'health_' || hs.band as x where hs.band in ('red', 'yellow')
          union all select 'cancel_requested' where s.status = 'cancelling'
          union all select 'no_owner' where o.owner_user_id is null) reasons),
      updated_at = ${now.toISOString()}::timestamptz
    from health_scores hs, subscriptions s
    where o.org_id = ${orgId} and o.closed_at is null
      and hs.org_id = ${orgId} and hs.account_id = o.account_id
      and s.org_id = ${orgId} and s.id = o.subscription_id
      and (o.likelihood is distinct from round(hs.score)::int)
    returning o.id`);
  return rowsOf<{ id: string }>(res).length;
}

export interface TReminderCandidate {
  subscription_id: string;
  term_no: number;
  opportunity_id: string | null;
  account_id: string;
  account_name: string;
  due_on: string;
  reminder: string;
  user_id: string | null;
  email: string | null;
  user_name: string | null;
  language: string | null;
}

/**
 * The reminder due today per renewal, not sent yet: the smallest offset at or above the days left (so a missed day
 * sends it the day after, and a first run sends only the latest offset, not all of them), or `overdue` for an open
 * renewal past its date. Over the open renewals and the terms not opened yet (an offset above the lead days).
 */
export async function remindersDue(
  db: Db,
  orgId: string,
  today: string,
  offsets: number[],
  overdue: boolean,
): Promise<TReminderCandidate[]> {
  const maxOffset = Math.max(0, ...offsets);
  // Which reminder each renewal is due is worked out on the renewals and terms alone; only those not sent yet (a few
  // hundred on a day after the first) are looked up in accounts and users, by key (`offset 0`: see candidatesOf).
  const stmt = sql`
    with cand as materialized (
      select o.subscription_id, o.term_no, o.id as opportunity_id, o.account_id, o.owner_user_id as user_id, o.due_on
      from renewal_opportunities o where o.org_id = ${orgId} and o.closed_at is null
      union all
      select t.subscription_id, t.term_no, null::uuid, t.account_id, null::uuid, t.last_day + 1
      from subscription_terms t
      where t.org_id = ${orgId} and t.last_day >= ${today}::date and t.last_day < ${today}::date + ${maxOffset}::int
        and not exists (select 1 from subscription_terms n where n.org_id = ${orgId} and n.subscription_id = t.subscription_id and n.term_no > t.term_no)
        and not exists (select 1 from renewal_opportunities x where x.org_id = ${orgId} and x.subscription_id = t.subscription_id and x.term_no = t.term_no)
    ), keyed as materialized (
      select c.*, case when c.due_on <= ${today}::date then (case when ${overdue}::boolean then 'overdue' end)
        else (select min(x)::text from unnest(${`{${offsets.join(',')}}`}::int[]) as x where x >= c.due_on - ${today}::date) end as reminder
      from cand c
    ), unsent as materialized (
      select k.* from keyed k
      where k.reminder is not null
        and not exists (select 1 from renewal_reminders r where r.org_id = ${orgId} and r.subscription_id = k.subscription_id
          and r.term_no = k.term_no and r.reminder = k.reminder)
    )
    select k.subscription_id, k.term_no, k.opportunity_id, k.account_id, a.name as account_name, k.due_on::text as due_on, k.reminder,
      u.id as user_id, u.email, u.name as user_name, u.language
    from unsent k
    cross join lateral (select a.name, a.owner_user_id, a.archived_at from accounts a
      where a.org_id = ${orgId} and a.id = k.account_id offset 0) a
    left join lateral (select u.id, u.email, u.name, u.language from users u
      where u.org_id = ${orgId} and u.id = case when k.opportunity_id is null then a.owner_user_id else k.user_id end
        and u.disabled_at is null offset 0) u on true
    -- A term not opened yet is reminded only on an active account (an open renewal is, whatever became of its account).
    where k.opportunity_id is not null or a.archived_at is null`;
  const res = await db.execute(stmt);
  return rowsOf<TReminderCandidate>(res);
}

/** Records the reminders; those another run recorded first are skipped. Returns the keys inserted by this one. */
export async function insertReminders(db: Db, orgId: string, today: string, now: Date, rows: TReminderCandidate[]) {
  if (!rows.length) return [];
  const doc = rows.map((r) => ({ ...r, account_name: undefined, email: undefined, user_name: undefined, language: undefined }));
  const src = sql`jsonb_to_recordset(${JSON.stringify(doc)}::jsonb) as r(subscription_id uuid, term_no int, reminder text,
    opportunity_id uuid, account_id uuid, user_id uuid, due_on date)`;
  const res = await db.execute(sql`
    insert into renewal_reminders (org_id, subscription_id, term_no, reminder, opportunity_id, account_id, user_id, due_on, sent_on, created_at)
    select ${orgId}::uuid, r.subscription_id, r.term_no, r.reminder, r.opportunity_id, r.account_id, r.user_id, r.due_on, ${today}::date,
      ${now.toISOString()}::timestamptz
    from ${src}
    on conflict do nothing
    returning subscription_id, term_no, reminder`);
  return rowsOf<{ subscription_id: string; term_no: number; reminder: string }>(res);
}

/** The reminders of a renewal (its term), oldest first: for the renewal's page and the tests. */
export async function remindersOf(db: Db, orgId: string, subscriptionId: string, termNo: number) {
  const res = await db.execute(sql`select reminder, sent_on::text as sent_on, user_id from renewal_reminders
    where org_id = ${orgId} and subscription_id = ${subscriptionId} and term_no = ${termNo} order by sent_on, reminder`);
  return rowsOf<{ reminder: string; sent_on: string; user_id: string | null }>(res);
}
