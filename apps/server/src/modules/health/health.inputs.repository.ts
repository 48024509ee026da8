import { sql } from 'drizzle-orm';
import { longRead, queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TReadScope } from './health.measures.ts';

/**
 * What the scoring reads, set-based: one statement per kind of input for all the accounts in scope, each account
 * read as of its own day (today, or the day before its churn when evaluating). Every table pinned to the organisation.
 */

export interface TScopeAccount {
  accountId: string;
  segment: string | null;
  asOf: string;
  /** The account had a subscription and has none active now (its last MRR change point left it no customer). */
  churned: boolean;
  churnedOn: string | null;
  hadSubscription: boolean;
  custom: Record<string, unknown>;
}

/**
 * The organisation's accounts that are not archived (or the given ones), with the day to read them as of:
 * today, or with `beforeChurn` the day before the churn of an account that churned (so an ended subscription's
 * MRR of 0 after the churn, and the days since, never leak into a measure).
 */
export async function scopeAccounts(
  db: Db,
  orgId: string,
  opts: { today: string; beforeChurn: boolean; accountIds: string[] | null },
): Promise<TScopeAccount[]> {
  const ids = opts.accountIds;
  const rows = await queryRows<{
    account_id: string;
    segment: string | null;
    custom: Record<string, unknown> | null;
    last_date: string | null;
    active_after: boolean | null;
  }>(
    db,
    sql`select a.id as account_id, a.segment, a.custom, l.effective_date::text as last_date, l.active_after
        from accounts a
        left join lateral (
          select m.effective_date, m.active_after from mrr_changes m
          where m.org_id = ${orgId} and m.account_id = a.id order by m.effective_date desc limit 1
        ) l on true
        where a.org_id = ${orgId} and a.archived_at is null
          ${ids ? sql`and a.id = any(${sql.param(ids)}::uuid[])` : sql``}
        order by a.id`,
  );
  return rows.map((r) => {
    const churned = r.active_after === false;
    const churnedOn = churned ? r.last_date : null;
    const before = churnedOn && churnedOn <= opts.today ? dayBefore(churnedOn) : null;
    return {
      accountId: r.account_id,
      segment: r.segment,
      custom: r.custom ?? {},
      churned,
      churnedOn,
      hadSubscription: r.last_date !== null,
      asOf: opts.beforeChurn && before ? before : opts.today,
    };
  });
}

/**
 * The accounts a recompute scores (not archived, or the given ones), each read as of today: only what the scoring
 * needs (its segment picks the scorecard), without the churn lookup of `scopeAccounts` (a lateral look-up of each
 * account's last MRR change: 1.7 s of a 100k-account recompute, docs/benchmarks.md).
 */
export async function accountsToScore(
  db: Db,
  orgId: string,
  today: string,
  accountIds: string[] | null,
): Promise<{ accountId: string; segment: string | null; asOf: string }[]> {
  const rows = await queryRows<{ account_id: string; segment: string | null }>(
    db,
    sql`select a.id as account_id, a.segment from accounts a
        where a.org_id = ${orgId} and a.archived_at is null
          ${accountIds ? sql`and a.id = any(${sql.param(accountIds)}::uuid[])` : sql``}
        order by a.id`,
  );
  return rows.map((r) => ({ accountId: r.account_id, segment: r.segment, asOf: today }));
}

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export interface TSubscriptionInputRow {
  account_id: string;
  as_of: string;
  mrr_cents: number | null;
  active: boolean | null;
  mrr_90_cents: number | null;
  active_since: string | null;
  commitment_months: number | null;
  renewal_on: string | null;
  plan_tier: number | null;
}

