import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { renewalEmailTemplates } from './renewal-opportunities.table.ts';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** The SQL of the customer e-mails (reminders to contacts, confirmations, templates); every query pinned to the organisation. */

export interface TCustomerEmailRow {
  subscription_id: string;
  term_no: number;
  opportunity_id: string | null;
  account_id: string;
  account_name: string;
  due_on: string;
  kind: string;
  contact_id: string;
  email: string;
  contact_name: string;
  contact_language: string | null;
  amount_cents: number;
  currency: string;
}

/** Billing and decision-maker contacts still at the customer, with an address. */
const RECIPIENT = sql`c.email is not null and c.left_on is null and c.roles && array['billing', 'decision_maker']::text[]`;

/**
 * The customer reminders due today, one per term and contact not sent yet: the smallest offset at or above the days
 * left (a missed day sends it the day after; a first run only the latest one), over the open renewals and the terms
 * not opened yet. Nothing once the renewal date came.
 */
export async function customerRemindersDue(db: Db, orgId: string, today: string, offsets: number[]): Promise<TCustomerEmailRow[]> {
  if (!offsets.length) return [];
  const maxOffset = Math.max(...offsets);
  const res = await db.execute(sql`
    with cand as materialized (
      select o.subscription_id, o.term_no, o.id as opportunity_id, o.account_id, o.due_on, o.target_cents::float8 as amount_cents, o.currency
      from renewal_opportunities o
      where o.org_id = ${orgId} and o.closed_at is null and o.due_on > ${today}::date and o.due_on <= ${today}::date + ${maxOffset}::int
      union all
      select t.subscription_id, t.term_no, null::uuid, t.account_id, t.last_day + 1, (t.end_mrr_cents * 12)::float8, t.currency
      from subscription_terms t
      join accounts a on a.org_id = ${orgId} and a.id = t.account_id and a.archived_at is null
      where t.org_id = ${orgId} and t.last_day >= ${today}::date and t.last_day < ${today}::date + ${maxOffset}::int
        and not exists (select 1 from subscription_terms n where n.org_id = ${orgId} and n.subscription_id = t.subscription_id and n.term_no > t.term_no)
        and not exists (select 1 from renewal_opportunities x where x.org_id = ${orgId} and x.subscription_id = t.subscription_id and x.term_no = t.term_no)
    ), keyed as materialized (
      select k.*, (select min(x)::text from unnest(${`{${offsets.join(',')}}`}::int[]) as x where x >= k.due_on - ${today}::date) as kind
      from cand k
    )
    select k.subscription_id, k.term_no, k.opportunity_id, k.account_id, a.name as account_name, k.due_on::text as due_on, k.kind,
      c.id as contact_id, c.email, trim(c.first_name || ' ' || c.last_name) as contact_name, c.language as contact_language,
      k.amount_cents, k.currency
    from keyed k
    join accounts a on a.org_id = ${orgId} and a.id = k.account_id and a.archived_at is null
    join contacts c on c.org_id = ${orgId} and c.account_id = k.account_id and ${RECIPIENT}
    where k.kind is not null
      and not exists (select 1 from renewal_customer_emails e where e.org_id = ${orgId} and e.subscription_id = k.subscription_id
        and e.term_no = k.term_no and e.contact_id = c.id and e.kind = k.kind)`);
  return rowsOf<TCustomerEmailRow>(res);
}

/** The recipients of a renewal's confirmation: its account's billing and decision-maker contacts, with the renewal's facts. */
export async function confirmationRecipients(db: Db, orgId: string, opportunityId: string): Promise<TCustomerEmailRow[]> {
  const res = await db.execute(sql`
    select o.subscription_id, o.term_no, o.id as opportunity_id, o.account_id, a.name as account_name, o.due_on::text as due_on,
      'confirmation' as kind, c.id as contact_id, c.email, trim(c.first_name || ' ' || c.last_name) as contact_name,
      c.language as contact_language, o.forecast_cents::float8 as amount_cents, o.currency
    from renewal_opportunities o
    join accounts a on a.org_id = ${orgId} and a.id = o.account_id
    join contacts c on c.org_id = ${orgId} and c.account_id = o.account_id and ${RECIPIENT}
    where o.org_id = ${orgId} and o.id = ${opportunityId}`);
  return rowsOf<TCustomerEmailRow>(res);
}

/** Records the e-mails; those recorded before (another run was first) are skipped. Returns the keys this one inserted. */
export async function insertCustomerEmails(
  db: Db,
  orgId: string,
  today: string,
  now: Date,
  rows: (TCustomerEmailRow & { language: string })[],
) {
  if (!rows.length) return [];
  const doc = rows.map((r) => ({
    subscription_id: r.subscription_id,
    term_no: r.term_no,
    contact_id: r.contact_id,
    kind: r.kind,
    account_id: r.account_id,
    opportunity_id: r.opportunity_id,
    language: r.language,
  }));
  const res = await db.execute(sql`
    insert into renewal_customer_emails (org_id, subscription_id, term_no, contact_id, kind, account_id, opportunity_id, language, sent_on, created_at)
    select ${orgId}::uuid, r.subscription_id, r.term_no, r.contact_id, r.kind, r.account_id, r.opportunity_id, r.language, ${today}::date,
      ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(doc)}::jsonb) as r(subscription_id uuid, term_no int, contact_id uuid, kind text,
      account_id uuid, opportunity_id uuid, language text)
    on conflict do nothing
    returning subscription_id, term_no, contact_id, kind`);
  return rowsOf<{ subscription_id: string; term_no: number; contact_id: string; kind: string }>(res);
}

/** The organisation's name and language (the e-mails' sender and fallback language). */
export async function organisationFacts(db: Db, orgId: string) {
  const res = await db.execute(sql`select name, default_language from organisations where id = ${orgId}`);
  const [row] = rowsOf<{ name: string; default_language: string }>(res);
  return { name: row?.name ?? '', language: row?.default_language ?? 'en' };
}

export async function findEmailTemplates(db: Db, orgId: string) {
  return db.select().from(renewalEmailTemplates).where(eq(renewalEmailTemplates.orgId, orgId));
}

export async function saveEmailTemplate(db: Db, values: typeof renewalEmailTemplates.$inferInsert) {
  await db
    .insert(renewalEmailTemplates)
    .values(values)
    .onConflictDoUpdate({
      target: [renewalEmailTemplates.orgId, renewalEmailTemplates.kind, renewalEmailTemplates.language],
      set: { subject: values.subject, body: values.body, updatedAt: values.updatedAt },
    });
}

export async function deleteEmailTemplate(db: Db, orgId: string, kind: string, language: string) {
  await db
    .delete(renewalEmailTemplates)
    .where(and(eq(renewalEmailTemplates.orgId, orgId), eq(renewalEmailTemplates.kind, kind), eq(renewalEmailTemplates.language, language)));
}
