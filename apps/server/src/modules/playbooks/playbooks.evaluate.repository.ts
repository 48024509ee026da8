import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import type { TCondition, TSignal, TTrigger } from './playbooks.schemas.ts';

/**
 * The evaluation's statements, each set-based over one organisation: a playbook's conditions as one WHERE over the
 * accounts (`a`), the run-log insert that decides which (playbook, account, cause) fire (ON CONFLICT DO NOTHING on
 * the unique key: two workers, a redelivered event or a second daily run fire nothing twice), and the daily
 * triggers' candidates. A batch of 100k signals is one statement, not 100k.
 */

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

const NUMBER_RE = '^-?[0-9]+(\\.[0-9]+)?$';

/** The SQL expression a condition's field reads, on account `a`; `numeric` when it compares as a number. */
function fieldOf(orgId: string, field: string): { expr: SQL; numeric: boolean } {
  if (field.startsWith('custom:')) return { expr: sql`(a.custom ->> ${field.slice(7)})`, numeric: false };
  switch (field) {
    case 'segment':
      return { expr: sql`a.segment`, numeric: false };
    case 'edition':
      return { expr: sql`a.edition`, numeric: false };
    case 'lifecycleStage':
      return { expr: sql`a.lifecycle_stage`, numeric: false };
    case 'market':
      return { expr: sql`a.market_id::text`, numeric: false };
    case 'owner':
      return { expr: sql`a.owner_user_id::text`, numeric: false };
    case 'health':
      return { expr: sql`(select h.band from health_scores h where h.org_id = ${orgId} and h.account_id = a.id)`, numeric: false };
    case 'arr':
      // Today's MRR in the reporting currency (the metrics module's latest change), × 12, in whole units.
      return {
        expr: sql`coalesce((select c.mrr_after_cents from mrr_changes c where c.org_id = ${orgId} and c.account_id = a.id
          order by c.effective_date desc limit 1), 0) * 12 / 100.0`,
        numeric: true,
      };
    default:
      throw new Error(`unknown condition field ${field}`);
  }
}

