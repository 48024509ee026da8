import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeUsageSource, writeKeyHeaders } from './usage.factory.ts';
import { usageAccountActivity, usageDailyEvents, usageDailyUsers, usageEvents } from './usage.table.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, writeKey: string, payload: unknown, extra: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...writeKeyHeaders(writeKey), ...extra },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const storedEvents = (orgId: string) =>
  t.db
    .select({
      messageId: usageEvents.messageId,
      accountId: usageEvents.accountId,
      groupKey: usageEvents.groupKey,
      event: usageEvents.event,
    })
    .from(usageEvents)
    .where(eq(usageEvents.orgId, orgId))
    .orderBy(asc(usageEvents.messageId));

/** The rollups as readers see them once the merge job ran. */
const merged = (orgId: string) => t.services.usageIngest.mergeRollups(orgId);
const dailyEvents = async (orgId: string, accountId: string) => {
  await merged(orgId);
  return t.db
    .select({ day: usageDailyEvents.day, event: usageDailyEvents.event, count: usageDailyEvents.count })
    .from(usageDailyEvents)
    .where(and(eq(usageDailyEvents.orgId, orgId), eq(usageDailyEvents.accountId, accountId)))
    .orderBy(asc(usageDailyEvents.day), asc(usageDailyEvents.event));
};

async function setup() {
  const org = await createTestOrg(t);
  const acme = await makeAccount(t.app, org.admin.headers, { name: 'Acme', externalId: 'acme' });
  const source = await makeUsageSource(t.app, org.admin.headers, { name: 'Web app' });
  return { org, acme, source };
}

const batch = (events: unknown[]) => ({ batch: events, sentAt: '2026-11-21T08:59:00Z', writeKey: 'ignored when the header has one' });
const track = (messageId: string, userId: string, event: string, timestamp = '2026-11-20T10:00:00Z') => ({
  type: 'track',
  messageId,
  userId,
  event,
  timestamp,
  properties: { plan: 'pro' },
  context: { library: { name: 'analytics-node-next', version: 'latest' } },
});

