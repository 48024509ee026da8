/**
 * Nurture programmes end to end: with two app instances (two workers) running the sending run on every simulated
 * day, each step reaches each contact once on its day, over real SMTP, in the contact's language, with the RFC 8058
 * unsubscribe headers and link; the one-click POST and the page's form both unsubscribe (later steps stop, the
 * account's timeline says so); a tampered link answers 404; the allowance spreads a large programme over windows.
 */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, runJobs, signIn, type TestApp } from '../../../test/harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makeNurtureProgramme } from './nurture.factory.ts';

let scratch: ScratchDatabase;
let smtp: SmtpSink;
let a: TestApp;
let b: TestApp;
const START = Date.parse('2027-03-01T10:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  smtp = await startSmtpSink();
  a = await buildTestApp({ database: scratch.database, smtpUrl: smtp.url, now: new Date(START).toISOString() });
  b = await buildTestApp({ database: await scratch.openAnother(), smtpUrl: smtp.url, now: new Date(START).toISOString() });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await scratch?.close();
  await smtp?.close();
});

const setBoth = (ms: number) => {
  a.clock.set(new Date(ms));
  b.clock.set(new Date(ms));
};
/** Both workers run the sending run at once, then deliver the outbox. */
async function sendingRun(orgId: string) {
  await Promise.all([
    a.services.nurtureSender.sendDue(orgId),
    b.services.nurtureSender.sendDue(orgId),
    a.services.nurtureSender.sendDue(orgId),
  ]);
  for (let i = 0; i < 100; i++) {
    const [x, y] = await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
    if (x + y === 0) break;
  }
}
/** A header as it came over the wire (mailparser folds the List-* headers into one structure). */
const header = (m: ParsedMail, name: string) =>
  (m.headerLines.find((x) => x.key === name)?.line ?? '').replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '');
const linkIn = (m: ParsedMail) => /http:\/\/localhost:3650(\/unsubscribe\/\S+)/.exec(m.text ?? '')?.[1] ?? '';
const l = (en: string, nl: string, da: string) => ({ en, nl, da });