/** Each account's MRR (reporting currency) as of its day and 90 days before, since when it is a customer, its longest commitment, next renewal and plan tier. */
export async function readSubscriptionInputs(db: Db, scope: TReadScope): Promise<TSubscriptionInputRow[]> {
  const { orgId } = scope;
  return longRead(db, {}, (tx) =>
    queryRows<TSubscriptionInputRow>(
      tx,
      sql`select k.account_id, k.as_of::text as as_of,
          cur.mrr_after_cents::float8 as mrr_cents, cur.active_after as active,
          prev.mrr_after_cents::float8 as mrr_90_cents,
          st.since::text as active_since,
          sub.commitment_months::float8 as commitment_months, sub.renewal_on::text as renewal_on,
          p.tier as plan_tier
        from unnest(${sql.param(scope.accountIds)}::uuid[], ${sql.param(scope.asOf)}::date[]) as k(account_id, as_of)
        left join lateral (
          select m.mrr_after_cents, m.active_after from mrr_changes m
          where m.org_id = ${orgId} and m.account_id = k.account_id and m.effective_date <= k.as_of
          order by m.effective_date desc limit 1
        ) cur on true
        left join lateral (
          select m.mrr_after_cents from mrr_changes m
          where m.org_id = ${orgId} and m.account_id = k.account_id and m.effective_date <= k.as_of - 90
          order by m.effective_date desc limit 1
        ) prev on true
        left join lateral (
          select max(m.effective_date) as since from mrr_changes m
          where m.org_id = ${orgId} and m.account_id = k.account_id and m.effective_date <= k.as_of
            and m.active_after and not m.active_before
        ) st on true
        left join lateral (
          select max(greatest(s.interval_months,
                   case when s.term_end is null then 0 else round((s.term_end - s.term_start + 1) / 30.4375) end)) as commitment_months,
                 min(s.term_end) filter (where s.term_end >= k.as_of) as renewal_on
          from subscriptions s
          where s.org_id = ${orgId} and s.account_id = k.account_id and s.term_start <= k.as_of
            and (s.ends_on is null or s.ends_on >= k.as_of)
        ) sub on true
        left join mrr_accounts ma on ma.org_id = ${orgId} and ma.account_id = k.account_id
        left join plans p on p.org_id = ${orgId} and p.id = ma.primary_plan_id`,
    ),
  );
}

export interface TAccountFieldRow {
  account_id: string;
  segment: string | null;
  edition: string | null;
  employees: number | null;
  custom: Record<string, unknown> | null;
  updated_on: string;
}

export async function readAccountFields(db: Db, scope: TReadScope): Promise<TAccountFieldRow[]> {
  return queryRows<TAccountFieldRow>(
    db,
    sql`select a.id as account_id, a.segment, a.edition, a.employees, a.custom, a.updated_at::date::text as updated_on
        from accounts a where a.org_id = ${scope.orgId} and a.id = any(${sql.param(scope.accountIds)}::uuid[])`,
  );
}

/** The pulse in force on each account's day: the latest given on or before it that has not expired by then. */
export async function readPulseInputs(db: Db, scope: TReadScope) {
  const day = scope.asOf[0] as string;
  // Every account as of one day: the organisation's pulses in force, not a look-up per account (most have none).
  if (scope.every)
    return queryRows<{ account_id: string; value: number; given_on: string }>(
      db,
      sql`select distinct on (hp.account_id) hp.account_id, hp.value, hp.created_at::date::text as given_on
          from health_pulses hp
          join accounts a on a.org_id = hp.org_id and a.id = hp.account_id and a.archived_at is null
          where hp.org_id = ${scope.orgId} and hp.created_at::date <= ${day}::date
            and (hp.expires_on is null or hp.expires_on >= ${day}::date)
          order by hp.account_id, hp.created_at desc, hp.id desc`,
    );
  return longRead(db, {}, (tx) =>
    queryRows<{ account_id: string; value: number; given_on: string }>(
      tx,
      sql`select k.account_id, p.value, p.given_on
        from unnest(${sql.param(scope.accountIds)}::uuid[], ${sql.param(scope.asOf)}::date[]) as k(account_id, as_of)
        join lateral (
          select hp.value, hp.created_at::date::text as given_on from health_pulses hp
          where hp.org_id = ${scope.orgId} and hp.account_id = k.account_id and hp.created_at::date <= k.as_of
            and (hp.expires_on is null or hp.expires_on >= k.as_of)
          order by hp.created_at desc, hp.id desc limit 1
        ) p on true`,
    ),
  );
}

/** The MRR (cents) of every paying account of the organisation on a day: the population an account's MRR percentile ranks in. */
export async function readPayingMrrs(db: Db, orgId: string, day: string): Promise<number[]> {
  const rows = await queryRows<{ mrr: number }>(
    db,
    sql`select x.mrr::float8 as mrr from (
          select distinct on (m.account_id) m.mrr_after_cents as mrr, m.active_after
          from mrr_changes m where m.org_id = ${orgId} and m.effective_date <= ${day}
          order by m.account_id, m.effective_date desc) x
        where x.active_after and x.mrr > 0`,
  );
  return rows.map((r) => Number(r.mrr));
}
