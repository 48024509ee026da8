import { and, asc, count, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { copyCell } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { users } from '../identity/index.ts';
import { healthPulses, healthScorecards, healthScoreHistory, healthScores, healthSettings, type TMeasureResult } from './health.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

// ── Scorecards ───────────────────────────────────────────────────────────────────────────────────────────
export type TScorecardRow = typeof healthScorecards.$inferSelect;

/** The current (highest) version of each of the organisation's scorecards. */
export async function currentScorecards(db: Db, orgId: string): Promise<TScorecardRow[]> {
  return db
    .selectDistinctOn([healthScorecards.id])
    .from(healthScorecards)
    .where(eq(healthScorecards.orgId, orgId))
    .orderBy(healthScorecards.id, desc(healthScorecards.version));
}

export async function scorecardVersions(db: Db, orgId: string, id: string): Promise<TScorecardRow[]> {
  return db
    .select()
    .from(healthScorecards)
    .where(and(eq(healthScorecards.orgId, orgId), eq(healthScorecards.id, id)))
    .orderBy(desc(healthScorecards.version));
}

export async function insertScorecardVersion(db: Db, row: typeof healthScorecards.$inferInsert): Promise<TScorecardRow> {
  const [out] = await db.insert(healthScorecards).values(row).returning();
  return out as TScorecardRow;
}

/** The given versions of the organisation's scorecards (what stored scores name), each once. */
export async function scorecardVersionsByKey(db: Db, orgId: string, keys: { id: string; version: number }[]): Promise<TScorecardRow[]> {
  if (!keys.length) return [];
  const ids = keys.map((k) => k.id);
  const versions = keys.map((k) => k.version);
  return db
    .select()
    .from(healthScorecards)
    .where(
      and(
        eq(healthScorecards.orgId, orgId),
        sql`(${healthScorecards.id}, ${healthScorecards.version}) in (select * from unnest(${sql.param(ids)}::uuid[], ${sql.param(versions)}::int[]))`,
      ),
    );
}

/** Every version's creation time of the organisation's scorecards: the markers on a score history chart. */
export async function scorecardVersionDates(db: Db, orgId: string) {
  return db
    .select({
      id: healthScorecards.id,
      version: healthScorecards.version,
      name: healthScorecards.name,
      createdAt: healthScorecards.createdAt,
    })
    .from(healthScorecards)
    .where(eq(healthScorecards.orgId, orgId))
    .orderBy(asc(healthScorecards.createdAt));
}

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────────────
export async function findSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(healthSettings).where(eq(healthSettings.orgId, orgId));
  return row ?? null;
}

export async function saveSettings(db: Db, orgId: string, v: { redMax: number; yellowMax: number; unhealthyTargetPct: number }, now: Date) {
  await db
    .insert(healthSettings)
    .values({ orgId, ...v, updatedAt: now })
    .onConflictDoUpdate({ target: healthSettings.orgId, set: { ...v, updatedAt: now } });
}

// ── Scores ───────────────────────────────────────────────────────────────────────────────────────────────
export interface TScoreWrite {
  accountId: string;
  scorecardId: string;
  scorecardVersion: number;
  score: number | null;
  band: string | null;
  /** Per measure of the scorecard version, in its order (health.results.ts). */
  results: TMeasureResult[];
}

const BATCH = 5000;
/** From this many scores on, they are staged with COPY (one chunk) instead of read from JSON documents. */
const STAGE_FROM = 2000;

type TCopy = (table: string, columns: string[], lines: string[] | Iterable<string>) => Promise<void>;

/** Scores per COPY chunk: made while the server parses the chunk before. */
const COPY_CHUNK = 2000;

/** The scores as COPY text, a chunk at a time (made as the COPY pulls them). */
function* stageLines(rows: TScoreWrite[]) {
  for (let i = 0; i < rows.length; i += COPY_CHUNK) {
    let chunk = '';
    for (const r of rows.slice(i, i + COPY_CHUNK))
      chunk += `${r.accountId}\t${r.scorecardId}\t${r.scorecardVersion}\t${copyCell(r.score)}\t${copyCell(r.band)}\t${copyCell(JSON.stringify(r.results))}\n`;
    yield chunk;
  }
}

