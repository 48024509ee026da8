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
});
