import { and, asc, count, desc, eq, getTableColumns, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import { contacts } from '../contacts/index.ts';
import { categoryBounds } from './surveys.nps.ts';
import type { TResponsesExportQuery, TSurveysExportQuery } from './surveys.schemas.ts';
import { surveyResponses, surveys } from './surveys.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type TSurveyRow = typeof surveys.$inferSelect;
export type TResponseRow = typeof surveyResponses.$inferSelect;

/** Which answers a list may show: the organisation's, of the actor's own accounts when limited to them. */
export interface TSurveyScope {
  orgId: string;
  ownerUserId: string | null;
}

/** Promoters, passives and detractors of an answer set, by the survey's kind (NPS 9–10/7–8/0–6, CSAT 4–5/3/1–2). */
const promoter = sql`(case when ${surveys.kind} = 'nps' then ${surveyResponses.score} >= 9 else ${surveyResponses.score} >= 4 end)`;
const detractor = sql`(case when ${surveys.kind} = 'nps' then ${surveyResponses.score} <= 6 else ${surveyResponses.score} <= 2 end)`;
const tallyColumns = {
  promoters: sql<number>`(count(*) filter (where ${promoter}))::int`,
  detractors: sql<number>`(count(*) filter (where ${detractor}))::int`,
  passives: sql<number>`(count(*) filter (where not ${promoter} and not ${detractor}))::int`,
};

// ---- surveys ----

function surveysWhere(orgId: string, q: TSurveysExportQuery): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(surveys.orgId, orgId),
    q.kind ? eq(surveys.kind, q.kind) : undefined,
    like ? or(ilike(surveys.name, like), ilike(surveys.question, like)) : undefined,
  );
}

/** The surveys with their figures over every answer the scope may see. */
export async function findSurveysPage(db: Db, scope: TSurveyScope, q: TSurveysExportQuery, page: { limit: number; offset: number }) {
  const answers = db
    .select({
      surveyId: surveyResponses.surveyId,
      respondents: sql<number>`count(*)::int`.as('respondents'),
      promoters: sql<number>`(count(*) filter (where ${promoter}))::int`.as('promoters'),
      passives: sql<number>`(count(*) filter (where not ${promoter} and not ${detractor}))::int`.as('passives'),
      detractors: sql<number>`(count(*) filter (where ${detractor}))::int`.as('detractors'),
      lastAnsweredAt: sql<Date | null>`max(${surveyResponses.answeredAt})`.as('last_answered_at'),
    })
    .from(surveyResponses)
    .innerJoin(surveys, and(eq(surveys.orgId, surveyResponses.orgId), eq(surveys.id, surveyResponses.surveyId)))
    .innerJoin(accounts, and(eq(accounts.orgId, surveyResponses.orgId), eq(accounts.id, surveyResponses.accountId)))
    .where(and(eq(surveyResponses.orgId, scope.orgId), scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined))
    .groupBy(surveyResponses.surveyId)
    .as('a');
  const scoreSql = sql`(case when coalesce(${answers.respondents}, 0) = 0 then null when ${surveys.kind} = 'nps'
    then (${answers.promoters} - ${answers.detractors})::numeric / ${answers.respondents}
    else ${answers.promoters}::numeric / ${answers.respondents} end)`;
  const sorts = {
    name: sql`lower(${surveys.name})`,
    kind: surveys.kind,
    respondents: sql`coalesce(${answers.respondents}, 0)`,
    score: scoreSql,
    createdAt: surveys.createdAt,
  } as const;
  const dir = q.order === 'asc' ? asc : desc;
  return db
    .select({
      ...getTableColumns(surveys),
      respondents: sql<number>`coalesce(${answers.respondents}, 0)::int`,
      promoters: sql<number>`coalesce(${answers.promoters}, 0)::int`,
      passives: sql<number>`coalesce(${answers.passives}, 0)::int`,
      detractors: sql<number>`coalesce(${answers.detractors}, 0)::int`,
      lastAnsweredAt: answers.lastAnsweredAt,
    })
    .from(surveys)
    .leftJoin(answers, eq(answers.surveyId, surveys.id))
    .where(surveysWhere(scope.orgId, q))
    .orderBy(sql`${dir(sorts[q.sort])} nulls last`, dir(surveys.id))
    .limit(page.limit)
    .offset(page.offset);
}
export type TSurveyListRow = Awaited<ReturnType<typeof findSurveysPage>>[number];