const CMP = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` } as const;

/** One condition as SQL over `a`. Text compares as text; a number against a text field only when it holds a number. */
function conditionSql(orgId: string, c: TCondition): SQL {
  const value = c.value ?? null;
  if (c.field === 'tag') {
    const v = String(value ?? '');
    if (c.op === 'empty') return sql`cardinality(a.tags) = 0`;
    if (c.op === 'not_empty') return sql`cardinality(a.tags) > 0`;
    if (c.op === 'neq') return sql`not (${v} = any(a.tags))`;
    return sql`${v} = any(a.tags)`;
  }
  const { expr, numeric } = fieldOf(orgId, c.field);
  switch (c.op) {
    case 'empty':
      return numeric ? sql`(${expr}) = 0` : sql`coalesce(${expr}, '') = ''`;
    case 'not_empty':
      return numeric ? sql`(${expr}) <> 0` : sql`coalesce(${expr}, '') <> ''`;
    case 'contains':
      return sql`(${expr})::text ilike ${containsPattern(String(value ?? ''))}`;
    case 'eq':
      return numeric ? sql`(${expr}) = ${Number(value)}` : sql`(${expr}) = ${String(value ?? '')}`;
    case 'neq':
      return numeric ? sql`(${expr}) <> ${Number(value)}` : sql`(${expr}) is distinct from ${String(value ?? '')}`;
    default: {
      const n = Number(value);
      if (!Number.isFinite(n)) return sql`false`;
      const num = numeric ? expr : sql`(case when (${expr}) ~ ${NUMBER_RE} then (${expr})::numeric end)`;
      return sql`(${num}) ${CMP[c.op]} ${n}`;
    }
  }
}

/** Every condition of a playbook, joined by AND (none: every account). */
export const conditionsSql = (orgId: string, conditions: readonly TCondition[]): SQL =>
  conditions.length
    ? sql.join(
        conditions.map((c) => sql`(${conditionSql(orgId, c)})`),
        sql` and `,
      )
    : sql`true`;

export interface TFiredRun {
  run_id: string;
  account_id: string;
  cause_key: string;
  account_name: string;
  owner_user_id: string | null;
  owner_email: string | null;
  owner_name: string | null;
  owner_language: string | null;
}

/**
 * Records the runs of one playbook for these signals on the active accounts that meet its conditions; a run
 * already logged for the same account and cause is skipped. Returns the runs this statement made, with what the
 * actions need of the account and its owner (one statement for the whole batch).
 */
export async function insertRuns(
  db: Db,
  orgId: string,
  playbook: { id: string; trigger: TTrigger; conditions: readonly TCondition[]; actionTypes: string[]; outcome: Record<string, number> },
  signals: readonly (TSignal & { id: string })[],
  now: Date,
): Promise<TFiredRun[]> {
  if (!signals.length) return [];
  const outcome = JSON.stringify(playbook.outcome);
  const res = await db.execute(sql`
    with s as (
      select * from jsonb_to_recordset(${JSON.stringify(signals.map((s) => ({ id: s.id, account_id: s.accountId, cause_key: s.causeKey })))}::jsonb)
        as s(id uuid, account_id uuid, cause_key text)
    ), ins as (
      insert into playbook_runs (org_id, id, playbook_id, account_id, cause_key, trigger, outcome, webhook_status, fired_at)
      select ${orgId}::uuid, s.id, ${playbook.id}::uuid, s.account_id, s.cause_key, ${playbook.trigger}, ${outcome}::jsonb,
        ${playbook.actionTypes.includes('webhook') ? 'pending' : null}, ${now.toISOString()}::timestamptz
      from s join accounts a on a.org_id = ${orgId} and a.id = s.account_id
      where a.archived_at is null and ${conditionsSql(orgId, playbook.conditions)}
      on conflict (org_id, playbook_id, account_id, cause_key) do nothing
      returning id, account_id, cause_key
    )
    select ins.id as run_id, ins.account_id, ins.cause_key, a.name as account_name, a.owner_user_id,
      u.email as owner_email, u.name as owner_name, u.language as owner_language
    from ins join accounts a on a.org_id = ${orgId} and a.id = ins.account_id
    left join users u on u.org_id = ${orgId} and u.id = a.owner_user_id and u.disabled_at is null`);
  return rowsOf<TFiredRun>(res);
}

/** What the runs did, counted per action type: one statement per distinct outcome (a batch mostly has one or two). */
export async function setRunOutcomes(db: Db, orgId: string, outcomes: { id: string; outcome: Record<string, number> }[]) {
  const groups = new Map<string, string[]>();
  for (const o of outcomes) {
    const key = JSON.stringify(o.outcome);
    const ids = groups.get(key);
    if (ids) ids.push(o.id);
    else groups.set(key, [o.id]);
  }
  for (const [outcome, ids] of groups)
    await db.execute(sql`update playbook_runs set outcome = ${outcome}::jsonb
      where org_id = ${orgId} and id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) x)`);
}

/** The candidates of a daily trigger today, as signals: their cause keys repeat every day, so each fires once. */
export async function dailyCandidates(
  db: Db,
  orgId: string,
  trigger: TTrigger,
  params: { days?: number },
  today: string,
): Promise<TSignal[]> {
  const days = params.days ?? 30;
  if (trigger === 'renewal_days_out') {
    // An open renewal whose date is at most N days away: once per renewal and playbook.
    const res = await db.execute(sql`
      select o.account_id, 'renewal:' || o.id::text as cause_key from renewal_opportunities o
      where o.org_id = ${orgId} and o.closed_at is null
        and o.due_on >= ${today}::date and o.due_on <= ${today}::date + ${days}::int`);
    return rowsOf<{ account_id: string; cause_key: string }>(res).map((r) => ({ accountId: r.account_id, causeKey: r.cause_key }));
  }
  if (trigger === 'low_activity') {
    // No usage for N days (from the usage module's rollup of each account's last event): once per quiet spell.
    const res = await db.execute(sql`
      select u.account_id, 'quiet_since:' || (u.last_seen_at at time zone 'UTC')::date::text as cause_key
      from usage_account_activity u
      where u.org_id = ${orgId} and u.last_seen_at < ${today}::date - ${days}::int`);
    return rowsOf<{ account_id: string; cause_key: string }>(res).map((r) => ({ accountId: r.account_id, causeKey: r.cause_key }));
  }
  return [];
}

/** The accounts a dry run lists: those meeting the conditions (and, for a daily trigger, due today), by name. */
export async function matchingAccounts(
  db: Db,
  orgId: string,
  conditions: readonly TCondition[],
  candidates: readonly string[] | null,
  limit: number,
) {
  const only = candidates
    ? sql`and a.id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify([...new Set(candidates)])}::jsonb) x)`
    : sql``;
  const where = sql`a.org_id = ${orgId} and a.archived_at is null ${only} and ${conditionsSql(orgId, conditions)}`;
  const [rows, count] = await Promise.all([
    db.execute(sql`select a.id, a.name, u.name as owner_name from accounts a
      left join users u on u.org_id = ${orgId} and u.id = a.owner_user_id
      where ${where} order by lower(a.name), a.id limit ${limit}`),
    db.execute(sql`select count(*)::int as n from accounts a where ${where}`),
  ]);
  return {
    total: rowsOf<{ n: number }>(count)[0]?.n ?? 0,
    accounts: rowsOf<{ id: string; name: string; owner_name: string | null }>(rows).map((r) => ({
      id: r.id,
      name: r.name,
      ownerName: r.owner_name,
    })),
  };
}

/** Who a task for a role goes to: the organisation's first active person with that role. */
export async function firstUserWithRole(db: Db, orgId: string, role: string): Promise<string | null> {
  const res = await db.execute(sql`select id from users where org_id = ${orgId} and role = ${role} and disabled_at is null
    order by created_at, id limit 1`);
  return rowsOf<{ id: string }>(res)[0]?.id ?? null;
}

/** The contacts of these accounts with an address who have not left (only the champions when asked). */
export async function contactsOf(db: Db, orgId: string, accountIds: readonly string[], championsOnly: boolean) {
  if (!accountIds.length) return [];
  const res = await db.execute(sql`
    select c.account_id, c.email, c.first_name, c.language from contacts c
    where c.org_id = ${orgId} and c.account_id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(accountIds)}::jsonb) x)
      and c.email is not null and c.left_on is null ${championsOnly ? sql`and 'champion' = any(c.roles)` : sql``}`);
  return rowsOf<{ account_id: string; email: string; first_name: string; language: string | null }>(res);
}

/**
 * Every organisation (the daily job's one walk across organisations): each has the preloaded playbooks, made the
 * first time they are needed, so its own job decides whether any daily playbook is on.
 */
export async function allOrganisations(db: Db): Promise<string[]> {
  return acrossOrganisations('the daily playbook run walks every organisation', async () =>
    rowsOf<{ id: string }>(await db.execute(sql`select id from organisations order by 1`)).map((r) => r.id),
  );
}

/** Of these accounts, those with a running journey (a playbook's journey action starts one only where none runs). */
export async function accountsWithRunningJourney(db: Db, orgId: string, accountIds: readonly string[]): Promise<Set<string>> {
  if (!accountIds.length) return new Set();
  const res = await db.execute(sql`select account_id from journeys where org_id = ${orgId} and status = 'active'
    and account_id in (select x::uuid from jsonb_array_elements_text(${JSON.stringify(accountIds)}::jsonb) x)`);
  return new Set(rowsOf<{ account_id: string }>(res).map((r) => r.account_id));
}
