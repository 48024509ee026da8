import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { makeJob, makeOutboxEmail } from './system.factory.ts';
import { linkMasker, MASK, maskLinks } from './system.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

describe('outbox list', () => {
  it('searches, sorts and exports what the list shows', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    // E-mail addresses are unique across organisations, and a PostgreSQL test database outlives the run.
    const s = org.orgId.slice(-8);
    const [bea, cas, abe] = [`bea-${s}@lists.example`, `cas-${s}@lists.example`, `abe-${s}@other.example`];
    // Users invited without a password get an e-mail in the outbox.
    for (const [name, email] of [
      ['Bea', bea],
      ['Cas', cas],
      ['Abe', abe],
    ]) {
      t.clock.advance(60_000);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: h, payload: { email, name, role: 'read_only' } });
      expect(res.statusCode).toBe(201);
    }
    const list = async (query: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/outbox?${query}`, headers: h })).json();

    // Newest first by default, as before.
    expect((await list('')).items.map((e: { to: string }) => e.to)).toEqual([abe, cas, bea]);
    expect((await list('sort=to&order=asc')).items.map((e: { to: string }) => e.to)).toEqual([abe, bea, cas]);
    const found = await list('q=lists.example&sort=to&order=desc');
    expect(found.total).toBe(2);
    expect(found.items.map((e: { to: string }) => e.to)).toEqual([cas, bea]);
    // A % typed into the search is a character, not a wildcard.
    expect((await list('q=%25')).total).toBe(0);

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/outbox/export.csv?q=lists.example&sort=to&order=desc', headers: h });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csvRows(csv.body);
    const to = rows[0]?.indexOf('to') ?? -1;
    expect(rows.slice(1).map((r) => r[to])).toEqual([cas, bea]);

    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?sort=html', headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'sort', code: 'invalid_value' });
  });
});

describe('jobs list', () => {
  it('sorts by name, exports the filtered jobs and refuses the export to roles without job:read', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    for (const name of ['lists.beta', 'lists.alpha', 'lists.gamma']) {
      t.clock.advance(1000);
      await makeJob(t, org.orgId, name, { payload: { n: name } });
    }
    const names = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/jobs?${query}`, headers: h })).json().items.map((j: { name: string }) => j.name);
    expect(await names('')).toEqual(['lists.gamma', 'lists.alpha', 'lists.beta']);
    expect(await names('sort=name&order=asc')).toEqual(['lists.alpha', 'lists.beta', 'lists.gamma']);
    expect(await names('q=AMM&sort=name')).toEqual(['lists.gamma']);

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/jobs/export.csv?name=lists.alpha', headers: h });
    const rows = csvRows(csv.body);
    expect(rows[0]).toEqual([
      'id',
      'name',
      'status',
      'attempts',
      'created_at',
      'run_at',
      'finished_at',
      'progress',
      'result',
      'last_error',
    ]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['lists.alpha']);

    const csm = await org.as('csm');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/jobs/export.csv', headers: csm.headers })).statusCode).toBe(403);
  });
});

describe('sign-in links in the outbox', () => {
  it('are shown to admins with the token masked, in the list and the detail, while the stored e-mail keeps it', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const email = `invitee-${org.orgId.slice(-8)}@links.example`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: h,
      payload: { email, name: 'Ida', role: 'read_only' },
    });
    expect(res.statusCode).toBe(201);
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/outbox?q=${email}`, headers: h })).json();
    expect(list.items).toHaveLength(1);
    const [item] = list.items;
    expect(item.template).toBe('invitation');
    expect(item.text).toContain(`/reset-password?token=${MASK}`);
    const stored = await makeOutboxEmail(t, org.orgId, {
      subject: 'Reset',
      text: 'Open http://localhost:3650/reset-password?token=SECRET-TOKEN-1 to choose a password.',
      html: '<a href="http://localhost:3650/accept-invitation?org=x&amp;token=SECRET-TOKEN-2">Accept</a>',
    });
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/outbox/${stored.id}`, headers: h });
    expect(one.json().text).toBe(`Open http://localhost:3650/reset-password?token=${MASK} to choose a password.`);
    expect(one.json().html).toBe(`<a href="http://localhost:3650/accept-invitation?org=x&amp;token=${MASK}">Accept</a>`);
    for (const url of ['/api/v1/outbox?pageSize=100', `/api/v1/outbox/${stored.id}`, '/api/v1/outbox/export.csv'])
      expect((await t.app.inject({ method: 'GET', url, headers: h })).body, url).not.toContain('SECRET-TOKEN');
  });

  it('masks every token parameter of a link and leaves other text alone', () => {
    expect(maskLinks('a https://x.example/p?token=abc&next=%2F b')).toBe(`a https://x.example/p?token=${MASK}&next=%2F b`);
    expect(maskLinks('https://x.example/p?a=1&token=abc\nhttps://x.example/q?token=def')).toBe(
      `https://x.example/p?a=1&token=${MASK}\nhttps://x.example/q?token=${MASK}`,
    );
    expect(maskLinks('the token= word and ?tokens=1 stay')).toBe('the token= word and ?tokens=1 stay');
    // A module's customer links whose path carries the credential (a quote's `/q/<token>`).
    const mask = linkMasker(['/q/', '/unsubscribe/']);
    expect(mask('Open https://x.example/q/AbC-12_x?utm=1.\n<a href="http://h/base/unsubscribe/t0k.en">Stop</a>')).toBe(
      `Open https://x.example/q/${MASK}?utm=1.\n<a href="http://h/base/unsubscribe/${MASK}">Stop</a>`,
    );
    expect(mask('https://x.example/quotes/123 and the /q/ word and https://x.example/q/')).toBe(
      'https://x.example/quotes/123 and the /q/ word and https://x.example/q/',
    );
  });
});

describe('jobs of e-mail delivery', () => {
  it("are listed with their own organisation's e-mail only", async () => {
    const a = await createTestOrg(t);
    const b = await createTestOrg(t);
    const mail = await makeOutboxEmail(t, a.orgId);
    const jobsOf = async (headers: Record<string, string>) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/jobs?name=deliver-email', headers })).json().items;
    expect(await jobsOf(a.admin.headers)).toMatchObject([{ emailId: mail.id, status: 'queued', attempts: 0 }]);
    expect(await jobsOf(b.admin.headers)).toEqual([]);
  });
});