/** The history rows of `day` for the scores of `r` whose score, band or scorecard differs from the account's latest (or that had none). */
const historyInsert = (orgId: string, day: string, at: string) => sql`
  insert into health_score_history (org_id, account_id, day, scorecard_id, scorecard_version, score, band, measure_results, computed_at)
  select ${orgId}::uuid, r.account_id, ${day}::date, r.scorecard_id, r.scorecard_version, r.score, r.band, r.measure_results, ${at}::timestamptz
  from r left join health_scores s on s.org_id = ${orgId} and s.account_id = r.account_id
  where s.account_id is null or s.score is distinct from r.score or s.band is distinct from r.band
    or s.scorecard_id <> r.scorecard_id or s.scorecard_version <> r.scorecard_version
  on conflict (org_id, account_id, day) do update set scorecard_id = excluded.scorecard_id, scorecard_version = excluded.scorecard_version,
    score = excluded.score, band = excluded.band, measure_results = excluded.measure_results, computed_at = excluded.computed_at`;

/** The scores of `r` as each account's latest. */
const latestUpsert = (orgId: string, at: string) => sql`
  insert into health_scores (org_id, account_id, scorecard_id, scorecard_version, score, band, measure_results, computed_at)
  select ${orgId}::uuid, r.account_id, r.scorecard_id, r.scorecard_version, r.score, r.band, r.measure_results, ${at}::timestamptz from r
  on conflict (org_id, account_id) do update set scorecard_id = excluded.scorecard_id, scorecard_version = excluded.scorecard_version,
    score = excluded.score, band = excluded.band, measure_results = excluded.measure_results, computed_at = excluded.computed_at`;

/**
 * Writes the scores as each account's latest, and a history row of `day` only where the score, band or scorecard
 * changed (replacing an earlier row of the day): the history holds the changes, and an account's score on a day is
 * its latest history row on or before it (what the portfolio trend, "a week ago" and the chart read). The history
 * is written first, against the latest as it was. Many scores (a full recompute) are loaded with COPY into a staging
 * table that both statements read; a few (an account rescored after an event) go as one statement per 5,000 rows,
 * from a JSON document.
 */
export async function writeScores(
  db: Db,
  orgId: string,
  day: string,
  now: Date,
  rows: TScoreWrite[],
  copy: TCopy | null = null,
  timings?: Record<string, number>,
) {
  if (!rows.length) return;
  const at = now.toISOString();
  let t0 = performance.now();
  const lap = (name: string) => {
    if (timings) timings[name] = performance.now() - t0;
    t0 = performance.now();
  };
  if (copy && rows.length >= STAGE_FROM) {
    await db.execute(sql`create temp table health_scores_stage (
      account_id uuid, scorecard_id uuid, scorecard_version int, score numeric, band text, measure_results json) on commit drop`);
    await copy(
      'health_scores_stage',
      ['account_id', 'scorecard_id', 'scorecard_version', 'score', 'band', 'measure_results'],
      stageLines(rows),
    );
    lap('write: COPY to stage');
    await db.execute(sql`with r as (select * from health_scores_stage) ${historyInsert(orgId, day, at)}`);
    lap('write: history of the changed');
    await db.execute(sql`with r as (select * from health_scores_stage) ${latestUpsert(orgId, at)}`);
    lap('write: latest');
    await db.execute(sql`drop table health_scores_stage`);
    return;
  }
  for (let i = 0; i < rows.length; i += BATCH) {
    const doc = JSON.stringify(
      rows.slice(i, i + BATCH).map((r) => ({
        account_id: r.accountId,
        scorecard_id: r.scorecardId,
        scorecard_version: r.scorecardVersion,
        score: r.score,
        band: r.band,
        measure_results: r.results,
      })),
    );
    // One statement: both parts see the latest as it was before it.
    await db.execute(sql`
      with r as materialized (select * from json_to_recordset(${doc}::json)
        as x(account_id uuid, scorecard_id uuid, scorecard_version int, score numeric, band text, measure_results json)),
      history as (${historyInsert(orgId, day, at)})
      ${latestUpsert(orgId, at)}`);
  }
}