export async function countSurveys(db: Db, orgId: string, q: TSurveysExportQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(surveys).where(surveysWhere(orgId, q));
  return row?.n ?? 0;
}

export async function findSurveyById(db: Db, orgId: string, id: string): Promise<TSurveyRow | null> {
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.orgId, orgId), eq(surveys.id, id)));
  return row ?? null;
}

export async function insertSurvey(db: Db, values: typeof surveys.$inferInsert): Promise<TSurveyRow> {
  const [row] = await db.insert(surveys).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function deleteSurveyRow(db: Db, orgId: string, id: string) {
  await db.delete(surveys).where(and(eq(surveys.orgId, orgId), eq(surveys.id, id)));
}

// ---- answers ----

/** Inserts the answers; one whose source_ref the survey already has is skipped. Returns the rows written. */
export async function insertResponses(db: Db, values: (typeof surveyResponses.$inferInsert)[]): Promise<TResponseRow[]> {
  if (!values.length) return [];
  return db.insert(surveyResponses).values(values).onConflictDoNothing().returning();
}

const responseColumns = {
  ...getTableColumns(surveyResponses),
  surveyName: surveys.name,
  kind: surveys.kind,
  accountName: accounts.name,
  contactName: sql<string | null>`nullif(trim(${contacts.firstName} || ' ' || ${contacts.lastName}), '')`,
};
export type TResponseListRow = Awaited<ReturnType<typeof findResponsesPage>>[number];

function responsesWhere(scope: TSurveyScope, q: TResponsesExportQuery): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  const category = q.category
    ? or(
        and(
          eq(surveys.kind, 'nps'),
          sql`${surveyResponses.score} between ${categoryBounds('nps', q.category).min} and ${categoryBounds('nps', q.category).max}`,
        ),
        and(
          eq(surveys.kind, 'csat'),
          sql`${surveyResponses.score} between ${categoryBounds('csat', q.category).min} and ${categoryBounds('csat', q.category).max}`,
        ),
      )
    : undefined;
  return and(
    eq(surveyResponses.orgId, scope.orgId),
    scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
    q.surveyId ? eq(surveyResponses.surveyId, q.surveyId) : undefined,
    q.accountId ? eq(surveyResponses.accountId, q.accountId) : undefined,
    q.from ? gte(surveyResponses.answeredAt, new Date(`${q.from}T00:00:00Z`)) : undefined,
    q.to ? lt(surveyResponses.answeredAt, sql`(${q.to}::date + 1)::timestamp at time zone 'UTC'`) : undefined,
    category,
    like
      ? or(
          ilike(surveyResponses.comment, like),
          ilike(accounts.name, like),
          ilike(contacts.firstName, like),
          ilike(contacts.lastName, like),
        )
      : undefined,
  );
}

const responsesFrom = (db: Db, columns: typeof responseColumns) =>
  db
    .select(columns)
    .from(surveyResponses)
    .innerJoin(surveys, and(eq(surveys.orgId, surveyResponses.orgId), eq(surveys.id, surveyResponses.surveyId)))
    .innerJoin(accounts, and(eq(accounts.orgId, surveyResponses.orgId), eq(accounts.id, surveyResponses.accountId)))
    .leftJoin(contacts, and(eq(contacts.orgId, surveyResponses.orgId), eq(contacts.id, surveyResponses.contactId)));

const RESPONSE_SORTS = {
  answeredAt: surveyResponses.answeredAt,
  score: surveyResponses.score,
  account: sql`lower(${accounts.name})`,
  survey: sql`lower(${surveys.name})`,
} as const;

