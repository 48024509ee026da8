import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { TNurtureContactsExportQuery } from './nurture.schemas.ts';

type TRows<T> = { rows: T[] } | T[];
const rowsOf = <T>(r: TRows<T>): T[] => (Array.isArray(r) ? r : r.rows);
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

const SORTS: Record<TNurtureContactsExportQuery['sort'], SQL> = {
  name: sql`lower(first_name || ' ' || last_name)`,
  accountName: sql`lower(account_name)`,
  enrolledAt: sql`enrolled_at`,
  stepsSent: sql`steps_sent`,
  nextDueAt: sql`next_due_at`,
};

/**
 * Each enrolled contact's progress in a programme, one statement a page: steps sent (with the outbox's delivery
 * state of each), the next step's due time, unsubscribed, and the state the list filters on.
 */
export async function findProgressPage(
  db: Db,
  orgId: string,
  programmeId: string,
  q: TNurtureContactsExportQuery,
  page: { limit: number; offset: number },
) {
  const words = (q.q ?? '').trim().split(/\s+/).filter(Boolean);
  const res = await db.execute(sql`
    with base as (
      select e.contact_id, e.account_id, e.enrolled_at, c.first_name, c.last_name, c.email, c.language, a.name as account_name,
        o.unsubscribed_at, jsonb_array_length(p.steps) as steps_total,
        (select count(*)::int from nurture_sends x where x.org_id = e.org_id and x.programme_id = e.programme_id and x.contact_id = e.contact_id) as steps_sent,
        (select max(x.sent_at) from nurture_sends x where x.org_id = e.org_id and x.programme_id = e.programme_id and x.contact_id = e.contact_id) as last_sent_at,
        (select coalesce(bool_or(m.status = 'failed'), false) from nurture_sends x join email_outbox m on m.org_id = x.org_id and m.id = x.outbox_id
          where x.org_id = e.org_id and x.programme_id = e.programme_id and x.contact_id = e.contact_id) as any_failed,
        (select min(e.enrolled_at + ((st.step->>'weekOffset')::int * interval '7 days')) from jsonb_array_elements(p.steps) as st(step)
          where not exists (select 1 from nurture_sends x where x.org_id = e.org_id and x.programme_id = e.programme_id
            and x.contact_id = e.contact_id and x.step_id = (st.step->>'id')::uuid)) as next_due_at,
        (select coalesce(jsonb_agg(jsonb_build_object('stepId', x.step_id, 'sentAt', x.sent_at, 'delivery', coalesce(m.status, 'pending')) order by x.sent_at), '[]'::jsonb)
          from nurture_sends x left join email_outbox m on m.org_id = x.org_id and m.id = x.outbox_id
          where x.org_id = e.org_id and x.programme_id = e.programme_id and x.contact_id = e.contact_id) as sends
      from nurture_enrolments e
      join nurture_programmes p on p.org_id = e.org_id and p.id = e.programme_id
      join contacts c on c.org_id = e.org_id and c.id = e.contact_id
      join accounts a on a.org_id = e.org_id and a.id = e.account_id
      left join nurture_opt_outs o on o.org_id = e.org_id and o.contact_id = e.contact_id
      where e.org_id = ${orgId} and e.programme_id = ${programmeId}::uuid
        ${sql.join(
          words.map(
            (w) => sql`and (c.first_name || ' ' || c.last_name || ' ' || a.name) ilike ${`%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`,
          ),
          sql` `,
        )}
    ), s as (
      select *, case when unsubscribed_at is not null then 'unsubscribed' when any_failed then 'failed'
        when next_due_at is null then 'completed' else 'active' end as state
      from base
    )
    select *, count(*) over () as total from s
    ${q.state?.length ? sql`where state = any(${`{${q.state.join(',')}}`}::text[])` : sql``}
    order by ${SORTS[q.sort]} ${q.order === 'asc' ? sql`asc` : sql`desc`} nulls last, contact_id
    limit ${page.limit} offset ${page.offset}`);
  const rows = rowsOf(res as TRows<Record<string, unknown>>);
  return {
    total: rows.length ? Number(rows[0]?.total) : 0,
    rows: rows.map((r) => {
      const sends = (typeof r.sends === 'string' ? JSON.parse(r.sends) : r.sends) as { stepId: string; sentAt: string; delivery: string }[];
      const state = String(r.state) as 'active' | 'completed' | 'unsubscribed' | 'failed';
      return {
        contactId: String(r.contact_id),
        firstName: String(r.first_name),
        lastName: String(r.last_name ?? ''),
        email: r.email ? String(r.email) : null,
        language: r.language ? String(r.language) : null,
        accountId: String(r.account_id),
        accountName: String(r.account_name),
        enrolledAt: iso(r.enrolled_at) ?? '',
        state,
        stepsSent: Number(r.steps_sent),
        stepsTotal: Number(r.steps_total),
        lastSentAt: iso(r.last_sent_at),
        nextDueAt: state === 'active' ? iso(r.next_due_at) : null,
        unsubscribedAt: iso(r.unsubscribed_at),
        sends: sends.map((x) => ({ stepId: x.stepId, sentAt: iso(x.sentAt) ?? '', delivery: x.delivery })),
      };
    }),
  };
}
