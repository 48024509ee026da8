import { aliasedTable, and, asc, count, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import { users } from '../identity/index.ts';
import type { TJourneysExportQuery } from './journeys.schemas.ts';
import { journeyChecklistItems, journeyLogEntries, journeyMilestones, journeys } from './journeys.table.ts';

/** The portfolio: every account's journey by its current milestone and lateness, one statement a page. */

export interface TPortfolioScope {
  orgId: string;
  /** The actor, when limited to their own accounts. */
  ownerUserId: string | null;
  today: string;
}

const current = aliasedTable(journeyMilestones, 'current');
const ms = aliasedTable(journeyMilestones, 'ms');

function parts(db: Db, s: TPortfolioScope) {
  const open = sql`${journeyMilestones.completedAt} is null`;
  const late = sql`${open} and ${journeyMilestones.dueOn} < ${s.today}`;
  const agg = db
    .select({
      journeyId: journeyMilestones.journeyId,
      late: sql<number>`count(*) filter (where ${late})::int`.as('late'),
      firstLateDue: sql<string | null>`(min(${journeyMilestones.dueOn}) filter (where ${late}))::text`.as('first_late_due'),
      currentPosition: sql<number | null>`min(${journeyMilestones.position}) filter (where ${open})`.as('current_position'),
    })
    .from(journeyMilestones)
    .where(eq(journeyMilestones.orgId, s.orgId))
    .groupBy(journeyMilestones.journeyId)
    .as('agg');
  const cl = db
    .select({
      journeyId: ms.journeyId,
      total: sql<number>`count(*)::int`.as('total'),
      done: sql<number>`count(${journeyChecklistItems.doneAt})::int`.as('done'),
    })
    .from(journeyChecklistItems)
    .innerJoin(ms, and(eq(ms.orgId, journeyChecklistItems.orgId), eq(ms.id, journeyChecklistItems.milestoneId)))
    .where(eq(journeyChecklistItems.orgId, s.orgId))
    .groupBy(ms.journeyId)
    .as('cl');
  const logs = db
    .select({
      journeyId: ms.journeyId,
      challenges:
        sql<number>`count(*) filter (where ${journeyLogEntries.kind} = 'challenge' and ${journeyLogEntries.state} = 'open')::int`.as(
          'challenges',
        ),
      issues: sql<number>`count(*) filter (where ${journeyLogEntries.kind} = 'issue' and ${journeyLogEntries.state} = 'open')::int`.as(
        'issues',
      ),
    })
    .from(journeyLogEntries)
    .innerJoin(ms, and(eq(ms.orgId, journeyLogEntries.orgId), eq(ms.id, journeyLogEntries.milestoneId)))
    .where(eq(journeyLogEntries.orgId, s.orgId))
    .groupBy(ms.journeyId)
    .as('logs');
  const lateness = sql<
    'on_track' | 'late' | 'done'
  >`case when ${journeys.status} = 'completed' or ${agg.currentPosition} is null then 'done' when ${agg.late} > 0 then 'late' else 'on_track' end`;
  const daysLate = sql<number>`coalesce(${s.today}::date - ${agg.firstLateDue}::date, 0)`;
  const progress = sql`coalesce(${cl.done}::float / nullif(${cl.total}, 0), 0)`;
  return { agg, cl, logs, lateness, daysLate, progress };
}

function from(db: Db, p: ReturnType<typeof parts>, fields: Record<string, unknown>) {
  return db
    .select(fields as never)
    .from(journeys)
    .innerJoin(accounts, and(eq(accounts.orgId, journeys.orgId), eq(accounts.id, journeys.accountId)))
    .leftJoin(users, and(eq(users.orgId, accounts.orgId), eq(users.id, accounts.ownerUserId)))
    .leftJoin(p.agg, eq(p.agg.journeyId, journeys.id))
    .leftJoin(
      current,
      and(eq(current.orgId, journeys.orgId), eq(current.journeyId, journeys.id), eq(current.position, p.agg.currentPosition)),
    )
    .leftJoin(p.cl, eq(p.cl.journeyId, journeys.id))
    .leftJoin(p.logs, eq(p.logs.journeyId, journeys.id));
}

function where(s: TPortfolioScope, q: TJourneysExportQuery, p: ReturnType<typeof parts>, withLateness: boolean): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(journeys.orgId, s.orgId),
    s.ownerUserId ? eq(accounts.ownerUserId, s.ownerUserId) : undefined,
    q.status === 'all' ? undefined : eq(journeys.status, q.status),
    withLateness && q.lateness ? sql`${p.lateness} = ${q.lateness}` : undefined,
    q.milestone?.length ? inArray(current.key, q.milestone) : undefined,
    q.templateId ? eq(journeys.templateId, q.templateId) : undefined,
    q.ownerUserId?.length ? inArray(accounts.ownerUserId, q.ownerUserId) : undefined,
    like ? ilike(accounts.name, like) : undefined,
  );
}

export type TPortfolioRow = {
  id: string;
  accountId: string;
  accountName: string;
  ownerName: string | null;
  name: string;
  templateVersion: number;
  status: string;
  startedOn: string;
  currentMilestone: string | null;
  currentMilestoneKey: string | null;
  currentDueOn: string | null;
  lateness: 'on_track' | 'late' | 'done';
  lateMilestones: number | null;
  daysLate: number;
  checklistDone: number | null;
  checklistTotal: number | null;
  openChallenges: number | null;
  openIssues: number | null;
};

/** One page of the portfolio (also the CSV export's batches), in the asked order. */
export async function findPortfolioPage(db: Db, s: TPortfolioScope, q: TJourneysExportQuery, page: { limit: number; offset: number }) {
  const p = parts(db, s);
  const dir = q.order === 'asc' ? asc : desc;
  const sorts = {
    account: sql`lower(${accounts.name})`,
    milestone: sql`coalesce(${p.agg.currentPosition}, 999)`,
    dueOn: sql`coalesce(${current.dueOn}, '9999-12-31'::date)`,
    daysLate: p.daysLate,
    startedOn: journeys.startedOn,
    progress: p.progress,
  } as const;
  const fields = {
    id: journeys.id,
    accountId: journeys.accountId,
    accountName: accounts.name,
    ownerName: users.name,
    name: journeys.name,
    templateVersion: journeys.templateVersion,
    status: journeys.status,
    startedOn: journeys.startedOn,
    currentMilestone: current.name,
    currentMilestoneKey: current.key,
    currentDueOn: current.dueOn,
    lateness: p.lateness,
    lateMilestones: p.agg.late,
    daysLate: p.daysLate,
    checklistDone: p.cl.done,
    checklistTotal: p.cl.total,
    openChallenges: p.logs.challenges,
    openIssues: p.logs.issues,
  };
  const rows = await from(db, p, fields)
    .where(where(s, q, p, true))
    .orderBy(dir(sorts[q.sort]), asc(sql`lower(${accounts.name})`), asc(journeys.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows as unknown as TPortfolioRow[];
}

export async function countPortfolio(db: Db, s: TPortfolioScope, q: TJourneysExportQuery) {
  const p = parts(db, s);
  const [total] = (await from(db, p, { n: count() }).where(where(s, q, p, true))) as unknown as { n: number }[];
  const byLateness = (await from(db, p, { lateness: p.lateness, n: count() })
    .where(where(s, q, p, false))
    .groupBy(p.lateness)) as unknown as { lateness: string; n: number }[];
  const n = (l: string) => Number(byLateness.find((r) => r.lateness === l)?.n ?? 0);
  return { total: Number(total?.n ?? 0), summary: { late: n('late'), onTrack: n('on_track'), done: n('done') } };
}
