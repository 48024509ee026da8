import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import {
  nurtureOptOuts,
  nurtureProgrammes,
  nurtureSends,
  nurtureSettings,
  type TNurtureAudience,
  type TNurtureStep,
} from './nurture.table.ts';

export type TProgrammeRow = typeof nurtureProgrammes.$inferSelect;
type TRows<T> = { rows: T[] } | T[];
const rowsOf = <T>(r: TRows<T>): T[] => (Array.isArray(r) ? r : r.rows);
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

// ---- settings -------------------------------------------------------------------------------------------

export async function ensureSettings(db: Db, orgId: string, signingKey: string, now: Date) {
  await db.insert(nurtureSettings).values({ orgId, signingKey, updatedAt: now }).onConflictDoNothing();
  const [row] = await db.select().from(nurtureSettings).where(eq(nurtureSettings.orgId, orgId));
  if (!row) throw new Error('nurture settings vanished');
  return row;
}

export async function findSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(nurtureSettings).where(eq(nurtureSettings.orgId, orgId));
  return row ?? null;
}

/** The settings row locked for the transaction: one sending run per organisation at a time. */
export async function lockSettings(tx: Db, orgId: string) {
  const [row] = await tx.select().from(nurtureSettings).where(eq(nurtureSettings.orgId, orgId)).for('update');
  return row ?? null;
}

export async function saveSettings(db: Db, orgId: string, s: { maxPerWindow: number; window: string }, now: Date) {
  await db
    .update(nurtureSettings)
    .set({ ...s, updatedAt: now })
    .where(eq(nurtureSettings.orgId, orgId));
}

// ---- programmes ------------------------------------------------------------------------------------------

