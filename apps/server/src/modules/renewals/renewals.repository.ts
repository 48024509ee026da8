import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';

/**
 * Queries only: no HTTP, no access checks. Every statement is pinned to one organisation. The report reads the
 * subscriptions module's terms (subscription_terms, replayed by it) and, for other currencies, the metrics
 * module's exchange rates: both for reading only.
 */

export interface TRenewalScope {
  orgId: string;
  /** ownAccountsOnly: the actor's own accounts. */
  ownerUserId: string | null;
}

export interface TRenewalFilter {
  from: string;
  to: string;
  owner?: string;
  segment?: string;
  market?: string;
}

export interface TRenewalRules {
  graceDays: number;
  today: string;
  currency: string;
}

const rowsOf = async <T>(db: Db, query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** The organisation's reporting currency and its stored metric conventions (the grace period is one of them). */
export async function findReportingConventions(db: Db, orgId: string) {
  const [row] = await rowsOf<{ currency: string; settings: Record<string, unknown> | null }>(
    db,
    sql`select o.reporting_currency as currency, s.settings
        from organisations o left join metric_settings s on s.org_id = o.id
        where o.id = ${orgId}`,
  );
  return row ?? null;
}

/** Units of the reporting currency per unit of the term's currency: the rate of the month, else the latest before. */
const rateAt = (
  orgId: string,
  rules: TRenewalRules,
  currency: SQL,
  day: SQL,
) => sql`(case when ${currency} = ${rules.currency} then 1::numeric
  else (select r.rate from exchange_rates r where r.org_id = ${orgId} and r.currency = ${currency}
        and r.month <= date_trunc('month', ${day})::date order by r.month desc limit 1) end)`;

/**
 * Every term whose last day falls in the range, each with its outcome and the term that renewed it: the same
 * account's next term starting within the grace period around the term's end (the day after its last day).
 * That is the subscription's own next term, or a term of another subscription that a change opened (not one
 * that rolled over or renewed that subscription's own term). Amounts in cents of the reporting currency (ARR).
 */
/** The accounts the report covers (alias `a`): the actor's own when limited, and the filters' owner, segment, market. */
function accountConds(scope: TRenewalScope, f: TRenewalFilter): SQL[] {
  const conds: SQL[] = [];
  if (scope.ownerUserId) conds.push(sql`a.owner_user_id = ${scope.ownerUserId}`);
  if (f.owner) conds.push(sql`a.owner_user_id = ${f.owner}`);
  if (f.segment) conds.push(sql`a.segment = ${f.segment}`);
  if (f.market)
    conds.push(sql`a.market_id = (select m.id from markets m where m.org_id = ${scope.orgId} and upper(m.code) = upper(${f.market}))`);
  return conds;
}

function dueTerms(scope: TRenewalScope, f: TRenewalFilter, rules: TRenewalRules) {
  const org = scope.orgId;
  const conds: SQL[] = [sql`t.org_id = ${org}`, sql`t.last_day between ${f.from}::date and ${f.to}::date`, ...accountConds(scope, f)];
  const grace = sql`${rules.graceDays}::int`;
  return sql`
    select t.account_id, a.name as account_name, t.subscription_id, s.reference, t.term_start, t.last_day,
      round(t.end_mrr_cents * 12 * ${rateAt(org, rules, sql`t.currency`, sql`t.last_day`)}) as due_arr,
      nx.term_start as next_start,
      round(nx.start_mrr_cents * 12 * ${rateAt(org, rules, sql`nx.currency`, sql`nx.term_start`)}) as next_arr,
      case when nx.term_start is not null then 'renewed'
           when t.last_day + 1 + ${grace} < ${rules.today}::date then 'churned'
           else 'pending' end as outcome
    from subscription_terms t
    join accounts a on a.org_id = t.org_id and a.id = t.account_id
    join subscriptions s on s.org_id = t.org_id and s.id = t.subscription_id
    left join lateral (
      select n.term_start, n.start_mrr_cents, n.currency from subscription_terms n
      where n.org_id = ${org} and n.account_id = t.account_id and n.term_start > t.term_start
        and n.term_start between t.last_day + 1 - ${grace} and t.last_day + 1 + ${grace}
        and (n.subscription_id = t.subscription_id or (not n.rolled and not exists (
          select 1 from subscription_terms p where p.org_id = ${org} and p.subscription_id = n.subscription_id
            and p.term_no = n.term_no - 1 and p.last_day >= n.term_start - 1)))
      order by (n.subscription_id = t.subscription_id) desc, n.term_start, n.subscription_id, n.term_no
      limit 1
    ) nx on true
    where ${sql.join(conds, sql` and `)}`;
}

export interface TReportRow {
  bucket: string;
  due: number;
  due_arr: string | null;
  renewed: number;
  renewed_arr: string | null;
  renewed_gross: string | null;
  churned: number;
  pending: number;
  downgraded: number;
  upgraded: number;
  lost: string | null;
  accounts_due: number;
  accounts_churned: number;
}

/** The report's sums per period (`unit`: month, quarter or year of the last day). */
export async function renewalReportRows(db: Db, scope: TRenewalScope, f: TRenewalFilter, rules: TRenewalRules, unit: string) {
  return rowsOf<TReportRow>(
    db,
    sql`with d as (${dueTerms(scope, f, rules)})
      select to_char(date_trunc(${unit}, d.last_day), 'YYYY-MM-DD') as bucket,
        count(*)::int as due,
        sum(d.due_arr) as due_arr,
        (count(*) filter (where outcome = 'renewed'))::int as renewed,
        coalesce(sum(d.next_arr) filter (where outcome = 'renewed'), 0) as renewed_arr,
        coalesce(sum(least(d.next_arr, d.due_arr)) filter (where outcome = 'renewed'), 0) as renewed_gross,
        (count(*) filter (where outcome = 'churned'))::int as churned,
        (count(*) filter (where outcome = 'pending'))::int as pending,
        (count(*) filter (where outcome = 'renewed' and d.next_arr < d.due_arr))::int as downgraded,
        (count(*) filter (where outcome = 'renewed' and d.next_arr > d.due_arr))::int as upgraded,
        coalesce(sum(case when outcome = 'churned' then d.due_arr
                          when outcome = 'renewed' then greatest(d.due_arr - d.next_arr, 0) else 0 end), 0) as lost,
        count(distinct d.account_id)::int as accounts_due,
        count(distinct d.account_id) filter (where outcome = 'churned')::int as accounts_churned
      from d group by 1 order by 1`,
  );
}

export interface TTermRow {
  account_id: string;
  account_name: string;
  subscription_id: string;
  reference: string;
  term_start: string;
  last_day: string;
  due_arr: string | null;
  next_start: string | null;
  next_arr: string | null;
  outcome: 'renewed' | 'churned' | 'pending';
}

const TERM_SORTS: Record<string, SQL> = {
  lastDay: sql`d.last_day`,
  account: sql`lower(d.account_name)`,
  dueArr: sql`d.due_arr`,
  nextArr: sql`d.next_arr`,
};

function outcomeCond(outcome: string | undefined): SQL {
  if (outcome === 'downgraded') return sql`d.outcome = 'renewed' and d.next_arr < d.due_arr`;
  if (outcome === 'upgraded') return sql`d.outcome = 'renewed' and d.next_arr > d.due_arr`;
  return outcome ? sql`d.outcome = ${outcome}` : sql`true`;
}

/** A page of the terms behind the figures (also the CSV's batches) and how many there are. */
export async function renewalTermsPage(
  db: Db,
  scope: TRenewalScope,
  f: TRenewalFilter & { outcome?: string; sort: string; order: 'asc' | 'desc' },
  rules: TRenewalRules,
  page: { limit: number; offset: number },
) {
  const dir = f.order === 'desc' ? sql`desc nulls last` : sql`asc nulls last`;
  const sort = TERM_SORTS[f.sort] ?? sql`d.last_day`;
  return rowsOf<TTermRow & { total: number }>(
    db,
    sql`with d as (${dueTerms(scope, f, rules)})
      select d.*, to_char(d.term_start, 'YYYY-MM-DD') as term_start, to_char(d.last_day, 'YYYY-MM-DD') as last_day,
        to_char(d.next_start, 'YYYY-MM-DD') as next_start, (count(*) over ())::int as total
      from d where ${outcomeCond(f.outcome)}
      order by ${sort} ${dir}, d.account_name, d.subscription_id, d.term_start
      limit ${page.limit} offset ${page.offset}`,
  );
}

export interface TWinbackRow {
  bucket: string;
  offers: number;
  won: number;
  lost: number;
  won_arr: string | null;
}

/**
 * Win-back offers (quotes of kind `winback`, read from the quotes module's table) per period of the renewal they were
 * made for: its term's last day, the same period as the term's due and churned figures. An offer is made when sent,
 * won when the customer accepted it, lost when declined or left to expire; the won ARR is the accepted total per
 * year of its term, in cents of the reporting currency.
 */
export async function winbackReportRows(db: Db, scope: TRenewalScope, f: TRenewalFilter, rules: TRenewalRules, unit: string) {
  const org = scope.orgId;
  const conds = [sql`q.org_id = ${org}`, sql`q.kind = 'winback'`, sql`q.sent_at is not null`, ...accountConds(scope, f)];
  const months = sql`greatest(1, (extract(year from age(q.term_end + 1, q.term_start)) * 12
    + extract(month from age(q.term_end + 1, q.term_start)))::int)`;
  return rowsOf<TWinbackRow>(
    db,
    sql`select to_char(date_trunc(${unit}, r.term_last_day), 'YYYY-MM-DD') as bucket,
        count(*)::int as offers,
        (count(*) filter (where q.status = 'accepted'))::int as won,
        (count(*) filter (where q.status = 'declined' or (q.status = 'sent' and q.valid_until < ${rules.today}::date)))::int as lost,
        coalesce(sum(round(q.total_cents * 12.0 / ${months} * ${rateAt(org, rules, sql`q.currency`, sql`q.term_start`)}))
          filter (where q.status = 'accepted'), 0) as won_arr
      from quotes q
      join renewal_opportunities r on r.org_id = q.org_id and r.id = q.renewal_id
      join accounts a on a.org_id = q.org_id and a.id = q.account_id
      where ${sql.join(conds, sql` and `)} and r.term_last_day between ${f.from}::date and ${f.to}::date
      group by 1 order by 1`,
  );
}