export async function findResponsesPage(db: Db, scope: TSurveyScope, q: TResponsesExportQuery, page: { limit: number; offset: number }) {
  const dir = q.order === 'asc' ? asc : desc;
  return responsesFrom(db, responseColumns)
    .where(responsesWhere(scope, q))
    .orderBy(dir(RESPONSE_SORTS[q.sort]), dir(surveyResponses.answeredAt), dir(surveyResponses.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countResponses(db: Db, scope: TSurveyScope, q: TResponsesExportQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(surveyResponses)
    .innerJoin(surveys, and(eq(surveys.orgId, surveyResponses.orgId), eq(surveys.id, surveyResponses.surveyId)))
    .innerJoin(accounts, and(eq(accounts.orgId, surveyResponses.orgId), eq(accounts.id, surveyResponses.accountId)))
    .leftJoin(contacts, and(eq(contacts.orgId, surveyResponses.orgId), eq(contacts.id, surveyResponses.contactId)))
    .where(responsesWhere(scope, q));
  return row?.n ?? 0;
}

export async function findResponsesByIds(db: Db, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return responsesFrom(db, responseColumns).where(and(eq(surveyResponses.orgId, orgId), inArray(surveyResponses.id, ids)));
}

/** Figures of one survey's answers in [from, to], grouped by month or by the account's segment. */
export async function tallyResponses(
  db: Db,
  scope: TSurveyScope,
  surveyId: string,
  range: { from: string; to: string; segment?: string },
  by: 'month' | 'segment' | 'none',
) {
  const key =
    by === 'month'
      ? sql<string>`to_char(date_trunc('month', ${surveyResponses.answeredAt} at time zone 'UTC'), 'YYYY-MM')`
      : by === 'segment'
        ? sql<string | null>`${accounts.segment}`
        : null;
  const query = db
    .select({ key: key ?? sql<string>`'all'`, ...tallyColumns })
    .from(surveyResponses)
    .innerJoin(surveys, and(eq(surveys.orgId, surveyResponses.orgId), eq(surveys.id, surveyResponses.surveyId)))
    .innerJoin(accounts, and(eq(accounts.orgId, surveyResponses.orgId), eq(accounts.id, surveyResponses.accountId)))
    .where(
      and(
        eq(surveyResponses.orgId, scope.orgId),
        eq(surveyResponses.surveyId, surveyId),
        scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
        range.segment ? eq(accounts.segment, range.segment) : undefined,
        gte(surveyResponses.answeredAt, new Date(`${range.from}T00:00:00Z`)),
        lt(surveyResponses.answeredAt, sql`(${range.to}::date + 1)::timestamp at time zone 'UTC'`),
      ),
    );
  return key ? query.groupBy(key).orderBy(key) : query;
}

// ---- who answered ----

/** The contacts' accounts (a contact's answer is on its own account). */
export async function findContactAccounts(db: Db, orgId: string, contactIds: string[]) {
  if (!contactIds.length) return new Map<string, string>();
  const rows = await db
    .select({ id: contacts.id, accountId: contacts.accountId })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, contactIds)));
  return new Map(rows.map((r) => [r.id, r.accountId]));
}

/** Contacts by e-mail (lower-case), for an import's rows. */
export async function findContactsByEmail(db: Db, orgId: string, emails: string[]) {
  if (!emails.length) return new Map<string, { id: string; accountId: string }>();
  const rows = await db
    .select({ id: contacts.id, accountId: contacts.accountId, email: sql<string>`lower(${contacts.email})` })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), inArray(sql`lower(${contacts.email})`, emails)));
  return new Map(rows.map((r) => [r.email, { id: r.id, accountId: r.accountId }]));
}

/** Accounts by external id or by name (lower-case), for an import's rows; a name two accounts share matches neither. */
export async function findAccountsByKey(db: Db, orgId: string, keys: string[]) {
  const out = new Map<string, string | null>();
  if (!keys.length) return out;
  const rows = await db
    .select({ id: accounts.id, externalId: sql<string | null>`lower(${accounts.externalId})`, name: sql<string>`lower(${accounts.name})` })
    .from(accounts)
    .where(
      and(eq(accounts.orgId, orgId), or(inArray(sql`lower(${accounts.externalId})`, keys), inArray(sql`lower(${accounts.name})`, keys))),
    );
  for (const r of rows) if (r.externalId && keys.includes(r.externalId)) out.set(r.externalId, r.id);
  for (const r of rows) {
    if (!keys.includes(r.name) || rows.some((x) => x.externalId === r.name)) continue;
    out.set(r.name, out.has(r.name) ? null : r.id);
  }
  return out;
}

export async function findResponseIdBySourceRef(db: Db, orgId: string, surveyId: string, sourceRef: string) {
  const [row] = await db
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.orgId, orgId), eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.sourceRef, sourceRef)));
  return row?.id ?? null;
}
