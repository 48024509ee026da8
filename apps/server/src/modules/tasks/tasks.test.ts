import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, signIn, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { daysOf } from './tasks.days.ts';
import { makeTask } from './tasks.factory.ts';
import type { TTask } from './tasks.schemas.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp(); // today is Saturday 2026-11-21
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const titles = async (h: H, query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/tasks?${query}`, headers: h });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as TTask[]).map((x) => x.title);
};

describe('tasks', () => {
  it('weeks run Monday to Sunday', () => {
    expect(daysOf(new Date('2026-11-21T09:00:00Z'))).toEqual({ today: '2026-11-21', weekEnd: '2026-11-22' });
    expect(daysOf(new Date('2026-11-22T23:00:00Z'))).toEqual({ today: '2026-11-22', weekEnd: '2026-11-22' });
    expect(daysOf(new Date('2026-11-23T00:00:00Z'))).toEqual({ today: '2026-11-23', weekEnd: '2026-11-29' });
  });

  it('keeps my inbox: overdue, today, this week, later, undated; snoozed out until its day; done out of open', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Inbox Ltd' });
    const mk = (title: string, dueOn: string | null, extra = {}) => makeTask(t.app, h, account.id, { title, dueOn, ...extra });
    const late = await mk('Late', '2026-11-18', { priority: 'high' });
    await mk('Today', '2026-11-21');
    await mk('Sunday', '2026-11-22');
    await mk('Next week', '2026-11-24');
    await mk('Whenever', null);
    const snoozed = await mk('Snoozed', '2026-11-19');
    const done = await mk('Done', '2026-11-20');
    expect(late).toMatchObject({ overdue: true, accountName: 'Inbox Ltd', ownerName: 'Test Admin', status: 'open', source: 'manual' });

    const patch = async (id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${id}`, headers: h, payload });
    expect((await patch(snoozed.id, { snoozedUntil: '2026-11-25' })).json()).toMatchObject({ snoozedUntil: '2026-11-25', overdue: false });
    const completed = (await patch(done.id, { status: 'done' })).json();
    expect(completed).toMatchObject({ status: 'done', completedByName: 'Test Admin', overdue: false });
    expect(completed.completedAt).toBe('2026-11-21T09:00:00.000Z');

    expect(await titles(h, '')).toEqual(['Late', 'Today', 'Sunday', 'Next week', 'Whenever']);
    expect(await titles(h, 'due=overdue')).toEqual(['Late']);
    expect(await titles(h, 'due=today')).toEqual(['Today']);
    expect(await titles(h, 'due=this_week')).toEqual(['Today', 'Sunday']);
    expect(await titles(h, 'due=later')).toEqual(['Next week']);
    expect(await titles(h, 'due=none')).toEqual(['Whenever']);
    expect(await titles(h, 'snoozed=only')).toEqual(['Snoozed']);
    expect(await titles(h, 'status=done')).toEqual(['Done']);
    expect(await titles(h, 'priority=high')).toEqual(['Late']);
    expect(await titles(h, 'sort=title&order=desc')).toEqual(['Whenever', 'Today', 'Sunday', 'Next week', 'Late']);
    expect(await titles(h, 'q=WEEK')).toEqual(['Next week']);
    expect(await titles(h, 'q=inbox&due=today')).toEqual(['Today']);
    // The snooze ends on its day: back in the inbox, overdue since the 19th.
    t.clock.set('2026-11-25T08:00:00Z');
    try {
      const later = await signIn(t, org.admin.email);
      expect(await titles(later.headers, 'due=overdue')).toEqual(['Late', 'Snoozed', 'Today', 'Sunday', 'Next week']);
    } finally {
      t.clock.set('2026-11-21T09:00:00Z');
    }
    // Reopened: open again, no completion.
    expect((await patch(done.id, { status: 'open' })).json()).toMatchObject({ status: 'open', completedAt: null, completedByName: null });

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/tasks/export.csv?due=overdue', headers: h });
    const rows = csvRows(csv.body);
    expect(rows[0]).toEqual(expect.arrayContaining(['account', 'title', 'owner', 'due_on', 'overdue']));
    expect(rows.slice(1).map((r) => r[2])).toEqual(['Late', 'Done']);
  });

  it('reassigns, comments, and works on many at once (all or none); managers see the team and its workload', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const csm = await org.as('csm', { name: 'Casey CSM' });
    const vp = await org.as('vp_cs', { name: 'Vera VP' });
    const account = await makeAccount(t.app, h, { name: 'Team Co' });
    const a = await makeTask(t.app, h, account.id, { title: 'A', dueOn: '2026-11-20' });
    const b = await makeTask(t.app, h, account.id, { title: 'B', dueOn: '2026-11-22', ownerUserId: csm.userId });
    const c = await makeTask(t.app, h, account.id, { title: 'C' });

    const reassign = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${a.id}`,
      headers: h,
      payload: { ownerUserId: csm.userId },
    });
    expect(reassign.json().ownerName).toBe('Casey CSM');
    expect(await titles(csm.headers, '')).toEqual(['A', 'B']);

    const said = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${a.id}/comments`,
      headers: csm.headers,
      payload: { body: 'On it' },
    });
    expect(said.json().items).toMatchObject([{ authorName: 'Casey CSM', body: 'On it' }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${a.id}`, headers: h })).json().commentCount).toBe(1);

    // A task of another organisation in the batch: nothing changes.
    const other = await createTestOrg(t);
    const foreign = await makeTask(t.app, other.admin.headers, (await makeAccount(t.app, other.admin.headers)).id, { title: 'Theirs' });
    const bulk = (payload: object, headers = h) => t.app.inject({ method: 'POST', url: '/api/v1/tasks/bulk', headers, payload });
    expect((await bulk({ ids: [a.id, foreign.id], action: 'complete' })).statusCode).toBe(404);
    expect(await titles(csm.headers, '')).toEqual(['A', 'B']);
    expect((await bulk({ ids: [a.id, b.id], action: 'complete' })).json()).toEqual({ updated: 2 });
    expect(await titles(csm.headers, 'status=done&sort=title')).toEqual(['A', 'B']);
    const noOwner = await bulk({ ids: [c.id], action: 'reassign' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().details[0].field).toBe('ownerUserId');
    expect((await bulk({ ids: [c.id], action: 'snooze', snoozedUntil: '2026-11-21' })).json().details[0].field).toBe('snoozedUntil');
    expect((await bulk({ ids: [c.id], action: 'reassign', ownerUserId: vp.userId })).json()).toEqual({ updated: 1 });

    // The team view and the workload are for those who lead one.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tasks?view=team', headers: csm.headers })).statusCode).toBe(403);
    expect(await titles(vp.headers, `view=team&status=all&sort=title&ownerUserId=${csm.userId}`)).toEqual(['A', 'B']);
    const load = (await t.app.inject({ method: 'GET', url: '/api/v1/tasks/workload', headers: vp.headers })).json().items;
    expect(load.find((p: { name: string }) => p.name === 'Casey CSM')).toMatchObject({ open: 0, doneLast7Days: 2 });
    expect(load.find((p: { name: string }) => p.name === 'Vera VP')).toMatchObject({ open: 1, overdue: 0 });
  });

  it('refuses bad input naming the field, and keeps a CSM limited to their accounts to them', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const mine = await org.as('csm', { ownAccountsOnly: true });
    const theirs = await makeAccount(t.app, h, { name: 'Not yours' });
    const own = await makeAccount(t.app, h, { name: 'Yours', ownerUserId: mine.userId });
    const post = (accountId: string, payload: object, headers = h) =>
      t.app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/tasks`, headers, payload });
    for (const [payload, field] of [
      [{ title: '' }, 'title'],
      [{ title: 'x', dueOn: '2026-13-01' }, 'dueOn'],
      [{ title: 'x', priority: 'urgent' }, 'priority'],
      [{ title: 'x', ownerUserId: '0190a1b2-0000-7000-8000-000000000000' }, 'ownerUserId'],
      [{ title: 'x', colour: 'red' }, 'colour'],
    ] as const) {
      const res = await post(own.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await post(theirs.id, { title: 'x' }, mine.headers)).statusCode).toBe(404);
    expect((await post(own.id, { title: 'x', ownerUserId: org.admin.userId }, mine.headers)).json().details[0].field).toBe('ownerUserId');
    const onTheirs = await makeTask(t.app, h, theirs.id, { title: 'Hidden' });
    const assigned = await makeTask(t.app, h, theirs.id, { title: 'Given to you', ownerUserId: mine.userId });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${onTheirs.id}`, headers: mine.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tasks/${assigned.id}`, headers: mine.headers })).statusCode).toBe(200);
  });

  it('makes a task once per cause, however often the cause fires', async () => {
    const org = await createTestOrg(t);
    const account = await makeAccount(t.app, org.admin.headers);
    const cause = {
      orgId: org.orgId,
      accountId: account.id,
      ownerUserId: org.admin.userId,
      title: 'Call them',
      source: 'playbook',
      sourceKey: 'poor-health:2026-11',
    };
    const first = await t.db.transaction((tx) => t.services.tasks.createForCause(tx, cause));
    const again = await t.db.transaction((tx) => t.services.tasks.createForCause(tx, cause));
    expect(first).toEqual(expect.any(String));
    expect(again).toBeNull();
    expect(await titles(org.admin.headers, '')).toEqual(['Call them']);
  });

  it('feeds my open dated tasks to my calendar at a secret address; a new address ends the old; tampered ones are 404', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Calendar BV' });
    await makeTask(t.app, h, account.id, { title: 'Renewal call, prepare', dueOn: '2026-11-24' });
    await makeTask(t.app, h, account.id, { title: 'No day' });
    const feed = async (url: string) => t.app.inject({ method: 'GET', url: url.replace('http://localhost:3650', '') });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tasks/calendar-feed', headers: h })).json()).toMatchObject({ active: false });
    const made = (await t.app.inject({ method: 'POST', url: '/api/v1/tasks/calendar-feed', headers: h })).json();
    expect(made.url).toMatch(new RegExp(`^http://localhost:3650/api/v1/calendar/${org.orgId}/[A-Za-z0-9_-]{43}\\.ics$`));
    const res = await feed(made.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.body).toContain('BEGIN:VCALENDAR');
    expect(res.body).toContain('DTSTART;VALUE=DATE:20261124');
    expect(res.body).toContain('SUMMARY:Renewal call\\, prepare (Calendar BV)');
    expect(res.body).not.toContain('No day');

    const other = await createTestOrg(t);
    const secret = made.url.split('/').pop() as string;
    const flipped = `${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
    expect((await feed(made.url.replace(secret, flipped))).statusCode).toBe(404);
    expect((await feed(made.url.replace(org.orgId, other.orgId))).statusCode).toBe(404);
    expect((await feed(made.url.replace('.ics', ''))).statusCode).toBe(400);
    const renewed = (await t.app.inject({ method: 'POST', url: '/api/v1/tasks/calendar-feed', headers: h })).json();
    expect((await feed(made.url)).statusCode).toBe(404);
    expect((await feed(renewed.url)).statusCode).toBe(200);
    await t.app.inject({ method: 'DELETE', url: '/api/v1/tasks/calendar-feed', headers: h });
    expect((await feed(renewed.url)).statusCode).toBe(404);
  });
});
