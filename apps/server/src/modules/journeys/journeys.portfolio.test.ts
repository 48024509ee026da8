import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeJourney } from './journeys.factory.ts';
import type { TJourney } from './journeys.schemas.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const send = (h: H, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => t.app.inject({ method, url, headers: h, payload });
const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as TJourney & Record<string, unknown>;
};

describe('journeys: checklists, logs and the portfolio', () => {
  it('ticks outcomes (the last one completes the milestone), logs challenges and issues with owner and state, and lists the portfolio', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const csm = await org.as('csm', { name: 'Casey CSM' });
    const late = await makeAccount(t.app, h, { name: 'Late Ltd', ownerUserId: csm.userId });
    const fresh = await makeAccount(t.app, h, { name: 'Fresh BV' });
    const lateJourney = await makeJourney(t.app, h, late.id, { startedOn: '2026-10-01' }); // set-up due 10-07, active 10-28
    await makeJourney(t.app, h, fresh.id, { startedOn: '2026-11-20' });

    const [setup] = lateJourney.milestones;
    if (!setup) throw new Error('no milestone');
    expect(setup.status).toBe('late');
    for (const [i, item] of setup.checklist.entries()) {
      const after = await ok(send(csm.headers, 'PATCH', `/api/v1/journey-checklist-items/${item.id}`, { done: true }));
      const m = after.milestones[0];
      expect(m?.checklist.filter((c) => c.done)).toHaveLength(i + 1);
      expect(m?.status).toBe(i === 2 ? 'done' : 'late');
    }
    const ticked = await ok(send(h, 'GET', `/api/v1/journeys/${lateJourney.id}`));
    expect(ticked.milestones[0]).toMatchObject({
      status: 'done',
      completedByName: 'Casey CSM',
      checklist: [{ doneByName: 'Casey CSM' }, {}, {}],
    });

    const challenge = await ok(
      send(csm.headers, 'POST', `/api/v1/journey-milestones/${setup.id}/log`, { kind: 'challenge', body: 'Subdomain takes time' }),
      201,
    );
    expect(challenge).toMatchObject({ kind: 'challenge', ownerName: 'Casey CSM', state: 'open', resolvedAt: null });
    const issue = await ok(
      send(h, 'POST', `/api/v1/journey-milestones/${setup.id}/log`, {
        kind: 'issue',
        body: 'Blog migration is slow',
        ownerUserId: csm.userId,
      }),
      201,
    );
    const resolved = await ok(send(h, 'PATCH', `/api/v1/journey-log-entries/${issue.id}`, { state: 'resolved' }));
    expect(resolved.milestones[0]?.logs).toMatchObject([
      { kind: 'challenge', state: 'open' },
      { kind: 'issue', state: 'resolved', ownerName: 'Casey CSM', resolvedAt: '2026-11-21T09:00:00.000Z' },
    ]);
    // Completing by hand, and opening again.
    const active = lateJourney.milestones[1];
    expect((await ok(send(h, 'PATCH', `/api/v1/journey-milestones/${active?.id}`, { done: true }))).milestones[1]?.status).toBe('done');
    expect((await ok(send(h, 'PATCH', `/api/v1/journey-milestones/${active?.id}`, { done: false }))).milestones[1]?.status).toBe('late');

    const list = async (query: string, headers = h) =>
      (await ok(send(headers, 'GET', `/api/v1/journeys?${query}`))) as unknown as {
        total: number;
        summary: { late: number; onTrack: number; done: number };
        items: {
          accountName: string;
          currentMilestoneKey: string;
          daysLate: number;
          checklistDone: number;
          openChallenges: number;
          openIssues: number;
        }[];
      };
    const all = await list('');
    expect(all.total).toBe(2);
    expect(all.summary).toEqual({ late: 1, onTrack: 1, done: 0 });
    expect(all.items).toMatchObject([
      { accountName: 'Late Ltd', currentMilestoneKey: 'active', daysLate: 24, checklistDone: 3, openChallenges: 1, openIssues: 0 },
      { accountName: 'Fresh BV', currentMilestoneKey: 'technical_setup', daysLate: 0 },
    ]);
    expect((await list('sort=account&order=asc')).items.map((i) => i.accountName)).toEqual(['Fresh BV', 'Late Ltd']);
    expect((await list('lateness=on_track')).items.map((i) => i.accountName)).toEqual(['Fresh BV']);
    expect((await list('milestone=active')).items.map((i) => i.accountName)).toEqual(['Late Ltd']);
    expect((await list('q=fresh')).items.map((i) => i.accountName)).toEqual(['Fresh BV']);
    expect((await list(`ownerUserId=${csm.userId}`)).items.map((i) => i.accountName)).toEqual(['Late Ltd']);
    expect((await list('pageSize=1&page=2')).items.map((i) => i.accountName)).toEqual(['Fresh BV']);
    const limited = await org.as('csm', { ownAccountsOnly: true });
    expect((await list('', limited.headers)).total).toBe(0);

    const csv = await send(h, 'GET', '/api/v1/journeys/export.csv?sort=account&order=asc');
    expect(csv.statusCode).toBe(200);
    const rows = csvRows(csv.body);
    expect(rows[0]?.slice(0, 3)).toEqual(['account', 'owner', 'journey']);
    expect(rows.slice(1).map((r) => [r[0], r[6], r[8]])).toEqual([
      ['Fresh BV', 'Technical set-up', 'on_track'],
      ['Late Ltd', 'Active', 'late'],
    ]);
  });

  it('keeps organisations apart, hides other owners’ accounts from a limited user, and names the bad field', async () => {
    const org = await createTestOrg(t);
    const other = await createTestOrg(t);
    const h = org.admin.headers;
    const theirs = await makeJourney(t.app, other.admin.headers, (await makeAccount(t.app, other.admin.headers)).id);
    const m = theirs.milestones[0];
    expect((await send(h, 'GET', `/api/v1/journeys/${theirs.id}`)).statusCode).toBe(404);
    expect((await send(h, 'PATCH', `/api/v1/journey-milestones/${m?.id}`, { done: true })).statusCode).toBe(404);
    expect((await send(h, 'PATCH', `/api/v1/journey-checklist-items/${m?.checklist[0]?.id}`, { done: true })).statusCode).toBe(404);
    expect((await send(h, 'POST', `/api/v1/journey-milestones/${m?.id}/log`, { kind: 'issue', body: 'x' })).statusCode).toBe(404);
    expect((await send(h, 'GET', `/api/v1/journey-templates/${theirs.templateId}`)).statusCode).toBe(404);
    expect((await send(other.admin.headers, 'GET', `/api/v1/journeys/${theirs.id}`)).json().milestones[0].status).toBe('on_track');

    const limited = await org.as('csm', { ownAccountsOnly: true });
    const notMine = await makeJourney(t.app, h, (await makeAccount(t.app, h)).id);
    expect((await send(limited.headers, 'GET', `/api/v1/journeys/${notMine.id}`)).statusCode).toBe(404);

    const account = await makeAccount(t.app, h);
    const field = async (method: 'POST' | 'PATCH', url: string, payload: object) => {
      const res = await send(h, method, url, payload);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().details.map((d: { field: string }) => d.field);
    };
    expect(await field('POST', `/api/v1/accounts/${account.id}/journeys`, { templateId: theirs.templateId })).toEqual(['templateId']);
    expect(await field('POST', `/api/v1/accounts/${account.id}/journeys`, { startedOn: '2026-13-01' })).toContain('startedOn');
    const mine = await makeJourney(t.app, h, account.id);
    const first = mine.milestones[0];
    expect(await field('POST', `/api/v1/journey-milestones/${first?.id}/log`, { kind: 'worry', body: 'x' })).toContain('kind');
    expect(await field('POST', `/api/v1/journey-milestones/${first?.id}/log`, { kind: 'issue', body: '  ' })).toContain('body');
    const foreignOwner = { kind: 'issue', body: 'x', ownerUserId: other.admin.userId };
    expect(await field('POST', `/api/v1/journey-milestones/${first?.id}/log`, foreignOwner)).toEqual(['ownerUserId']);
    expect(await field('PATCH', `/api/v1/journey-milestones/${first?.id}`, { done: 'yes' })).toContain('done');
    expect(await field('PATCH', `/api/v1/journey-checklist-items/${first?.checklist[0]?.id}`, { done: null })).toContain('done');
    // Stopped: history, like a replaced one; stopping it again changes nothing, and changing it is refused.
    const other2 = await makeAccount(t.app, h);
    const stopped = await makeJourney(t.app, h, other2.id);
    const stop = await send(h, 'PATCH', `/api/v1/journeys/${stopped.id}`, { status: 'stopped' });
    expect(stop.json()).toMatchObject({ status: 'stopped' });
    expect(stop.json().endedAt).toBe('2026-11-21T09:00:00.000Z');
    expect((await send(h, 'PATCH', `/api/v1/journeys/${stopped.id}`, { status: 'stopped' })).statusCode).toBe(200);
    expect(await field('PATCH', `/api/v1/journey-checklist-items/${stopped.milestones[0]?.checklist[0]?.id}`, { done: true })).toEqual([
      'journey',
    ]);
    expect(await field('PATCH', `/api/v1/journeys/${stopped.id}`, { status: 'paused' })).toContain('status');
    // A replaced journey is history: changing it is refused.
    await makeJourney(t.app, h, account.id);
    expect(await field('PATCH', `/api/v1/journey-milestones/${first?.id}`, { done: true })).toEqual(['journey']);
  });
});
