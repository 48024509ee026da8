import { Analytics } from '@segment/analytics-node';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makeUsageSource, writeKeyHeaders } from './usage.factory.ts';
import { PARTITIONS_JOB, ROLLUP_SWEEP_JOB, usageJobs } from './usage.jobs.ts';
import { listPartitionMonths } from './usage.partitions.repository.ts';
import { usageDailyEvents, usageDailyUsers, usageEvents, usageUsers } from './usage.table.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const segment = (writeKey: string, events: unknown[]) =>
  t.app.inject({ method: 'POST', url: '/v1/batch', headers: writeKeyHeaders(writeKey), payload: JSON.stringify({ batch: events }) });
const track = (messageId: string, extra: object, timestamp = '2026-11-20T10:00:00Z') => ({
  type: 'track',
  messageId,
  event: 'Logged in',
  timestamp,
  ...extra,
});
/** The rollups as readers see them once the merge job ran. */
const daily = async (orgId: string, accountId: string) => {
  await t.services.usageIngest.mergeRollups(orgId);
  return t.db
    .select({ day: usageDailyEvents.day, event: usageDailyEvents.event, count: usageDailyEvents.count })
    .from(usageDailyEvents)
    .where(and(eq(usageDailyEvents.orgId, orgId), eq(usageDailyEvents.accountId, accountId)))
    .orderBy(asc(usageDailyEvents.day));
};

describe('unknown accounts', () => {
  it('keeps events of unknown keys, lists them with counts and last seen, and moves them with the rollups when mapped', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const globex = await makeAccount(t.app, h, { name: 'Globex' });
    const source = await makeUsageSource(t.app, h);
    await segment(source.writeKey, [
      track('g-1', { userId: 'u1', context: { groupId: 'globex-inc' } }, '2026-11-19T10:00:00Z'),
      track('g-2', { userId: 'u2', context: { groupId: 'globex-inc' } }),
      track('n-1', { anonymousId: 'anon-7' }),
    ]);
    const list = await call('GET', '/api/v1/usage/keys?sort=events&order=desc', h);
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((k: { kind: string; key: string; events: number; lastSeenAt: string }) => [k.kind, k.key, k.events, k.lastSeenAt]),
    ).toEqual([
      ['group', 'globex-inc', 2, '2026-11-20T10:00:00.000Z'],
      ['user', 'anon-7', 1, '2026-11-20T10:00:00.000Z'],
    ]);
    const csv = await call('GET', '/api/v1/usage/keys/export.csv', h);
    expect(csv.body).toContain('globex-inc');

    const mapped = await call('POST', `/api/v1/usage/sources/${source.id}/keys/map`, h, {
      kind: 'group',
      key: 'globex-inc',
      accountId: globex.id,
    });
    expect(mapped.statusCode).toBe(200);
    expect(mapped.json()).toMatchObject({ eventsMoved: 2, key: { accountId: globex.id, accountName: 'Globex' } });
    expect(await daily(org.orgId, globex.id)).toEqual([
      { day: '2026-11-19', event: 'Logged in', count: 1 },
      { day: '2026-11-20', event: 'Logged in', count: 1 },
    ]);
    // New events of the key go straight to the account.
    await segment(source.writeKey, [track('g-3', { userId: 'u3', context: { groupId: 'globex-inc' } })]);
    expect(await daily(org.orgId, globex.id)).toEqual([
      { day: '2026-11-19', event: 'Logged in', count: 1 },
      { day: '2026-11-20', event: 'Logged in', count: 2 },
    ]);
    const unmapped = await call('GET', '/api/v1/usage/keys', h);
    expect(unmapped.json().items.map((k: { key: string }) => k.key)).toEqual(['anon-7']);

    const ignored = await call('POST', `/api/v1/usage/sources/${source.id}/keys/ignore`, h, { kind: 'user', key: 'anon-7', ignored: true });
    expect(ignored.json().ignoredAt).toBeTruthy();
    expect((await call('GET', '/api/v1/usage/keys', h)).json().total).toBe(0);
    expect((await call('GET', '/api/v1/usage/keys?status=ignored', h)).json().items[0].key).toBe('anon-7');
    const unknownKey = await call('POST', `/api/v1/usage/sources/${source.id}/keys/map`, h, {
      kind: 'group',
      key: 'nope',
      accountId: globex.id,
    });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().details[0].field).toBe('key');

    // Another organisation can neither see nor map these keys.
    const other = await createTestOrg(t);
    const foreign = await call('POST', `/api/v1/usage/sources/${source.id}/keys/map`, other.admin.headers, {
      kind: 'group',
      key: 'globex-inc',
      accountId: globex.id,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await call('GET', '/api/v1/usage/keys?status=all', other.admin.headers)).json().total).toBe(0);
  });

  it('moves a user’s earlier events to the account once a group call names it', async () => {
    const org = await createTestOrg(t);
    const acme = await makeAccount(t.app, org.admin.headers, { name: 'Acme', externalId: 'acme' });
    const source = await makeUsageSource(t.app, org.admin.headers);
    await segment(source.writeKey, [track('early-1', { userId: 'u9' }), track('early-2', { userId: 'u9' })]);
    expect((await call('GET', '/api/v1/usage/keys', org.admin.headers)).json().items.map((k: { key: string }) => k.key)).toEqual(['u9']);
    await segment(source.writeKey, [{ type: 'group', messageId: 'grp', userId: 'u9', groupId: 'acme', timestamp: '2026-11-20T11:00:00Z' }]);
    expect(await daily(org.orgId, acme.id)).toEqual([{ day: '2026-11-20', event: 'Logged in', count: 2 }]);
    expect((await call('GET', '/api/v1/usage/keys', org.admin.headers)).json().total).toBe(0);
  });

  it('maps by a configured trait, and links an identified user to the contact with that e-mail', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const acme = await makeAccount(t.app, h, { name: 'Acme', externalId: 'ACME-1' });
    const contact = await makeContact(t.app, h, acme.id, { email: 'Ann@Acme.example' });
    const source = await makeUsageSource(t.app, h, { accountMapping: 'trait', accountTrait: 'company_id' });
    const bad = await call('POST', '/api/v1/usage/sources', h, { name: 'x', accountMapping: 'trait' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('accountTrait');
    await segment(source.writeKey, [
      { type: 'identify', messageId: 'i-1', userId: 'ann', traits: { email: 'ann@acme.example', company_id: 'ACME-1' } },
      track('t-1', { userId: 'ann' }),
      track('t-2', { userId: 'bob', context: { traits: { company_id: 'ACME-1' } } }),
    ]);
    const [ann] = await t.db
      .select()
      .from(usageUsers)
      .where(and(eq(usageUsers.orgId, org.orgId), eq(usageUsers.userId, 'ann')));
    expect(ann).toMatchObject({ groupKey: 'ACME-1', contactId: contact.id });
    const events = await t.db.select().from(usageEvents).where(eq(usageEvents.orgId, org.orgId)).orderBy(asc(usageEvents.messageId));
    expect(events.map((e) => [e.messageId, e.accountId])).toEqual([
      ['i-1', acme.id],
      ['t-1', acme.id],
      ['t-2', acme.id],
    ]);
  });
});

