import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, runJobs, type TestApp } from '../../../test/harness.ts';
import { queryRows } from '../../platform/db/bulk.ts';
import { makeAccount } from '../accounts/index.ts';
import { healthScoreHistory, healthScores, type THealthMeasureProvider } from '../health/index.ts';
import { makeUsageSource, writeKeyHeaders } from './usage.factory.ts';
import { ROLLUP_SLOT_MS } from './usage.ingest.ts';

/**
 * Fresh health (issue 8, item 5): a score follows the usage events that move it within 60 seconds, and only the
 * accounts they touched are rescored. The path end to end on the test clock: /v1/batch → rollup delta → the
 * usage.rollup job of the next 10-second slot merges it and publishes usage.activity_changed → health rescores
 * those accounts → the day's history row. The usage measure is this test's own (the adoption measures are the
 * usage module's to register): the events an account has had, read from the rollups.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  t.services.health.registerMeasureProvider(testProvider);
});
afterAll(async () => {
  await t.close();
});

const MEASURE = 'freshness_test.events';
const testProvider: THealthMeasureProvider = {
  name: 'freshness_test',
  measures: async () => [
    {
      key: MEASURE,
      kind: 'number',
      label: { en: 'Events', nl: 'Gebeurtenissen', da: 'Hændelser' },
      unit: 'count',
      expectedIntervalDays: null,
      defaultThresholds: { kind: 'number', breakpoints: [{ from: 0, points: 0 }] },
    },
  ],
  async read(db, scope) {
    const rows = await queryRows<{ account_id: string; events: number; last_seen: string }>(
      db,
      sql`select account_id, events::int as events, last_seen_at::date::text as last_seen from usage_account_activity
          where org_id = ${scope.orgId} and account_id = any(${sql.param(scope.accountIds)}::uuid[])`,
    );
    return new Map([[MEASURE, new Map(rows.map((r) => [r.account_id, { value: r.events, observedOn: r.last_seen }]))]]);
  },
};

type H = Record<string, string>;
const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const track = (messageId: string, groupId: string) => ({
  type: 'track',
  messageId,
  userId: `user-${messageId}`,
  event: 'Report exported',
  timestamp: '2026-11-21T08:59:00Z',
  context: { groupId },
});

const scoresOf = (orgId: string, ids: string[]) =>
  t.db
    .select({ accountId: healthScores.accountId, score: healthScores.score, computedAt: healthScores.computedAt })
    .from(healthScores)
    .where(and(eq(healthScores.orgId, orgId), inArray(healthScores.accountId, ids)));

describe('freshness', () => {
  it('rescores only the accounts whose usage moved, within 60 seconds of their events', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const busy = await makeAccount(t.app, h, { name: 'Busy', externalId: 'busy' });
    const quiet = await makeAccount(t.app, h, { name: 'Quiet', externalId: 'quiet' });
    const [card] = (await call('GET', '/api/v1/health/scorecards', h)).json().items;
    const saved = await call('PUT', `/api/v1/health/scorecards/${card.id}`, h, {
      name: card.name,
      segment: card.segment,
      measures: [
        {
          source: MEASURE,
          weight: 1,
          thresholds: {
            kind: 'number',
            breakpoints: [
              { from: 0, points: 0 },
              { from: 3, points: 100 },
            ],
          },
        },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await call('POST', '/api/v1/health/recompute', h);
    const before = await scoresOf(org.orgId, [busy.id, quiet.id]);
    expect(before.map((s) => s.score)).toEqual([null, null]); // no usage yet: the only measure is missing

    t.clock.advance(5_000);
    const sentAt = t.clock.now().getTime();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: writeKeyHeaders((await makeUsageSource(t.app, h)).writeKey),
      payload: JSON.stringify({ batch: ['f-1', 'f-2', 'f-3'].map((id) => track(id, 'busy')) }),
    });
    expect(res.json()).toEqual({ success: true });

    // Before the merge's slot the score has not moved; at the slot the job merges, publishes, and health rescores.
    await runJobs(t);
    expect((await scoresOf(org.orgId, [busy.id])).map((s) => s.score)).toEqual([null]);
    t.clock.advance(ROLLUP_SLOT_MS);
    await runJobs(t);

    const after = new Map((await scoresOf(org.orgId, [busy.id, quiet.id])).map((s) => [s.accountId, s]));
    expect(Number(after.get(busy.id)?.score)).toBe(100);
    const latency = (after.get(busy.id)?.computedAt.getTime() ?? 0) - sentAt;
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThanOrEqual(60_000);
    // The quiet account was not recomputed: its score is the one of the full recompute before the events.
    const quietBefore = before.find((s) => s.accountId === quiet.id);
    expect(after.get(quiet.id)?.computedAt.getTime()).toBe(quietBefore?.computedAt.getTime());
    const history = await t.db
      .select({ day: healthScoreHistory.day, score: healthScoreHistory.score })
      .from(healthScoreHistory)
      .where(and(eq(healthScoreHistory.orgId, org.orgId), eq(healthScoreHistory.accountId, busy.id)));
    expect(history.map((r) => [r.day, Number(r.score)])).toEqual([['2026-11-21', 100]]);
  });
});
