import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, signIn, type TestApp } from '../../../test/harness.ts';
import { queryRows } from '../../platform/db/bulk.ts';
import { makeAccount } from '../accounts/index.ts';
import { makePlan } from '../plans/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { USAGE_MEASURES } from '../usage/index.ts';
import { pointsFor, weightedScore } from './health.engine.ts';
import { accountHealth, makePulse } from './health.factory.ts';
import { explainMeasures } from './health.results.ts';
import type { TMeasureResult, TScorecardMeasure } from './health.table.ts';

// The test clock's today is 2026-11-21.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const day = (daysAgo: number) => new Date(Date.parse('2026-11-21T00:00:00Z') - daysAgo * 86_400_000).toISOString().slice(0, 10);

/**
 * 20 accounts of every kind the measures tell apart: monthly and yearly customers of different ages, on a plan with
 * licences, one without, or none; steady, falling, stopped and no usage; key features of every plan and of one; a
 * pulse on some; an enterprise scorecard for some.
 */
async function organisation() {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  const seats = await makePlan(t.app, h, { name: 'Seats', includedUnits: 2 });
  const flat = await makePlan(t.app, h, { name: 'Flat' });
  const ids: string[] = [];
  const events: object[] = [];
  let n = 0;
  for (let i = 0; i < 20; i++) {
    const account = await makeAccount(t.app, h, { name: `Account ${i}`, segment: i % 4 === 1 ? 'enterprise' : 'smb' });
    ids.push(account.id);
    if (i % 10 !== 9) {
      const plan = i % 3 === 0 ? seats : flat;
      await makeSubscription(t.app, h, account.id, {
        termStart: day(40 + i * 151),
        intervalMonths: i % 2 ? 12 : 1,
        lines: [{ planId: plan.id, quantity: 1 + (i % 4), unitPrice: 50 + 40 * i }],
      });
    }
    if (i % 5 === 2) continue; // no usage
    const stoppedAgo = i % 7 === 3 ? 20 + i : 0; // some stopped a while ago
    const users = 1 + (i % 6);
    for (let d = stoppedAgo; d < 70; d += 1 + (i % 3))
      for (let u = 0; u < users; u++) {
        if ((d + u) % (2 + (i % 4)) !== 0 && d > 30) continue; // more use lately for some: a rising trend
        const event = ['Report created', 'Invoice sent', 'Dashboard viewed', 'Export run'][(d + u + i) % 4];
        events.push({ messageId: `m-${++n}`, accountId: account.id, userId: `u${u}`, event, timestamp: `${day(d)}T1${u % 10}:00:00Z` });
      }
  }
  for (let i = 0; i < events.length; i += 500) {
    const sent = await call('POST', '/api/v1/usage/events', h, { events: events.slice(i, i + 500) });
    expect(sent.statusCode).toBe(200);
  }
  await t.services.usageIngest.mergeRollups(org.orgId);
  const keys = await call('PUT', '/api/v1/usage/key-features', h, {
    items: [
      { event: 'Report created', planId: null },
      { event: 'Invoice sent', planId: seats.id },
      { event: 'Export run', planId: flat.id },
    ],
  });
  expect(keys.statusCode).toBe(200);
  for (const i of [0, 5, 12, 18]) await makePulse(t.app, h, ids[i] as string, { value: 20 + 3 * i, expiresOn: i === 5 ? day(-30) : null });
  const usage = USAGE_MEASURES.map((m) => ({ source: m.key, weight: 2, thresholds: m.defaultThresholds }));
  const [card] = (await call('GET', '/api/v1/health/scorecards', h)).json().items;
  const saved = await call('PUT', `/api/v1/health/scorecards/${card.id}`, h, {
    name: card.name,
    segment: null,
    measures: [...card.measures, ...usage],
  });
  expect(saved.statusCode).toBe(200);
  const enterprise = await call('POST', '/api/v1/health/scorecards', h, {
    name: 'Enterprise',
    segment: 'enterprise',
    measures: [
      ...usage,
      {
        source: 'subscription.mrr',
        weight: 1,
        thresholds: {
          kind: 'number',
          breakpoints: [
            { from: 0, points: 0 },
            { from: 500, points: 100 },
          ],
        },
      },
    ],
  });
  expect(enterprise.statusCode).toBe(201);
  return { org, ids };
}

/** Each account's latest score, its measures explained from the stored results with the scorecard version it names. */
const scores = async (orgId: string) =>
  (
    await queryRows<{
      account_id: string;
      scorecard_id: string;
      scorecard_version: number;
      score: string | null;
      band: string | null;
      measure_results: TMeasureResult[];
      card_measures: TScorecardMeasure[];
    }>(
      t.db,
      sql`select s.account_id, s.scorecard_id, s.scorecard_version, s.score::text as score, s.band, s.measure_results, c.measures as card_measures
          from health_scores s join health_scorecards c on c.org_id = s.org_id and c.id = s.scorecard_id and c.version = s.scorecard_version
          where s.org_id = ${orgId} order by s.account_id`,
    )
  ).map(({ measure_results, card_measures, ...r }) => ({ ...r, measures: explainMeasures(card_measures, measure_results) }));