describe('the native bulk API', () => {
  it('stores events by account id or external id, idempotent on messageId, refusing unknown ids per event', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const acme = await makeAccount(t.app, h, { name: 'Acme', externalId: 'acme' });
    const events = [
      { messageId: 'a', accountId: acme.id, userId: 'u1', event: 'Invoice sent', timestamp: '2026-11-01T10:00:00Z', properties: { n: 1 } },
      { messageId: 'b', accountExternalId: 'acme', userId: 'u2', event: 'Invoice sent', timestamp: '2026-11-01T11:00:00Z' },
      { messageId: 'c', accountId: '00000000-0000-7000-8000-000000000000', event: 'Invoice sent' },
      { messageId: 'd', event: 'Invoice sent' },
    ];
    const first = await call('POST', '/api/v1/usage/events', h, { events });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: 4, stored: 2, duplicates: 0 });
    expect(first.json().rejected.map((r: { index: number; field: string; code: string }) => [r.index, r.field, r.code])).toEqual([
      [2, 'accountId', 'usage_event_account_unknown'],
      [3, 'accountId', 'usage_event_no_account'],
    ]);
    const again = await call('POST', '/api/v1/usage/events', h, { events: events.slice(0, 2) });
    expect(again.json()).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await daily(org.orgId, acme.id)).toEqual([{ day: '2026-11-01', event: 'Invoice sent', count: 2 }]);
    const sources = await call('GET', '/api/v1/usage/sources', h);
    expect(sources.json().items.map((s: { kind: string }) => s.kind)).toEqual(['native']);
    expect((await call('POST', `/api/v1/usage/sources/${sources.json().items[0].id}/revoke`, h)).statusCode).toBe(400);
  });
});