export async function insertProgramme(db: Db, row: typeof nurtureProgrammes.$inferInsert) {
  const [r] = await db.insert(nurtureProgrammes).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

export async function findProgramme(db: Db, orgId: string, id: string) {
  const [r] = await db
    .select()
    .from(nurtureProgrammes)
    .where(and(eq(nurtureProgrammes.orgId, orgId), eq(nurtureProgrammes.id, id)));
  return r ?? null;
}

export async function listProgrammeRows(db: Db, orgId: string) {
  return db.select().from(nurtureProgrammes).where(eq(nurtureProgrammes.orgId, orgId)).orderBy(asc(nurtureProgrammes.createdAt));
}

export async function updateProgramme(db: Db, orgId: string, id: string, set: Partial<typeof nurtureProgrammes.$inferInsert>) {
  const [r] = await db
    .update(nurtureProgrammes)
    .set({ ...set, version: sql`${nurtureProgrammes.version} + 1` })
    .where(and(eq(nurtureProgrammes.orgId, orgId), eq(nurtureProgrammes.id, id)))
    .returning();
  return r ?? null;
}

export async function nameTaken(db: Db, orgId: string, name: string, exceptId: string | null) {
  const rows = await db
    .select({ id: nurtureProgrammes.id })
    .from(nurtureProgrammes)
    .where(and(eq(nurtureProgrammes.orgId, orgId), sql`lower(${nurtureProgrammes.name}) = lower(${name})`));
  return rows.some((r) => r.id !== exceptId);
}

/** Per programme: contacts enrolled, e-mails sent, enrolled contacts unsubscribed, sends the outbox gave up on; and sends per step. */
export async function programmeFigures(db: Db, orgId: string) {
  const res = await db.execute(sql`
    select p.id,
      (select count(*)::int from nurture_enrolments e where e.org_id = p.org_id and e.programme_id = p.id) as enrolled,
      (select count(*)::int from nurture_sends s where s.org_id = p.org_id and s.programme_id = p.id) as sent,
      (select count(*)::int from nurture_enrolments e join nurture_opt_outs o on o.org_id = e.org_id and o.contact_id = e.contact_id
        where e.org_id = p.org_id and e.programme_id = p.id) as unsubscribed,
      (select count(*)::int from nurture_sends s join email_outbox m on m.org_id = s.org_id and m.id = s.outbox_id
        where s.org_id = p.org_id and s.programme_id = p.id and m.status = 'failed') as failed,
      (select coalesce(jsonb_agg(jsonb_build_object('stepId', g.step_id, 'sent', g.n)), '[]'::jsonb) from (
        select s.step_id, count(*)::int as n from nurture_sends s where s.org_id = p.org_id and s.programme_id = p.id group by s.step_id) g
      ) as by_step
    from nurture_programmes p where p.org_id = ${orgId}`);
  const out = new Map<
    string,
    { enrolled: number; sent: number; unsubscribed: number; failed: number; byStep: { stepId: string; sent: number }[] }
  >();
  for (const r of rowsOf(res as TRows<Record<string, unknown>>)) {
    out.set(String(r.id), {
      enrolled: Number(r.enrolled),
      sent: Number(r.sent),
      unsubscribed: Number(r.unsubscribed),
      failed: Number(r.failed),
      byStep: (typeof r.by_step === 'string' ? JSON.parse(r.by_step) : r.by_step) as { stepId: string; sent: number }[],
    });
  }
  return out;
}

export async function marketNames(db: Db, orgId: string) {
  const res = await db.execute(sql`select id, name from markets where org_id = ${orgId}`);
  return new Map(rowsOf(res as TRows<{ id: string; name: string }>).map((r) => [r.id, r.name]));
}

export async function organisationFacts(db: Db, orgId: string) {
  const res = await db.execute(sql`select name, default_language from organisations where id = ${orgId}`);
  const [r] = rowsOf(res as TRows<{ name: string; default_language: string }>);
  return r ? { name: r.name, defaultLanguage: r.default_language } : null;
}

// ---- enrolment -------------------------------------------------------------------------------------------

/**
 * Enrol the audience's contacts not yet in the programme (with an e-mail address, still at the customer, of an
 * active account, not unsubscribed); `accountIds` limits it to some accounts. Returns how many joined.
 */
export async function enrolAudience(
  tx: Db,
  orgId: string,
  p: { id: string; audience: TNurtureAudience },
  now: Date,
  accountIds?: string[],
): Promise<number> {
  const a = p.audience;
  const res = await tx.execute(sql`
    insert into nurture_enrolments (org_id, programme_id, contact_id, account_id, enrolled_at)
    select c.org_id, ${p.id}::uuid, c.id, c.account_id, ${now.toISOString()}::timestamptz
    from contacts c join accounts a on a.org_id = c.org_id and a.id = c.account_id
    where c.org_id = ${orgId} and c.email is not null and c.left_on is null and a.archived_at is null
      ${a.segment ? sql`and a.segment = ${a.segment}` : sql``}
      ${a.edition ? sql`and a.edition = ${a.edition}` : sql``}
      ${a.marketId ? sql`and a.market_id = ${a.marketId}::uuid` : sql``}
      ${a.lifecycleStage ? sql`and a.lifecycle_stage = ${a.lifecycleStage}` : sql``}
      ${a.contactRole ? sql`and ${a.contactRole} = any(c.roles)` : sql``}
      ${accountIds ? sql`and c.account_id = any(${`{${accountIds.join(',')}}`}::uuid[])` : sql``}
      and not exists (select 1 from nurture_opt_outs o where o.org_id = c.org_id and o.contact_id = c.id)
    on conflict do nothing
    returning contact_id`);
  return rowsOf(res as TRows<unknown>).length;
}

export async function runningProgrammes(db: Db, orgId: string) {
  return db
    .select()
    .from(nurtureProgrammes)
    .where(and(eq(nurtureProgrammes.orgId, orgId), eq(nurtureProgrammes.status, 'running')));
}

export async function organisationsWithRunningProgrammes(db: Db): Promise<string[]> {
  return acrossOrganisations('the nurture jobs walk every organisation with a running programme', async () => {
    const rows = await db
      .selectDistinct({ orgId: nurtureProgrammes.orgId })
      .from(nurtureProgrammes)
      .where(eq(nurtureProgrammes.status, 'running'))
      .orderBy(asc(nurtureProgrammes.orgId));
    return rows.map((r) => r.orgId);
  });
}

// ---- sending ---------------------------------------------------------------------------------------------

export async function sendsSince(tx: Db, orgId: string, since: Date): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(nurtureSends)
    .where(and(eq(nurtureSends.orgId, orgId), sql`${nurtureSends.sentAt} >= ${since.toISOString()}::timestamptz`));
  return Number(r?.n ?? 0);
}

export interface TDueSend {
  programmeId: string;
  contactId: string;
  stepId: string;
  firstName: string;
  lastName: string;
  email: string;
  language: string | null;
  accountName: string;
}

/**
 * The steps due now, earliest first, at most `limit`: one step per contact and programme per run (the earliest
 * unsent), none to a contact sent this programme's e-mail in the last day, none to an unsubscribed contact.
 */