const historyRows = async (orgId: string) =>
  (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from health_score_history where org_id = ${orgId}`))[0]?.n;

describe('health recompute', () => {
  it('gives every account the same score, points and missing inputs whether all are recomputed at once or each alone', async () => {
    const { org, ids } = await organisation();
    await t.services.health.recompute(org.orgId);
    const full = await scores(org.orgId);
    expect(full).toHaveLength(ids.length);
    // Not vacuous: usage present and missing, pulses present and missing, both scorecards, every band.
    const measures = full.flatMap((r) => r.measures);
    for (const key of ['usage.trend_percent', 'usage.feature_breadth', 'usage.licence_use', 'usage.days_since_last_seen', 'pulse.csm']) {
      expect(measures.some((m) => m.source === key && m.points !== null)).toBe(true);
      expect(measures.some((m) => m.source === key && m.value === null && m.points === null)).toBe(true);
    }
    expect(new Set(full.map((r) => r.scorecard_id)).size).toBe(2);
    expect(new Set(full.map((r) => r.band))).toEqual(new Set(['red', 'yellow', 'green']));
    const history = await historyRows(org.orgId);

    // Each account alone (what an event does), then all of them as a list of ids.
    for (const id of ids) await t.services.health.recompute(org.orgId, [id]);
    expect(await scores(org.orgId)).toEqual(full);
    await t.services.health.recompute(org.orgId, ids);
    expect(await scores(org.orgId)).toEqual(full);
    // And again at once: nothing moved, so no history row was added.
    await t.services.health.recompute(org.orgId);
    expect(await scores(org.orgId)).toEqual(full);
    expect(await historyRows(org.orgId)).toBe(history);

    // Three days on, the account's chart has a point a day, carried from the rows of the days its score changed.
    t.clock.set(new Date('2026-11-24T10:00:00Z'));
    await t.services.health.recompute(org.orgId);
    const tab = await accountHealth(t.app, (await signIn(t, org.admin.email)).headers, ids[3] as string);
    expect(tab.history.map((x) => x.day)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
    expect(tab.history[1]).toMatchObject({ score: tab.history[0]?.score, band: tab.history[0]?.band });
  });

  it('stores each measure compact and reads it back as scored: value, points, weight, day observed, stale', async () => {
    const { org } = await organisation();
    await t.services.health.recompute(org.orgId);
    const stored = await queryRows<{ account_id: string; score: string | null; results: unknown[][]; card: TScorecardMeasure[] }>(
      t.db,
      sql`select s.account_id, s.score::text as score, s.measure_results as results, c.measures as card
          from health_scores s join health_scorecards c on c.org_id = s.org_id and c.id = s.scorecard_id and c.version = s.scorecard_version
          where s.org_id = ${org.orgId}`,
    );
    const h = (await signIn(t, org.admin.email)).headers;
    const today = Date.parse(t.clock.now().toISOString().slice(0, 10));
    const interval = new Map(USAGE_MEASURES.map((m) => [m.key, m.expectedIntervalDays]));
    const seen = { stale: 0, fresh: 0, missing: 0 };
    for (const r of stored) {
      // Only the account's own parts are stored: no source, weight or label.
      expect(r.results).toHaveLength(r.card.length);
      for (const x of r.results) expect(x.length === 2 || x.length === 3 || (x.length === 4 && x[3] === 1)).toBe(true);
      const tab = await accountHealth(t.app, h, r.account_id);
      expect(tab.measures.map((x) => [x.source, x.weight])).toEqual(r.card.map((x) => [x.source, x.weight]));
      tab.measures.forEach((x, i) => {
        expect(x.points).toBe(pointsFor((r.card[i] as TScorecardMeasure).thresholds, x.value));
        const every = interval.get(x.source) ?? null;
        const stale = every !== null && x.observedOn !== null && (today - Date.parse(x.observedOn)) / 86_400_000 > every;
        expect(x.stale).toBe(stale);
        seen[x.value === null ? 'missing' : x.stale ? 'stale' : 'fresh']++;
      });
      const score = weightedScore(tab.measures);
      expect(tab.score).toBe(score === null ? null : Math.round(score * 100) / 100);
      expect(tab.score).toBe(r.score === null ? null : Number(r.score));
    }
    expect(seen.stale).toBeGreaterThan(0);
    expect(seen.fresh).toBeGreaterThan(0);
    expect(seen.missing).toBeGreaterThan(0);
  });
});