describe('the Segment-compatible API', () => {
  it('stores a batch, maps events to the account through the group call, and keeps the valid events of a batch with bad ones', async () => {
    const { org, acme, source } = await setup();
    const res = await post(
      '/v1/batch',
      source.writeKey,
      batch([
        { type: 'group', messageId: 'm-0', userId: 'u1', groupId: 'acme', traits: { name: 'Acme' }, timestamp: '2026-11-20T09:00:00Z' },
        track('m-1', 'u1', 'Report exported'),
        track('m-2', 'u1', 'Report exported'),
        track('m-3', 'u2', 'Logged in', '2026-11-21T08:00:00Z'),
        { type: 'track', messageId: 'bad-1', event: 'No user' },
        { type: 'track', messageId: 'bad-2', userId: 'u1' },
        { type: 'track', messageId: 'bad-3', userId: 'u1', event: 'x', timestamp: 'yesterday' },
        { type: 'shout', messageId: 'bad-4', userId: 'u1' },
        'not an object',
      ]),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.success).toBe(true);
    expect(body.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([
      [4, 'userId'],
      [5, 'event'],
      [6, 'timestamp'],
      [7, 'type'],
      [8, 'event'],
    ]);
    expect(body.rejected[0].message).toMatch(/userId or an anonymousId/);
    const rows = await storedEvents(org.orgId);
    expect(rows.map((r) => r.messageId)).toEqual(['m-0', 'm-1', 'm-2', 'm-3']);
    // u1 named acme in the group call; u2 never did: kept without account, under its user.
    expect(rows.filter((r) => r.accountId === acme.id).map((r) => r.messageId)).toEqual(['m-0', 'm-1', 'm-2']);
    expect(await dailyEvents(org.orgId, acme.id)).toEqual([{ day: '2026-11-20', event: 'Report exported', count: 2 }]);
    await merged(org.orgId);
    const [activity] = await t.db.select().from(usageAccountActivity).where(eq(usageAccountActivity.orgId, org.orgId));
    expect(activity).toMatchObject({ accountId: acme.id, events: 2 });
    expect(activity?.lastSeenAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    // A later batch of u1 without any group finds the account through the stored group call.
    expect((await post('/v1/track', source.writeKey, track('m-4', 'u1', 'Logged in'))).statusCode).toBe(200);
    await merged(org.orgId);
    const users = await t.db.select().from(usageDailyUsers).where(eq(usageDailyUsers.orgId, org.orgId));
    expect(users.map((u) => [u.day, u.userId, u.count])).toEqual([['2026-11-20', 'u1', 3]]);
  });

  it('stores a retried batch once (messageId), and the rollups count it once', async () => {
    const { org, acme, source } = await setup();
    const events = [
      { type: 'group', messageId: 'g', userId: 'u1', groupId: 'acme', timestamp: '2026-11-20T09:00:00Z' },
      track('r-1', 'u1', 'Logged in'),
      track('r-2', 'u1', 'Logged in'),
    ];
    for (let i = 0; i < 3; i++)
      expect((await post('/v1/batch', source.writeKey, batch(events), { 'x-retry-count': String(i) })).statusCode).toBe(200);
    // The same message twice in one batch is one event too.
    await post('/v1/batch', source.writeKey, batch([track('r-3', 'u1', 'Logged in'), track('r-3', 'u1', 'Logged in')]));
    expect((await storedEvents(org.orgId)).map((r) => r.messageId)).toEqual(['g', 'r-1', 'r-2', 'r-3']);
    expect(await dailyEvents(org.orgId, acme.id)).toEqual([{ day: '2026-11-20', event: 'Logged in', count: 3 }]);
  });

  it('stores concurrent batches written together once each, a retry among them included, and counts each event once', async () => {
    const { org, acme, source } = await setup();
    const day = '2026-11-20T10:00:00Z';
    const groupOf = (i: number) => ({ type: 'group', messageId: `cg-${i}`, userId: `u${i}`, groupId: 'acme', timestamp: day });
    const batches = Array.from({ length: 6 }, (_, i) =>
      batch([groupOf(i), track(`c-${i}-a`, `u${i}`, 'Logged in'), track(`c-${i}-b`, `u${i}`, 'Saved')]),
    );
    // The last batch is a retry of the first, sent while the first may still be in flight.
    batches.push(batches[0] as (typeof batches)[number]);
    const answers = await Promise.all(batches.map((b) => post('/v1/batch', source.writeKey, b)));
    expect(answers.map((a) => [a.statusCode, a.json().success])).toEqual(answers.map(() => [200, true]));
    const rows = await storedEvents(org.orgId);
    expect(rows).toHaveLength(18);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(18);
    expect(rows.every((r) => r.accountId === acme.id)).toBe(true);
    expect(await dailyEvents(org.orgId, acme.id)).toEqual([
      { day: '2026-11-20', event: 'Logged in', count: 6 },
      { day: '2026-11-20', event: 'Saved', count: 6 },
    ]);
    // Every user's group call was kept: a later track of each finds the account.
    const later = await post('/v1/batch', source.writeKey, batch(Array.from({ length: 6 }, (_, i) => track(`l-${i}`, `u${i}`, 'Later'))));
    expect(later.statusCode).toBe(200);
    expect((await storedEvents(org.orgId)).filter((r) => r.messageId.startsWith('l-')).every((r) => r.accountId === acme.id)).toBe(true);
  });

  it('answers 401 without a key, with an unknown one and with a revoked one', async () => {
    const { org, source } = await setup();
    const one = track('k-1', 'u1', 'Logged in');
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/track', headers: { 'content-type': 'application/json' }, payload: one })).statusCode,
    ).toBe(401);
    expect((await post('/v1/track', 'c365w_not-a-key', one)).statusCode).toBe(401);
    expect((await post('/v1/track', source.writeKey, one)).statusCode).toBe(200);
    const revoke = await t.app.inject({ method: 'POST', url: `/api/v1/usage/sources/${source.id}/revoke`, headers: org.admin.headers });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().revokedAt).toBeTruthy();
    const after = await post('/v1/track', source.writeKey, track('k-2', 'u1', 'Logged in'));
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ success: false, code: 'UNAUTHENTICATED' });
    // The key in the body (Segment's other way) is read when there is no Authorization header.
    const other = await makeUsageSource(t.app, org.admin.headers, { name: 'Mobile' });
    const inBody = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'application/json' },
      payload: { batch: [track('k-3', 'u1', 'Logged in')], writeKey: other.writeKey },
    });
    expect(inBody.statusCode).toBe(200);
    expect((await storedEvents(org.orgId)).map((r) => r.messageId)).toEqual(['k-1', 'k-3']);
  });

  it('answers 400 to malformed JSON and to bodies over Segment’s limits, storing nothing', async () => {
    const { org, source } = await setup();
    expect((await post('/v1/batch', source.writeKey, '{"batch": [')).statusCode).toBe(400);
    expect((await post('/v1/batch', source.writeKey, { notBatch: [] })).json().details[0].field).toBe('batch');
    const big = 'x'.repeat(33 * 1024);
    const single = await post('/v1/track', source.writeKey, { ...track('s-1', 'u1', 'Big'), properties: { big } });
    expect(single.statusCode).toBe(400);
    expect(single.json().code).toBe('PAYLOAD_TOO_LARGE');
    const many = Array.from({ length: 20 }, (_, i) => ({ ...track(`b-${i}`, 'u1', 'Big'), properties: { big: 'y'.repeat(30 * 1024) } }));
    expect((await post('/v1/batch', source.writeKey, batch(many))).statusCode).toBe(400);
    // Within a batch an event over 32 KB is refused alone.
    const mixed = await post(
      '/v1/batch',
      source.writeKey,
      batch([track('c-1', 'u1', 'Fine'), { ...track('c-2', 'u1', 'Big'), properties: { big } }]),
    );
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json().rejected).toMatchObject([{ index: 1, messageId: 'c-2', code: 'usage_event_too_large' }]);
    expect((await storedEvents(org.orgId)).map((r) => r.messageId)).toEqual(['c-1']);
  });

  it('never lets a key of one organisation write into another', async () => {
    const a = await setup();
    const b = await setup();
    await post(
      '/v1/batch',
      a.source.writeKey,
      batch([{ type: 'group', messageId: 'x', userId: 'u1', groupId: 'acme' }, track('x-1', 'u1', 'A only')]),
    );
    expect((await storedEvents(a.org.orgId)).map((r) => r.accountId)).toEqual([a.acme.id, a.acme.id]);
    expect(await storedEvents(b.org.orgId)).toEqual([]);
    expect(await dailyEvents(b.org.orgId, b.acme.id)).toEqual([]);
    const keysOfB = await t.app.inject({ method: 'GET', url: '/api/v1/usage/keys?status=all', headers: b.org.admin.headers });
    expect(keysOfB.json().total).toBe(0);
    const sourcesOfB = await t.app.inject({ method: 'GET', url: '/api/v1/usage/sources', headers: b.org.admin.headers });
    expect(sourcesOfB.json().items.map((s: { id: string }) => s.id)).toEqual([b.source.id]);
    expect(sourcesOfB.body).not.toContain(a.source.id);
  });
});
