import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, signIn, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makeSupportRequest } from './support.factory.ts';
import { replySubject, withoutQuotedHistory } from './support.mail.ts';
import { supportMeasureProvider } from './support.provider.ts';
import type { TSupportRequest } from './support.schemas.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp(); // 2026-11-21T09:00:00Z
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const inbox = async (h: H, query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/support/requests?${query}`, headers: h });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as TSupportRequest[];
};
const patch = (h: H, id: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/support/requests/${id}`, headers: h, payload });
const post = (h: H, id: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/support/requests/${id}/messages`, headers: h, payload });

describe('support requests', () => {
  it('keeps the e-mail helpers honest: reply subjects do not pile up, quoted history is cut', () => {
    expect(replySubject('Re: RE: Export fails [#1042]', 1042)).toBe('Re: Export fails [#1042]');
    expect(withoutQuotedHistory('Works now, thanks!\n\nOn Mon, 2 Nov 2026, Ava wrote:\n> Could you try again?')).toBe('Works now, thanks!');
    expect(withoutQuotedHistory('> only a quote')).toBe('> only a quote');
  });

  it('logs a request by hand, assigns it, answers it, and puts it on the account timeline and the inbox', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const advocate = await org.as('customer_advocate', { name: 'Ava Advocate' });
    const account = await makeAccount(t.app, h, { name: 'Helpdesk BV' });
    const contact = await makeContact(t.app, h, account.id, { firstName: 'Henk', lastName: 'de Boer', email: 'henk@helpdesk.example' });
    const made = await makeSupportRequest(t.app, advocate.headers, account.id, {
      subject: 'Export fails',
      contactId: contact.id,
      priority: 'high',
    });
    expect(made).toMatchObject({
      number: 1001,
      status: 'new',
      channel: 'manual',
      accountName: 'Helpdesk BV',
      contactName: 'Henk de Boer',
      requesterEmail: 'henk@helpdesk.example',
      assigneeName: null,
      messageCount: 1,
    });
    expect(made.sla).toMatchObject({ firstResponseDueAt: '2026-11-21T13:00:00.000Z', breached: false, minutesLeft: 240 });
    const second = await makeSupportRequest(t.app, h, account.id, { subject: 'Second one', priority: 'low' });
    expect(second.number).toBe(1002);

    const assigned = await patch(advocate.headers, made.id, { assigneeUserId: advocate.userId });
    expect(assigned.json()).toMatchObject({ assigneeName: 'Ava Advocate' });
    const replied = await post(advocate.headers, made.id, { body: 'Try the CSV export meanwhile.' });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json()).toMatchObject({ status: 'waiting', firstRespondedAt: '2026-11-21T09:00:00.000Z', messageCount: 2 });
    expect(replied.json().messages.map((x: { direction: string }) => x.direction)).toEqual(['note', 'outbound']);
    expect(replied.json().messages[1]).toMatchObject({
      authorName: 'Ava Advocate',
      toAddress: 'henk@helpdesk.example',
      delivery: 'pending',
    });
    const solved = await patch(advocate.headers, made.id, { status: 'solved' });
    expect(solved.json()).toMatchObject({
      status: 'solved',
      solvedAt: '2026-11-21T09:00:00.000Z',
      sla: { nextDueAt: null, breached: false },
    });

    const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/timeline?kind=support_request`, headers: h });
    expect(timeline.json().items.map((x: { subject: string; data: { status: string } }) => [x.subject, x.data.status])).toEqual(
      expect.arrayContaining([
        ['#1001 Export fails', 'solved'],
        ['#1002 Second one', 'new'],
      ]),
    );
    const tab = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/support-requests?status=active`, headers: h });
    expect(tab.json().items.map((x: TSupportRequest) => x.number)).toEqual([1002]);

    expect((await inbox(h, 'status=active')).map((x) => x.number)).toEqual([1002]);
    expect((await inbox(h, 'sort=number&order=desc')).map((x) => x.number)).toEqual([1002, 1001]);
    expect((await inbox(advocate.headers, 'assignee=me')).map((x) => x.number)).toEqual([1001]);
    expect((await inbox(h, 'assignee=none')).map((x) => x.number)).toEqual([1002]);
    expect((await inbox(h, 'priority=high,urgent')).map((x) => x.number)).toEqual([1001]);
    expect((await inbox(h, 'q=%231002')).map((x) => x.subject)).toEqual(['Second one']);
    expect((await inbox(h, 'q=helpdesk&sort=subject')).map((x) => x.number)).toEqual([1001, 1002]);
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/support/requests/export.csv?sort=number', headers: h });
    const rows = csvRows(csv.body);
    expect(rows[0]).toEqual(expect.arrayContaining(['number', 'subject', 'status', 'priority', 'account', 'assignee', 'breached']));
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ['1001', 'solved'],
      ['1002', 'new'],
    ]);

    // For playbooks: the open requests of an account.
    const open = await t.services.support.openRequestsOfAccounts(t.db, org.orgId, [account.id]);
    expect(open.map((x) => x.number)).toEqual([1002]);
  });

  it('computes SLA time left and breaches on the clock; new targets apply to open requests', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Clockwork' });
    const normal = await makeSupportRequest(t.app, h, account.id, { subject: 'Normal' }); // 8 h to answer, 3 days to solve
    const urgent = await makeSupportRequest(t.app, h, account.id, { subject: 'Urgent', priority: 'urgent' }); // 1 h, 8 h
    expect(normal.sla).toMatchObject({ minutesLeft: 480, breached: false, resolutionDueAt: '2026-11-24T09:00:00.000Z' });
    try {
      t.clock.set('2026-11-21T10:30:00Z');
      expect((await inbox(h, 'breached=true')).map((x) => x.subject)).toEqual(['Urgent']);
      const within = await inbox(h, 'breached=false');
      expect(within.map((x) => [x.subject, x.sla.minutesLeft])).toEqual([['Normal', 390]]);
      expect((await inbox(h, 'sort=due')).map((x) => x.subject)).toEqual(['Urgent', 'Normal']);
      const late = (await inbox(h, 'breached=true'))[0];
      expect(late?.sla).toMatchObject({ firstResponseBreached: true, resolutionBreached: false, minutesLeft: -30 });

      // A note is no first response (only a reply to the customer is): the clock keeps running.
      t.clock.set('2026-11-21T16:00:00Z');
      const noted = await post(h, normal.id, { body: 'Looking into it', kind: 'note' });
      expect(noted.json()).toMatchObject({ status: 'open', firstRespondedAt: null, sla: { breached: false, minutesLeft: 60 } });
      const urgentNow = (await t.app.inject({ method: 'GET', url: `/api/v1/support/requests/${urgent.id}`, headers: h })).json();
      expect(urgentNow.sla).toMatchObject({ firstResponseBreached: true, resolutionBreached: false });
      t.clock.set('2026-11-21T17:30:00Z');
      const fresh = await signIn(t, org.admin.email);
      expect((await inbox(fresh.headers, 'breached=true')).map((x) => [x.subject, x.sla.resolutionBreached])).toEqual([
        ['Urgent', true],
        ['Normal', false],
      ]);

      // Looser targets for urgent requests: the open one is within them again.
      const targets = {
        low: { firstResponseMinutes: 1440, resolutionMinutes: 10080 },
        normal: { firstResponseMinutes: 600, resolutionMinutes: 4320 },
        high: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
        urgent: { firstResponseMinutes: 720, resolutionMinutes: 1440 },
      };
      const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/support/settings', headers: fresh.headers, payload: { targets } });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ targets, isDefault: false, inboundAddress: null });
      expect(await inbox(fresh.headers, 'breached=true')).toEqual([]);
      const bad = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/support/settings',
        headers: fresh.headers,
        payload: { targets: { ...targets, high: { firstResponseMinutes: 2000, resolutionMinutes: 60 } } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0].field).toBe('targets.high.firstResponseMinutes');
    } finally {
      t.clock.set('2026-11-21T09:00:00Z');
    }
  });

  it('refuses bad input naming the field; other organisations and CSMs limited to their accounts see nothing', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Mine' });
    const other = await makeAccount(t.app, h, { name: 'Other' });
    const foreignContact = await makeContact(t.app, h, other.id, { firstName: 'Olga', email: 'olga@other.example' });
    const create = (payload: object, headers = h) => t.app.inject({ method: 'POST', url: '/api/v1/support/requests', headers, payload });
    for (const [payload, field] of [
      [{ accountId: account.id, subject: '', body: 'x' }, 'subject'],
      [{ accountId: account.id, subject: 'x' }, 'body'],
      [{ accountId: account.id, subject: 'x', body: 'x', priority: 'critical' }, 'priority'],
      [{ accountId: 'nope', subject: 'x', body: 'x' }, 'accountId'],
      [{ accountId: account.id, subject: 'x', body: 'x', contactId: foreignContact.id }, 'contactId'],
      [{ accountId: account.id, subject: 'x', body: 'x', assigneeUserId: '0190a1b2-0000-7000-8000-000000000000' }, 'assigneeUserId'],
      [{ accountId: account.id, subject: 'x', body: 'x', colour: 'red' }, 'colour'],
    ] as const) {
      const res = await create(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const made = await makeSupportRequest(t.app, h, account.id, { subject: 'Ours' });
    expect((await patch(h, made.id, { status: 'pending' })).json().details[0].field).toBe('status');
    const noAddress = await post(h, made.id, { body: 'Hello' });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().details[0].field).toBe('body');
    await patch(h, made.id, { status: 'closed' });
    expect((await post(h, made.id, { body: 'x', kind: 'note' })).json().details[0].field).toBe('status');

    // Another organisation: 404 on the request, nothing in its inbox, its account ids refused.
    const stranger = await createTestOrg(t);
    const sh = stranger.admin.headers;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/support/requests/${made.id}`, headers: sh })).statusCode).toBe(404);
    expect((await patch(sh, made.id, { status: 'open' })).statusCode).toBe(404);
    expect(await inbox(sh)).toEqual([]);
    expect((await create({ accountId: account.id, subject: 'x', body: 'x' }, sh)).statusCode).toBe(404);

    // A CSM limited to their own accounts: their accounts' requests only; reading is all they may do.
    const csm = await org.as('csm', { ownAccountsOnly: true });
    const theirs = await makeAccount(t.app, h, { name: 'Theirs', ownerUserId: csm.userId });
    await makeSupportRequest(t.app, h, theirs.id, { subject: 'On their account' });
    expect((await inbox(csm.headers, 'status=new,closed')).map((x) => x.subject)).toEqual(['On their account']);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/support/requests/${made.id}`, headers: csm.headers })).statusCode).toBe(404);
    expect((await create({ accountId: theirs.id, subject: 'x', body: 'x' }, csm.headers)).statusCode).toBe(403);
  });

  it('feeds health the open requests of each account as of its day', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const busy = await makeAccount(t.app, h, { name: 'Busy' });
    const quiet = await makeAccount(t.app, h, { name: 'Quiet' });
    await makeSupportRequest(t.app, h, busy.id, { subject: 'One' });
    const solved = await makeSupportRequest(t.app, h, busy.id, { subject: 'Two' });
    await patch(h, solved.id, { status: 'solved' });
    const read = async (asOf: string) =>
      (
        await supportMeasureProvider.read(t.db, { orgId: org.orgId, accountIds: [busy.id, quiet.id], asOf: [asOf, asOf] }, [
          'support.open_requests',
        ])
      ).get('support.open_requests');
    expect([...((await read('2026-11-21')) ?? [])].map(([id, r]) => [id, r.value])).toEqual(
      expect.arrayContaining([
        [busy.id, 1],
        [quiet.id, 0],
      ]),
    );
    // The day before they arrived: none open.
    expect((await read('2026-11-20'))?.get(busy.id)?.value).toBe(0);
  });
});
