import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { rowIdSql, uuidArray } from '../../platform/ids.ts';
import { PLACEHOLDER, type TEmailTemplate } from './playbooks.emails.ts';
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
}

/** What a playbook's action needs to predict its count in the run log. */
export type TOutcomeAction =
  | { type: 'task'; assignee: string; roleUser: string | null }
  | { type: 'email'; to: 'owner' | 'contacts' | 'champions' }
  | { type: 'journey' | 'set_field' | 'webhook' };

/**
 * What a run does, as a JSON object of counts per action type, computed with the run's own row (account `a`, its
 * active owner `u`): a task when it has someone to go to, an e-mail per address. Zero counts are left out.
 */
function outcomeSql(orgId: string, actions: readonly TOutcomeAction[]): SQL {
  const sums = new Map<string, SQL[]>();
  for (const a of actions) {
    const key = a.type === 'set_field' ? 'field' : a.type;
    let n: SQL = sql`1`;
    if (a.type === 'task') n = a.assignee === 'owner' ? sql`(a.owner_user_id is not null)::int` : a.roleUser ? sql`1` : sql`0`;
    else if (a.type === 'email')
      n =
        a.to === 'owner'
          ? sql`(u.email is not null)::int`
          : sql`(select count(*)::int from contacts c where c.org_id = ${orgId} and c.account_id = a.id and c.email is not null
              and c.left_on is null ${a.to === 'champions' ? sql`and 'champion' = any(c.roles)` : sql``})`;
    sums.set(key, [...(sums.get(key) ?? []), n]);
  }
  if (!sums.size) return sql`'{}'::jsonb`;
  const pairs = [...sums].map(([k, ns]) => sql`${k}::text, nullif(${sql.join(ns, sql` + `)}, 0)`);
  return sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(pairs, sql`, `)}))`;
}

/**
 * Records the runs of one playbook for these signals on the active accounts that meet its conditions, each with
 * what its actions will do; a run already logged for the same account and cause is skipped. Returns the runs this
 * statement made (one statement for the whole batch).
 */
export async function insertRuns(
  db: Db,
  orgId: string,
  playbook: { id: string; trigger: TTrigger; conditions: readonly TCondition[]; actions: readonly TOutcomeAction[] },
  signals: readonly TSignal[],
  now: Date,
): Promise<TFiredRun[]> {
  if (!signals.length) return [];
  const webhook = playbook.actions.some((a) => a.type === 'webhook');
  const res = await db.execute(sql`
    with s as (
      select * from jsonb_to_recordset(${JSON.stringify(signals.map((s) => ({ account_id: s.accountId, cause_key: s.causeKey })))}::jsonb)
        as s(account_id uuid, cause_key text)
    )
    insert into playbook_runs (org_id, id, playbook_id, account_id, cause_key, trigger, outcome, webhook_status, fired_at)
    select ${orgId}::uuid, ${rowIdSql(sql`row_number() over ()`)}, ${playbook.id}::uuid, s.account_id, s.cause_key, ${playbook.trigger},
      ${outcomeSql(orgId, playbook.actions)}, ${webhook ? 'pending' : null}, ${now.toISOString()}::timestamptz
    from s join accounts a on a.org_id = ${orgId} and a.id = s.account_id
    left join users u on u.org_id = ${orgId} and u.id = a.owner_user_id and u.disabled_at is null
    where a.archived_at is null and ${conditionsSql(orgId, playbook.conditions)}
    on conflict (org_id, playbook_id, account_id, cause_key) do nothing
    returning id as run_id, account_id, cause_key`);
  return rowsOf<TFiredRun>(res);
}

/** The runs of a batch (by id) joined to their accounts (`r`, `a`) and the accounts' active owners (`u`). */
const batchFrom = (orgId: string, runIds: readonly string[]) => sql`unnest(${uuidArray(runIds)}::uuid[]) as x(id)
  join playbook_runs r on r.org_id = ${orgId} and r.id = x.id
  join accounts a on a.org_id = ${orgId} and a.id = r.account_id
  left join users u on u.org_id = ${orgId} and u.id = a.owner_user_id and u.disabled_at is null`;

/**
 * The rows a task action makes for a batch of runs (account_id, owner_user_id, source_key): the account's owner or
 * the one person given; the source key names the playbook, account, cause and action, so each is made once.
 */
export const taskRowsSql = (orgId: string, playbookId: string, runIds: readonly string[], action: number, assignee: string | null): SQL =>
  sql`select r.account_id, coalesce(${assignee}::uuid, a.owner_user_id) as owner_user_id,
    'playbook:' || ${playbookId}::text || ':' || r.account_id::text || ':' || r.cause_key || ':' || ${String(action)}::text as source_key
    from ${batchFrom(orgId, runIds)}`;

/** A template's text in the recipient's language with its placeholders filled (emails.ts marks them), as SQL. */
function filled(t: TEmailTemplate, part: 'subject' | 'text', lang: SQL, f: { account: SQL; name: SQL; link: SQL }): SQL {
  const tpl = sql`(case ${lang} when 'nl' then ${t.nl[part]}::text when 'da' then ${t.da[part]}::text else ${t.en[part]}::text end)`;
  return sql`replace(replace(replace(${tpl}, ${PLACEHOLDER.link}, ${f.link}), ${PLACEHOLDER.name},
    translate(${f.name}, ${PLACEHOLDER.account}, '')), ${PLACEHOLDER.account}, ${f.account})`;
}

/**
 * The e-mails an e-mail action sends for a batch of runs ("to", subject, text): to the account's active owner, in
 * their language, with a link to the account; or to the account's contacts with an address who have not left (the
 * champions only when asked), in the contact's language (else the owner's), without a link.
 */
export function emailRowsSql(
  orgId: string,
  runIds: readonly string[],
  to: 'owner' | 'contacts' | 'champions',
  t: TEmailTemplate,
  publicUrl: string,
) {
  if (to === 'owner') {
    const f = { account: sql`a.name`, name: sql`coalesce(u.name, '')`, link: sql`${`${publicUrl}/accounts/`}::text || a.id::text` };
    return sql`select u.email as "to", ${filled(t, 'subject', sql`u.language`, f)} as subject, ${filled(t, 'text', sql`u.language`, f)} as text
      from ${batchFrom(orgId, runIds)} where u.email is not null`;
  }
  const lang = sql`coalesce(c.language, u.language)`;
  const f = { account: sql`a.name`, name: sql`c.first_name`, link: sql`''` };
  return sql`select c.email as "to", ${filled(t, 'subject', lang, f)} as subject, ${filled(t, 'text', lang, f)} as text
    from ${batchFrom(orgId, runIds)}
    join contacts c on c.org_id = ${orgId} and c.account_id = a.id and c.email is not null and c.left_on is null
      ${to === 'champions' ? sql`and 'champion' = any(c.roles)` : sql``}`;
}

/**
 * The jobs a webhook action queues for a batch of runs (payload, dedupe_key): one per run, its body naming the
 * playbook, the run, its cause and the account, built by the database (the queue's `enqueueJobsFrom` inserts them in
 * one statement). The dedupe key names the run and the action, so a run's call is queued once.
 */
export function webhookJobRowsSql(
  orgId: string,
  runIds: readonly string[],
  hook: { playbookId: string; playbook: string; trigger: string; url: string; firedAt: string; keyPrefix: string; action: number },
): SQL {
  const body = sql`jsonb_build_object('playbookId', ${hook.playbookId}::text, 'playbook', ${hook.playbook}::text,
    'trigger', ${hook.trigger}::text, 'runId', r.id::text, 'cause', r.cause_key, 'firedAt', ${hook.firedAt}::text,
    'account', jsonb_build_object('id', a.id::text, 'name', a.name))`;
  return sql`select jsonb_build_object('orgId', ${orgId}::text, 'playbookId', ${hook.playbookId}::text, 'runId', r.id::text,
      'url', ${hook.url}::text, 'body', ${body}) as payload,
    ${hook.keyPrefix}::text || r.id::text || ':' || ${String(hook.action)}::text as dedupe_key
    from ${batchFrom(orgId, runIds)}`;
}

/** One less of this action type in these runs' outcome (a journey that did not start: one was running already). */
export async function lessInOutcome(db: Db, orgId: string, runIds: readonly string[], key: string) {
  if (!runIds.length) return;
  await db.execute(sql`update playbook_runs set outcome = case when (outcome ->> ${key})::int > 1
      then jsonb_set(outcome, array[${key}::text], to_jsonb((outcome ->> ${key})::int - 1)) else outcome - ${key}::text end
    where org_id = ${orgId} and id = any(${uuidArray(runIds)}::uuid[])`);
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
    and account_id = any(${uuidArray(accountIds)}::uuid[])`);
  return new Set(rowsOf<{ account_id: string }>(res).map((r) => r.account_id));
}
