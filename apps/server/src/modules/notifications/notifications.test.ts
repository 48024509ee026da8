import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeNotification } from './notifications.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('notifications', () => {
  it('lists my own notifications, counts the unread, marks them read; once per source key', async () => {
    const org = await createTestOrg(t);
    const csm = await org.as('csm');
    const other = await createTestOrg(t);
    const first = await makeNotification(t, org.orgId, csm.userId, { subject: 'First', sourceKey: 'k1' });
    await makeNotification(t, org.orgId, csm.userId, { subject: 'Again', sourceKey: 'k1' });
    await makeNotification(t, org.orgId, csm.userId, { subject: 'Second' });
    await makeNotification(t, org.orgId, org.admin.userId, { subject: 'The admin’s' });
    await makeNotification(t, other.orgId, other.admin.userId, { subject: 'Another organisation’s' });

    const count = await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: csm.headers });
    expect(count.json()).toEqual({ unread: 2 });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: csm.headers });
    expect(list.json()).toMatchObject({ total: 2, unread: 2 });
    expect(
      list
        .json()
        .items.map((n: { subject: string }) => n.subject)
        .sort(),
    ).toEqual(['First', 'Second']);
    expect(first.sourceKey).toBe('k1');

    const one = list.json().items[0].id;
    const read = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: csm.headers, payload: { ids: [one] } });
    expect(read.json()).toEqual({ updated: 1 });
    // Another person cannot mark mine.
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: org.admin.headers,
      payload: { ids: [list.json().items[1].id] },
    });
    expect(theirs.json()).toEqual({ updated: 0 });
    const unread = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true', headers: csm.headers });
    expect(unread.json()).toMatchObject({ total: 1, unread: 1 });
    const all = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: csm.headers, payload: {} });
    expect(all.json()).toEqual({ updated: 1 });
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: csm.headers, payload: { ids: ['x'] } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().details)).toContain('ids');
  });

  it('filters read or unread, sorts by date and exports the same as CSV, mine only', async () => {
    const org = await createTestOrg(t);
    const admin = org.admin;
    await makeNotification(t, org.orgId, admin.userId, { subject: 'Older' });
    t.clock.advance(60_000);
    await makeNotification(t, org.orgId, admin.userId, { subject: 'Newer' });
    await makeNotification(t, org.orgId, (await org.as('csm')).userId, { subject: 'Someone else’s' });
    const get = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/notifications?${query}`, headers: admin.headers })).json();
    const older = (await get('order=asc')).items[0];
    expect(older.subject).toBe('Older');
    await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: admin.headers, payload: { ids: [older.id] } });

    expect((await get('state=read')).items.map((n: { subject: string }) => n.subject)).toEqual(['Older']);
    expect((await get('state=unread')).items.map((n: { subject: string }) => n.subject)).toEqual(['Newer']);
    const asc = await get('sort=createdAt&order=asc&pageSize=1&page=2');
    expect(asc).toMatchObject({ total: 2, page: 2, items: [{ subject: 'Newer' }] });
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?state=nonsense', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().details)).toContain('state');

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/notifications/export.csv?order=asc', headers: admin.headers });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace('\ufeff', '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('created_at,kind,subject,read_at,link');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Older');
    expect(lines[2]).toContain('Newer');
    expect(csv.body).not.toContain('Someone else');
    const onlyRead = await t.app.inject({ method: 'GET', url: '/api/v1/notifications/export.csv?state=read', headers: admin.headers });
    expect(onlyRead.body).not.toContain('Newer');
  });
});