describe('a running nurture programme', () => {
  it('sends each step on its day once, in the contact’s language, and stops after an unsubscribe', async () => {
    setBoth(START);
    const org = await createTestOrg(a);
    let h = org.admin.headers;
    const inAudience = await makeAccount(a.app, h, { name: 'Smallco', segment: 'smb' });
    const outside = await makeAccount(a.app, h, { name: 'Bigco', segment: 'enterprise' });
    const tag = org.orgId.slice(-8);
    const mk = (first: string, language: 'en' | 'nl' | 'da' | null, accountId = inAudience.id) =>
      makeContact(a.app, h, accountId, {
        firstName: first,
        email: `${first.toLowerCase()}-${tag}@customer.example`,
        language: language ?? undefined,
      });
    const ann = await mk('Ann', 'en');
    const nel = await mk('Nel', 'nl');
    const dag = await mk('Dag', 'da');
    const pat = await mk('Pat', null);
    const bo = await mk('Bo', 'en', outside.id);
    await makeContact(a.app, h, inAudience.id, { firstName: 'Nomail' }); // no address: never enrolled

    const marketing = await org.as('marketing');
    const p = await makeNurtureProgramme(a.app, marketing.headers, {
      name: 'Tips',
      audience: { segment: 'smb', edition: null, marketId: null, lifecycleStage: null, contactRole: null },
      steps: [
        {
          weekOffset: 1,
          subject: l('Week one, {firstName}', 'Week een, {firstName}', 'Uge et, {firstName}'),
          body: l('Hello {firstName} at {accountName}', 'Hallo {firstName} bij {accountName}', 'Hej {firstName} hos {accountName}'),
        },
        { weekOffset: 4, subject: l('Week four', 'Week vier', 'Uge fire'), body: l('Later', 'Later', 'Senere') },
      ],
    });
    expect(p.status).toBe('draft');
    const start = await a.app.inject({
      method: 'PATCH',
      url: `/api/v1/nurture/programmes/${p.id}`,
      headers: marketing.headers,
      payload: { status: 'running' },
    });
    expect(start.statusCode).toBe(200);
    expect(start.json().figures.enrolled).toBe(4);

    const byDay = new Map<number, ParsedMail[]>();
    for (let day = 0; day <= 35; day++) {
      setBoth(START + day * DAY);
      const before = smtp.inbox.length;
      await sendingRun(org.orgId);
      const got = smtp.inbox.slice(before).filter((m) => (m.text ?? '').includes('Smallco') || /Week|Uge/.test(m.subject ?? ''));
      if (got.length) byDay.set(day, got);
      if (day === 8) {
        // Ann's mail client unsubscribes with one click (RFC 8058); Nel opens the page and presses its button.
        const annMail = byDay.get(7)?.find((m) => m.to && JSON.stringify(m.to).includes(ann.email ?? '-'));
        if (!annMail) throw new Error('no mail for Ann');
        const annLink = linkIn(annMail);
        expect(header(annMail, 'list-unsubscribe')).toContain(annLink);
        expect(header(annMail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
        const oneClick = await a.app.inject({
          method: 'POST',
          url: annLink,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'List-Unsubscribe=One-Click',
        });
        expect(oneClick.statusCode).toBe(200);
        const nelMail = byDay.get(7)?.find((m) => JSON.stringify(m.to).includes(nel.email ?? '-'));
        const nelLink = linkIn(nelMail as ParsedMail);
        const page = await a.app.inject({ method: 'GET', url: nelLink });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Afmelden');
        expect(page.body).toContain('<form method="post">');
        const confirmed = await a.app.inject({
          method: 'POST',
          url: nelLink,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'List-Unsubscribe=One-Click',
        });
        expect(confirmed.statusCode).toBe(200);
        expect(confirmed.body).toContain('U bent afgemeld');
        // A tampered link (one character of the signature, or another contact's id) is not ours.
        const sig = nelLink.slice(-1) === 'A' ? 'B' : 'A';
        expect((await a.app.inject({ method: 'GET', url: `${nelLink.slice(0, -1)}${sig}` })).statusCode).toBe(404);
        expect((await a.app.inject({ method: 'POST', url: nelLink.replace(nel.id, dag.id) })).statusCode).toBe(404);
        expect((await a.app.inject({ method: 'GET', url: '/unsubscribe/nonsense' })).statusCode).toBe(404);
      }
    }
    // Step one on day 7 to all four, step two on day 28 to the two still subscribed; nothing else, nothing twice.
    expect([...byDay.keys()]).toEqual([7, 28]);
    const first = byDay.get(7) ?? [];
    expect(first).toHaveLength(4);
    const subjectFor = (c: { email: string | null }, ms: ParsedMail[]) =>
      ms.find((m) => JSON.stringify(m.to).includes(c.email ?? '-'))?.subject;
    expect(subjectFor(ann, first)).toBe('Week one, Ann');
    expect(subjectFor(nel, first)).toBe('Week een, Nel');
    expect(subjectFor(dag, first)).toBe('Uge et, Dag');
    expect(subjectFor(pat, first)).toBe('Week one, Pat'); // no language: the organisation's (English)
    expect(first.find((m) => m.subject === 'Uge et, Dag')?.text).toContain('Afmeld med ét klik');
    expect(
      byDay
        .get(28)
        ?.map((m) => m.subject)
        .sort(),
    ).toEqual(['Uge fire', 'Week four']);
    expect(first.some((m) => JSON.stringify(m.to).includes(bo.email ?? '-'))).toBe(false);

    // The figures, each contact's progress, the contact's flag and the account's timeline (signed in again: a month went by).
    h = (await signIn(a, org.admin.email)).headers;
    const got = (await a.app.inject({ method: 'GET', url: `/api/v1/nurture/programmes/${p.id}`, headers: h })).json();
    expect(got.figures).toMatchObject({ enrolled: 4, sent: 6, unsubscribed: 2 });
    const progress = (
      await a.app.inject({ method: 'GET', url: `/api/v1/nurture/programmes/${p.id}/contacts?sort=name&order=asc`, headers: h })
    ).json();
    expect(progress.items.map((c: { name: string; state: string; stepsSent: number }) => [c.name, c.state, c.stepsSent])).toEqual([
      ['Ann Jansen', 'unsubscribed', 1],
      ['Dag Jansen', 'completed', 2],
      ['Nel Jansen', 'unsubscribed', 1],
      ['Pat Jansen', 'completed', 2],
    ]);
    expect(progress.items[1].sends.map((s: { delivery: string }) => s.delivery)).toEqual(['sent', 'sent']);
    const unsubscribedOnly = (
      await a.app.inject({ method: 'GET', url: `/api/v1/nurture/programmes/${p.id}/contacts?state=unsubscribed`, headers: h })
    ).json();
    expect(unsubscribedOnly.total).toBe(2);
    const csv = await a.app.inject({ method: 'GET', url: `/api/v1/nurture/programmes/${p.id}/contacts/export.csv`, headers: h });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Dag Jansen');
    const annNurture = (await a.app.inject({ method: 'GET', url: `/api/v1/contacts/${ann.id}/nurture`, headers: h })).json();
    expect(annNurture.unsubscribedAt).not.toBeNull();
    expect(annNurture.programmes[0]).toMatchObject({ name: 'Tips', stepsSent: 1, stepsTotal: 2 });
    const timeline = (
      await a.app.inject({ method: 'GET', url: `/api/v1/accounts/${inAudience.id}/timeline?kind=nurture`, headers: h })
    ).json();
    expect(timeline.items.map((i: { subject: string }) => i.subject).sort()).toEqual([
      'Ann Jansen unsubscribed from nurture e-mail (Tips)',
      'Nel Jansen unsubscribed from nurture e-mail (Tips)',
    ]);

    // An account that moves into the audience has its contacts join (account.updated), from that day.
    const moved = await a.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${outside.id}`,
      headers: h,
      payload: { segment: 'smb' },
    });
    expect(moved.statusCode).toBe(200);
    await runJobs(a);
    const after = (await a.app.inject({ method: 'GET', url: `/api/v1/nurture/programmes/${p.id}`, headers: h })).json();
    expect(after.figures.enrolled).toBe(5);
  }, 180_000);

  it('spreads 50 contacts over the allowance’s windows', async () => {
    const t0 = START + 60 * DAY;
    setBoth(t0);
    const org = await createTestOrg(a);
    const h = org.admin.headers;
    const put = await a.app.inject({
      method: 'PUT',
      url: '/api/v1/nurture/settings',
      headers: h,
      payload: { maxPerWindow: 10, window: 'hour' },
    });
    expect(put.statusCode).toBe(200);
    const tag = org.orgId.slice(-8);
    for (let i = 0; i < 10; i++) {
      const acc = await makeAccount(a.app, h, { name: `Bulk ${i}`, segment: 'mid_market' });
      for (let j = 0; j < 5; j++) await makeContact(a.app, h, acc.id, { firstName: `P${i}x${j}`, email: `p${i}x${j}-${tag}@bulk.example` });
    }
    const p = await makeNurtureProgramme(a.app, h, {
      audience: { segment: 'mid_market', edition: null, marketId: null, lifecycleStage: null, contactRole: null },
      steps: [{ weekOffset: 0, subject: l('Hello', 'Hallo', 'Hej'), body: l('Hi {firstName}', 'Hoi {firstName}', 'Hej {firstName}') }],
    });
    await a.app.inject({ method: 'PATCH', url: `/api/v1/nurture/programmes/${p.id}`, headers: h, payload: { status: 'running' } });
    const perHour: number[] = [];
    // Every ten minutes for six hours, both workers.
    for (let m = 0; m < 6 * 60; m += 10) {
      setBoth(t0 + m * 60_000);
      const [x, y] = await Promise.all([a.services.nurtureSender.sendDue(org.orgId), b.services.nurtureSender.sendDue(org.orgId)]);
      const hour = Math.floor(m / 60);
      perHour[hour] = (perHour[hour] ?? 0) + x.sent + y.sent;
    }
    expect(perHour).toEqual([10, 10, 10, 10, 10, 0]);

    // Per minute: 20 a minute takes three windows.
    const q = await createTestOrg(a);
    await a.app.inject({
      method: 'PUT',
      url: '/api/v1/nurture/settings',
      headers: q.admin.headers,
      payload: { maxPerWindow: 20, window: 'minute' },
    });
    const acc = await makeAccount(a.app, q.admin.headers, { name: 'Minute Ltd' });
    for (let j = 0; j < 50; j++)
      await makeContact(a.app, q.admin.headers, acc.id, { firstName: `M${j}`, email: `m${j}-${tag}@minute.example` });
    const p2 = await makeNurtureProgramme(a.app, q.admin.headers, {
      steps: [{ weekOffset: 0, subject: l('A', 'B', 'C'), body: l('a', 'b', 'c') }],
    });
    await a.app.inject({
      method: 'PATCH',
      url: `/api/v1/nurture/programmes/${p2.id}`,
      headers: q.admin.headers,
      payload: { status: 'running' },
    });
    const perMinute: number[] = [];
    for (let s = 0; s < 4 * 60; s += 20) {
      setBoth(t0 + 7 * 3_600_000 + s * 1000);
      const [x, y] = await Promise.all([a.services.nurtureSender.sendDue(q.orgId), b.services.nurtureSender.sendDue(q.orgId)]);
      const minute = Math.floor(s / 60);
      perMinute[minute] = (perMinute[minute] ?? 0) + x.sent + y.sent;
    }
    expect(perMinute).toEqual([20, 20, 10, 0]);
  }, 300_000);
});

describe('nurture access', () => {
  it('keeps each organisation’s programmes to itself, checks roles and input', async () => {
    setBoth(START);
    const one = await createTestOrg(a);
    const two = await createTestOrg(a);
    const list = (await a.app.inject({ method: 'GET', url: '/api/v1/nurture/programmes', headers: one.admin.headers })).json();
    // Every organisation starts with the "Onboarding tips" draft: weeks 1, 4 and 8.
    const preset = list.items.find((p: { isDefault: boolean }) => p.isDefault);
    expect(preset).toMatchObject({ name: 'Onboarding tips', status: 'draft' });
    expect(preset.steps.map((s: { weekOffset: number }) => s.weekOffset)).toEqual([1, 4, 8]);
    const mine = await makeNurtureProgramme(a.app, one.admin.headers, { name: 'Private' });
    expect(
      (await a.app.inject({ method: 'GET', url: `/api/v1/nurture/programmes/${mine.id}`, headers: two.admin.headers })).statusCode,
    ).toBe(404);
    expect(
      (
        await a.app.inject({
          method: 'PATCH',
          url: `/api/v1/nurture/programmes/${mine.id}`,
          headers: two.admin.headers,
          payload: { status: 'running' },
        })
      ).statusCode,
    ).toBe(404);
    const theirs = (await a.app.inject({ method: 'GET', url: '/api/v1/nurture/programmes', headers: two.admin.headers })).json();
    expect(theirs.items.map((p: { name: string }) => p.name)).not.toContain('Private');

    const csm = await one.as('csm');
    expect((await a.app.inject({ method: 'GET', url: `/api/v1/nurture/programmes/${mine.id}`, headers: csm.headers })).statusCode).toBe(
      200,
    );
    expect(
      (
        await a.app.inject({
          method: 'PATCH',
          url: `/api/v1/nurture/programmes/${mine.id}`,
          headers: csm.headers,
          payload: { status: 'running' },
        })
      ).statusCode,
    ).toBe(403);
    const product = await one.as('product');
    expect((await a.app.inject({ method: 'GET', url: '/api/v1/nurture/programmes', headers: product.headers })).statusCode).toBe(403);

    const bad = await a.app.inject({
      method: 'POST',
      url: '/api/v1/nurture/programmes',
      headers: one.admin.headers,
      payload: { name: 'Bad', audience: {}, steps: [{ weekOffset: 1, subject: l('Hi {first}', 'x', 'y'), body: l('a', 'b', 'c') }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('steps.0.subject.en');
    const twice = await a.app.inject({
      method: 'POST',
      url: '/api/v1/nurture/programmes',
      headers: one.admin.headers,
      payload: { name: 'private', audience: {}, steps: [{ weekOffset: 1, subject: l('a', 'b', 'c'), body: l('a', 'b', 'c') }] },
    });
    expect(twice.statusCode).toBe(409);
    // Ended is final.
    await a.app.inject({
      method: 'PATCH',
      url: `/api/v1/nurture/programmes/${mine.id}`,
      headers: one.admin.headers,
      payload: { status: 'ended' },
    });
    expect(
      (
        await a.app.inject({
          method: 'PATCH',
          url: `/api/v1/nurture/programmes/${mine.id}`,
          headers: one.admin.headers,
          payload: { status: 'running' },
        })
      ).statusCode,
    ).toBe(409);
  }, 60_000);
});
