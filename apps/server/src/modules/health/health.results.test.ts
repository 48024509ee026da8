import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../platform/db/database.ts';
import { compactResult, explainMeasures } from './health.results.ts';
import type { TScorecardMeasure, TStoredMeasure } from './health.table.ts';

const steps = { kind: 'number' as const, breakpoints: [{ from: 0, points: 0 }] };
const card: TScorecardMeasure[] = [
  { source: 'usage.days_since_last_seen', weight: 2, thresholds: steps },
  { source: 'usage.trend_percent', weight: 3, thresholds: steps },
  { source: 'custom.plan_tier', weight: 1, thresholds: { kind: 'choice', options: [{ option: 'gold', points: 100 }], otherPoints: 0 } },
  { source: 'custom.has_sso', weight: 1.5, thresholds: { kind: 'yesno', yes: 100, no: 0 } },
  { source: 'pulse.csm', weight: 3, thresholds: steps },
];
/** A scored account's measures as the recompute wrote them before they were stored compact: every shape of result. */
const explained: TStoredMeasure[] = [
  { source: 'usage.days_since_last_seen', value: 23, points: 42.857142857142854, weight: 2, observedOn: '2026-10-29', stale: true },
  { source: 'usage.trend_percent', value: 0, points: 0, weight: 3, observedOn: '2026-11-20', stale: false },
  { source: 'custom.plan_tier', value: 'gold', points: 100, weight: 1, observedOn: null, stale: false },
  { source: 'custom.has_sso', value: false, points: 0, weight: 1.5, observedOn: null, stale: false },
  { source: 'pulse.csm', value: null, points: null, weight: 3, observedOn: null, stale: false },
];

describe('health measure results', () => {
  it('keep only the account’s parts and explain back with the scorecard version', () => {
    const results = explained.map((x) => compactResult(x.value, x.points, x.observedOn, x.stale));
    expect(JSON.stringify(results)).toBe('[[23,42.857142857142854,"2026-10-29",1],[0,0,"2026-11-20"],["gold",100],[false,0],[null,null]]');
    expect(explainMeasures(card, JSON.parse(JSON.stringify(results)))).toEqual(explained);
  });

  describe('migration 0036', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-migrations-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('converts a stored score and history row in place: they explain as before', async () => {
      // The migrations up to 0035, a score stored as the explained document, then the rest.
      fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const journal = path.join(dir, 'meta/_journal.json');
      const j = JSON.parse(fs.readFileSync(journal, 'utf8'));
      j.entries = j.entries.filter((e: { idx: number }) => e.idx <= 35);
      fs.writeFileSync(journal, JSON.stringify(j));
      const client = await emptyDatabase();
      await client.migrate(dir);
      const org = '0190aaaa-0000-7000-8000-000000000001';
      const account = '0190aaaa-0000-7000-8000-000000000002';
      const scorecard = '0190aaaa-0000-7000-8000-000000000003';
      const now = '2026-11-21T10:00:00Z';
      await client.query(`insert into organisations (id, name, slug, created_at) values ($1, 'Org', 'org', $2)`, [org, now]);
      await client.query(`insert into accounts (org_id, id, name, created_at, updated_at) values ($1, $2, 'A', $3, $3)`, [
        org,
        account,
        now,
      ]);
      await client.query(
        `insert into health_scorecards (org_id, id, version, name, measures, created_at) values ($1, $2, 1, 'Default', $3, $4)`,
        [org, scorecard, JSON.stringify(card), now],
      );
      await client.query(
        `insert into health_scores (org_id, account_id, scorecard_id, scorecard_version, score, band, measures, computed_at)
         values ($1, $2, $3, 1, 41.3, 'red', $4, $5)`,
        [org, account, scorecard, JSON.stringify(explained), now],
      );
      await client.query(
        `insert into health_score_history (org_id, account_id, day, scorecard_id, scorecard_version, score, band, measures, computed_at)
         values ($1, $2, '2026-11-21', $3, 1, 41.3, 'red', '[]', $4), ($1, $2, '2026-11-20', $3, 1, 41.3, 'red', $5, $4)`,
        [org, account, scorecard, now, JSON.stringify(explained)],
      );
      await client.migrate(MIGRATIONS_DIR);
      const latest = await client.query(`select measure_results as r from health_scores`);
      expect(explainMeasures(card, latest[0]?.r as never)).toEqual(explained);
      const history = await client.query(`select day::text, measure_results as r from health_score_history order by day`);
      expect(history.map((x) => explainMeasures(card, x.r as never))).toEqual([explained, card.map((m) => ({ ...emptyOf(m) }))]);
      const options = await client.query(`select reloptions as o from pg_class where relname = 'health_scores'`);
      expect(options[0]?.o).toEqual(['fillfactor=45']);
      await client.close();
    }, 60_000);
  });
});

/** A database with no tables: PGlite, or on PostgreSQL (TEST_DATABASE_URL) a scratch database dropped on close. */
async function emptyDatabase() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const lite = await PGlite.create({ extensions: { pg_trgm } });
    return {
      query: async (text: string, params: unknown[] = []) => (await lite.query<Record<string, unknown>>(text, params)).rows,
      migrate: (folder: string) => migrate(drizzle({ client: lite }), { migrationsFolder: folder }),
      close: () => lite.close(),
    };
  }
  const name = `c365_scratch_${process.pid}_migration0036`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  return {
    query: async (text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as Record<string, unknown>[],
    migrate: (folder: string) => migratePg(drizzlePg({ client: pool }), { migrationsFolder: folder }),
    close: async () => {
      await pool.end();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    },
  };
}

const emptyOf = (m: TScorecardMeasure) => ({
  source: m.source,
  value: null,
  points: null,
  weight: m.weight,
  observedOn: null,
  stale: false,
});