describe('the official Segment client', () => {
  it('delivers through @segment/analytics-node pointed at the product', async () => {
    const org = await createTestOrg(t);
    const acme = await makeAccount(t.app, org.admin.headers, { name: 'Acme', externalId: 'acme' });
    const source = await makeUsageSource(t.app, org.admin.headers);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const failures: unknown[] = [];
    const client = () => {
      const analytics = new Analytics({ writeKey: source.writeKey, host: address, flushAt: 50, maxRetries: 1 });
      analytics.on('error', (e) => failures.push(e));
      return analytics;
    };
    // The group call first (batches of one client travel in parallel): the tracks then find the account through it.
    const first = client();
    first.group({ userId: 'u1', groupId: 'acme', traits: { name: 'Acme' }, timestamp: new Date('2026-11-20T09:00:00Z') });
    await first.closeAndFlush({ timeout: 20_000 });
    const analytics = client();
    for (let i = 0; i < 120; i++)
      analytics.track({ userId: 'u1', event: i % 2 ? 'Report exported' : 'Logged in', timestamp: new Date('2026-11-20T10:00:00Z') });
    await analytics.closeAndFlush({ timeout: 20_000 });
    expect(failures).toEqual([]);
    const rows = await daily(org.orgId, acme.id);
    expect(rows).toEqual([
      { day: '2026-11-20', event: 'Logged in', count: 60 },
      { day: '2026-11-20', event: 'Report exported', count: 60 },
    ]);
  });
});

describe('rollups', () => {
  it('follow ingestion through the merge job: scheduled per organisation and slot, each delta counted once, the sweep catching the rest', async () => {
    const org = await createTestOrg(t);
    const acme = await makeAccount(t.app, org.admin.headers, { name: 'Acme', externalId: 'acme' });
    const source = await makeUsageSource(t.app, org.admin.headers);
    await segment(source.writeKey, [
      track('r-1', { userId: 'u1', context: { groupId: 'acme' } }),
      track('r-2', { userId: 'u2', context: { groupId: 'acme' } }),
    ]);
    await segment(source.writeKey, [track('r-3', { userId: 'u1', context: { groupId: 'acme' } })]);
    const scheduled = await t.db.execute(sql`select count(*)::int as n from jobs where org_id = ${org.orgId} and name = 'usage.rollup'`);
    expect((scheduled as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(1);
    const sweep = usageJobs({ db: t.db, clock: t.clock, ingest: t.services.usageIngest }).find((j) => j.name === ROLLUP_SWEEP_JOB);
    await sweep?.handler({}, {} as never);
    await sweep?.handler({}, {} as never);
    const users = await t.db
      .select({ userId: usageDailyUsers.userId, count: usageDailyUsers.count })
      .from(usageDailyUsers)
      .where(eq(usageDailyUsers.orgId, org.orgId))
      .orderBy(asc(usageDailyUsers.userId));
    expect(users).toEqual([
      { userId: 'u1', count: 2 },
      { userId: 'u2', count: 1 },
    ]);
    expect(await daily(org.orgId, acme.id)).toEqual([{ day: '2026-11-20', event: 'Logged in', count: 3 }]);
  });
});

describe('partitions and retention', () => {
  it('makes months ahead, deletes raw events past an organisation’s retention (rollups stay) and drops partitions past every retention', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const acme = await makeAccount(t.app, h, { name: 'Acme', externalId: 'acme' });
    expect((await call('PUT', '/api/v1/usage/settings', h, { retentionMonths: 1 })).json()).toEqual({ retentionMonths: 1 });
    const events = [
      { messageId: 'old', accountId: acme.id, event: 'Old', timestamp: '2026-09-15T10:00:00Z' },
      { messageId: 'new', accountId: acme.id, event: 'New', timestamp: '2026-11-15T10:00:00Z' },
      { messageId: 'ancient', accountId: acme.id, event: 'Ancient', timestamp: '2023-01-15T10:00:00Z' },
    ];
    expect((await call('POST', '/api/v1/usage/events', h, { events })).json().stored).toBe(3);
    const job = usageJobs({ db: t.db, clock: t.clock, ingest: t.services.usageIngest }).find((j) => j.name === PARTITIONS_JOB);
    const result = await job?.handler({}, { progress: async () => {}, checkpoint: async () => {} } as never);
    expect(result).toMatchObject({ made: 4, deleted: 2 });
    const months = await listPartitionMonths(t.db);
    expect(months).toEqual(expect.arrayContaining(['2026-11', '2026-12', '2027-01', '2027-02']));
    expect(months).not.toContain('2023-01');
    const left = await t.db.select({ m: usageEvents.messageId }).from(usageEvents).where(eq(usageEvents.orgId, org.orgId));
    expect(left).toEqual([{ m: 'new' }]);
    expect((await daily(org.orgId, acme.id)).map((r) => r.event)).toEqual(['Ancient', 'Old', 'New']);
  });
});