export async function dueSends(tx: Db, orgId: string, now: Date, limit: number): Promise<TDueSend[]> {
  const t = now.toISOString();
  const res = await tx.execute(sql`
    select * from (
      select distinct on (e.programme_id, e.contact_id)
        e.programme_id, e.contact_id, st.step->>'id' as step_id, c.first_name, c.last_name, c.email, c.language,
        a.name as account_name, e.enrolled_at + ((st.step->>'weekOffset')::int * interval '7 days') as due_at
      from nurture_enrolments e
      join nurture_programmes p on p.org_id = e.org_id and p.id = e.programme_id and p.status = 'running'
      join contacts c on c.org_id = e.org_id and c.id = e.contact_id and c.email is not null and c.left_on is null
      join accounts a on a.org_id = e.org_id and a.id = e.account_id and a.archived_at is null
      cross join lateral jsonb_array_elements(p.steps) as st(step)
      where e.org_id = ${orgId}
        and e.enrolled_at + ((st.step->>'weekOffset')::int * interval '7 days') <= ${t}::timestamptz
        and not exists (select 1 from nurture_opt_outs o where o.org_id = e.org_id and o.contact_id = e.contact_id)
        and not exists (select 1 from nurture_sends x where x.org_id = e.org_id and x.programme_id = e.programme_id
          and x.contact_id = e.contact_id and x.step_id = (st.step->>'id')::uuid)
        and not exists (select 1 from nurture_sends y where y.org_id = e.org_id and y.programme_id = e.programme_id
          and y.contact_id = e.contact_id and y.sent_at > ${t}::timestamptz - interval '1 day')
      order by e.programme_id, e.contact_id, (st.step->>'weekOffset')::int
    ) d order by d.due_at, d.contact_id limit ${limit}`);
  return rowsOf(res as TRows<Record<string, string>>).map((r) => ({
    programmeId: String(r.programme_id),
    contactId: String(r.contact_id),
    stepId: String(r.step_id),
    firstName: String(r.first_name),
    lastName: String(r.last_name ?? ''),
    email: String(r.email),
    language: r.language ? String(r.language) : null,
    accountName: String(r.account_name),
  }));
}

/** Claim the sends: the rows another run already wrote are not returned (and their e-mails not queued). */
export async function claimSends(
  tx: Db,
  orgId: string,
  rows: { programmeId: string; contactId: string; stepId: string; language: string }[],
  now: Date,
) {
  if (rows.length === 0) return [];
  return tx
    .insert(nurtureSends)
    .values(rows.map((r) => ({ ...r, orgId, sentAt: now })))
    .onConflictDoNothing()
    .returning({ programmeId: nurtureSends.programmeId, contactId: nurtureSends.contactId, stepId: nurtureSends.stepId });
}

export async function linkOutbox(
  tx: Db,
  orgId: string,
  links: { programmeId: string; contactId: string; stepId: string; outboxId: string }[],
) {
  if (links.length === 0) return;
  const arr = (xs: string[]) => `{${xs.join(',')}}`;
  await tx.execute(sql`
    update nurture_sends s set outbox_id = v.outbox_id
    from unnest(${arr(links.map((l) => l.programmeId))}::uuid[], ${arr(links.map((l) => l.contactId))}::uuid[],
      ${arr(links.map((l) => l.stepId))}::uuid[], ${arr(links.map((l) => l.outboxId))}::uuid[]) as v(programme_id, contact_id, step_id, outbox_id)
    where s.org_id = ${orgId} and s.programme_id = v.programme_id and s.contact_id = v.contact_id and s.step_id = v.step_id`);
}

// ---- unsubscribing ---------------------------------------------------------------------------------------

export async function insertOptOut(tx: Db, orgId: string, contactId: string, programmeId: string | null, now: Date) {
  const r = await tx
    .insert(nurtureOptOuts)
    .values({ orgId, contactId, programmeId, unsubscribedAt: now })
    .onConflictDoNothing()
    .returning({ contactId: nurtureOptOuts.contactId });
  return r.length > 0;
}

export async function findOptOut(db: Db, orgId: string, contactId: string) {
  const [r] = await db
    .select()
    .from(nurtureOptOuts)
    .where(and(eq(nurtureOptOuts.orgId, orgId), eq(nurtureOptOuts.contactId, contactId)));
  return r ?? null;
}

export async function findContactFacts(db: Db, orgId: string, contactId: string) {
  const res = await db.execute(sql`
    select c.id, c.first_name, c.last_name, c.language, c.account_id, a.name as account_name
    from contacts c join accounts a on a.org_id = c.org_id and a.id = c.account_id
    where c.org_id = ${orgId} and c.id = ${contactId}::uuid`);
  const [r] = rowsOf(res as TRows<Record<string, string | null>>);
  return r
    ? {
        id: String(r.id),
        firstName: String(r.first_name),
        lastName: String(r.last_name ?? ''),
        language: r.language,
        accountId: String(r.account_id),
        accountName: String(r.account_name),
      }
    : null;
}

/** The programmes a contact is enrolled in, with how far they got. */
export async function contactEnrolments(db: Db, orgId: string, contactId: string) {
  const res = await db.execute(sql`
    select p.id, p.name, e.enrolled_at, jsonb_array_length(p.steps) as total,
      (select count(*)::int from nurture_sends s where s.org_id = e.org_id and s.programme_id = e.programme_id and s.contact_id = e.contact_id) as sent
    from nurture_enrolments e join nurture_programmes p on p.org_id = e.org_id and p.id = e.programme_id
    where e.org_id = ${orgId} and e.contact_id = ${contactId}::uuid order by e.enrolled_at`);
  return rowsOf(res as TRows<Record<string, unknown>>).map((r) => ({
    programmeId: String(r.id),
    name: String(r.name),
    enrolledAt: iso(r.enrolled_at) ?? '',
    stepsSent: Number(r.sent),
    stepsTotal: Number(r.total),
  }));
}

export type { TNurtureAudience, TNurtureStep };