/** The accounts' latest bands before a recompute (to tell which turned red). */
/** Each account's latest band, and the scorecard (id and version) that gave it. */
export async function latestBands(
  db: Db,
  orgId: string,
  accountIds: string[] | null,
): Promise<Map<string, { band: string | null; card: string }>> {
  const rows = (await db.execute(
    sql`select account_id, band, scorecard_id, scorecard_version from health_scores where org_id = ${orgId}
      ${accountIds ? sql`and account_id = any(${sql.param(accountIds)}::uuid[])` : sql``}`,
  )) as unknown as { rows: { account_id: string; band: string | null; scorecard_id: string; scorecard_version: number }[] };
  return new Map(rows.rows.map((r) => [r.account_id, { band: r.band, card: `${r.scorecard_id}:${r.scorecard_version}` }]));
}

export async function findScore(db: Db, orgId: string, accountId: string) {
  const [row] = await db
    .select()
    .from(healthScores)
    .where(and(eq(healthScores.orgId, orgId), eq(healthScores.accountId, accountId)));
  return row ?? null;
}

/** The account's daily history from `since`, oldest first. */
export async function scoreHistory(db: Db, orgId: string, accountId: string, since: string) {
  return db
    .select()
    .from(healthScoreHistory)
    .where(and(eq(healthScoreHistory.orgId, orgId), eq(healthScoreHistory.accountId, accountId), gte(healthScoreHistory.day, since)))
    .orderBy(asc(healthScoreHistory.day));
}

/** The account's last history row on or before `day` (what it was a week ago). */
export async function scoreOn(db: Db, orgId: string, accountId: string, day: string) {
  const [row] = await db
    .select()
    .from(healthScoreHistory)
    .where(and(eq(healthScoreHistory.orgId, orgId), eq(healthScoreHistory.accountId, accountId), lte(healthScoreHistory.day, day)))
    .orderBy(desc(healthScoreHistory.day))
    .limit(1);
  return row ?? null;
}

/** Every organisation with accounts: what the nightly recompute walks. */
export async function organisationsToRecompute(db: Db): Promise<string[]> {
  return acrossOrganisations('the nightly health recompute walks every organisation with accounts', async () => {
    const rows = await db.execute(sql`select distinct org_id from accounts where archived_at is null order by 1`);
    return (rows as unknown as { rows: { org_id: string }[] }).rows.map((r) => r.org_id);
  });
}

// ── Pulses ───────────────────────────────────────────────────────────────────────────────────────────────
export type TPulseRow = typeof healthPulses.$inferSelect & { createdByName: string | null };

export async function insertPulse(db: Db, row: typeof healthPulses.$inferInsert) {
  await db.insert(healthPulses).values(row);
}

export async function pulsesOfAccount(db: Db, orgId: string, accountId: string, page: { limit: number; offset: number }) {
  const where = and(eq(healthPulses.orgId, orgId), eq(healthPulses.accountId, accountId));
  const [rows, [total]] = await Promise.all([
    db
      .select({ pulse: healthPulses, createdByName: users.name })
      .from(healthPulses)
      .leftJoin(users, and(eq(users.orgId, healthPulses.orgId), eq(users.id, healthPulses.createdByUserId)))
      .where(where)
      .orderBy(desc(healthPulses.createdAt), desc(healthPulses.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(healthPulses).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.pulse, createdByName: r.createdByName })), total: Number(total?.n ?? 0) };
}

/** The account's latest pulse with who gave it (expired or not: the tab shows it with its expiry). */
export async function latestPulse(db: Db, orgId: string, accountId: string) {
  const { rows } = await pulsesOfAccount(db, orgId, accountId, { limit: 1, offset: 0 });
  return rows[0] ?? null;
}
