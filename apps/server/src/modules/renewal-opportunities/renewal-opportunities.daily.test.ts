/**
 * The daily run over a simulated span of days, for thirty subscriptions (a hundred under TEST_DEPTH=deep), with two app instances (two workers, on
 * PostgreSQL two connection pools) each running the run every day: renewals open on the right day (the default lead
 * and a per-segment one), reminders go out on the right days exactly once, over real SMTP, and notify the owner; the
 * customer's billing and decision-maker contacts get their reminders (60 and 30 days) and the confirmation when it
 * renews, each once, in their language (else the organisation's).
 */

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeep } from '../../../test/depth.ts';
import { createTestOrg, signIn, type TestApp } from '../../../test/harness.ts';
import type { SmtpSink } from '../../../test/smtp-sink.ts';
import { startTwoInstances, type TwoInstances } from '../../../test/two-instances.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { daysBetween } from './renewal-opportunities.days.ts';
import { enqueueDailyRun } from './renewal-opportunities.jobs.ts';
import { renewalReminders } from './renewal-opportunities.table.ts';

let two: TwoInstances;
let a: TestApp;
let b: TestApp;
let smtp: SmtpSink;
const START = '2027-01-01';
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  two = await startTwoInstances(`${START}T06:00:00Z`);
  ({ a, b, smtp } = two);
});
afterAll(async () => {
  await two?.close();
});

const drain = () => two.drain();

// Thirty subscriptions (a renewal date a day, so 42 simulated days) in the default suite; a hundred under TEST_DEPTH=deep.
const N = isDeep ? 100 : 30;
const OFFSETS = [120, 90, 60, 30, 7];

describe('the daily renewal run', () => {
  it('opens each renewal on its day and sends each reminder once, with two workers', async () => {
    const org = await createTestOrg(a);
    const h = org.admin.headers;
    const csm = await org.as('csm', { name: 'Rita Renewals' });
    const put = await a.app.inject({
      method: 'PUT',
      url: '/api/v1/renewal-settings',
      headers: h,
      payload: { leadDaysRules: [{ segment: 'enterprise', days: 45 }], customerEmails: true, customerReminderOffsets: [30, 60] },
    });
    expect(put.statusCode).toBe(200);

    // Renewal dates from START + 10 to START + 9 + N; every fifth account enterprise (45 days' lead); a third owned by the CSM
    // (mail and notifications), the rest by nobody (the reminder is spent, nothing sent).
    const subs: { subscriptionId: string; accountName: string; due: string; lead: number; owned: boolean; closeOn: string | null }[] = [];
    // Every tenth account has its contacts: billing in Dutch, a decision maker in Danish, a billing one in German (no
    // template: the organisation's English), a champion and a billing contact who left (neither is written to).
    const customers = new Map<string, { email: string; lang: 'en' | 'nl' | 'da' }[]>();
    for (let i = 0; i < N; i++) {
      const due = shift(START, 10 + i);
      const owned = i % 3 === 0;
      const account = await makeAccount(a.app, h, {
        name: `Sim ${String(i).padStart(3, '0')}`,
        segment: i % 5 === 0 ? 'enterprise' : 'smb',
        ownerUserId: owned ? csm.userId : null,
      });
      const sub = await makeSubscription(a.app, h, account.id, {
        intervalMonths: 12,
        termStart: shift(due, -365),
        termEnd: shift(due, -1),
        autoRenew: false,
        lines: [{ description: 'Seats', quantity: 5, unitPrice: 1200 }],
      });
      if (i % 10 === 1) {
        const tag = String(i).padStart(3, '0');
        const c = (first: string, roles: ('billing' | 'decision_maker' | 'champion')[], language: 'nl' | 'da' | 'de', leftOn?: string) =>
          makeContact(a.app, h, account.id, {
            firstName: first,
            email: `${first.toLowerCase()}.${tag}@customer.test`,
            roles,
            language,
            leftOn,
          });
        await c('Bea', ['billing'], 'nl');
        await c('Dan', ['decision_maker', 'champion'], 'da');
        await c('Gert', ['billing'], 'de');
        await c('Chris', ['champion'], 'nl');
        await c('Lea', ['billing'], 'nl', '2026-06-30');
        customers.set(sub.id, [
          { email: `bea.${tag}@customer.test`, lang: 'nl' },
          { email: `dan.${tag}@customer.test`, lang: 'da' },
          { email: `gert.${tag}@customer.test`, lang: 'en' },
        ]);
      }
      // Every fourth is renewed ten days before its date: no 7-day or overdue reminder after that.
      subs.push({
        subscriptionId: sub.id,
        accountName: account.name,
        due,
        lead: i % 5 === 0 ? 45 : 90,
        owned,
        closeOn: i % 4 === 0 ? shift(due, -10) : null,
      });
    }
    await drain();
    const openedOn = new Map<string, string>();
    const days = N + 12;
    for (let d = 0; d < days; d++) {
      const today = shift(START, d);
      for (const t of [a, b]) t.clock.set(`${today}T01:30:00Z`);
      // The same organisation's run queued twice (a retried job, a second instance), run by both workers at once.
      await enqueueDailyRun(a.db, a.clock, org.orgId, `${today}:a`);
      await enqueueDailyRun(b.db, b.clock, org.orgId, `${today}:b`);
      await drain();
      const res = await a.services.renewalOpportunities.list(
        { orgId: org.orgId, userId: org.admin.userId, name: 'Admin', role: 'admin', ownAccountsOnly: false },
        { status: 'all', sort: 'dueOn', order: 'asc', page: 1, pageSize: 200, stage: [], category: [], ownerUserId: [] },
      );
      for (const r of res.items) if (!openedOn.has(r.subscriptionId)) openedOn.set(r.subscriptionId, today);
      for (const s of subs.filter((x) => x.closeOn === today)) {
        const opp = res.items.find((r) => r.subscriptionId === s.subscriptionId);
        if (!opp) throw new Error(`not open by ${today}: ${s.accountName}`);
        await a.services.renewalOpportunities.recordQuoteOutcome(org.orgId, opp.id, { status: 'accepted', outcome: 'renewed' });
      }
    }

    // Opened on its renewal date minus its lead, or on the first day when that was before it.
    for (const s of subs) {
      const expected = daysBetween(START, s.due) <= s.lead ? START : shift(s.due, -s.lead);
      expect(openedOn.get(s.subscriptionId), s.accountName).toBe(expected);
    }

    // Reminders, counted independently: on the first day the latest offset that had come; then each offset on its day;
    // overdue on the renewal date when still open. Only owned accounts get mail and a notification.
    const expected: string[] = [];
    for (const s of subs) {
      const left0 = daysBetween(START, s.due);
      const first = OFFSETS.filter((o) => o >= left0).sort((x, y) => x - y)[0];
      for (const o of OFFSETS) {
        const day = shift(s.due, -o);
        const sent = o === first ? START : day > START ? day : null;
        // Closed after that day's run: nothing from the next day on.
        if (!sent || (s.closeOn && s.closeOn < sent)) continue;
        expected.push(`${s.subscriptionId}|${o}|${sent}`);
      }
      if (!s.closeOn) expected.push(`${s.subscriptionId}|overdue|${s.due}`);
    }
    const recorded = await a.db.select().from(renewalReminders).where(eq(renewalReminders.orgId, org.orgId));
    expect(recorded.map((r) => `${r.subscriptionId}|${r.reminder}|${r.sentOn}`).sort()).toEqual(expected.sort());
    const owned = new Map(subs.map((s) => [s.subscriptionId, s]));
    const mailed = expected
      .filter((e) => owned.get(e.split('|')[0] ?? '')?.owned)
      .map((e) => {
        const [id = '', offset, day] = e.split('|');
        return `${owned.get(id)?.accountName}|${offset}|${day}`;
      });
    const toOf = (m: (typeof smtp.inbox)[number]) => (m.to && 'value' in m.to ? m.to.value[0]?.address : '') ?? '';
    // The renewal reminders (the preloaded onboarding playbook also greets each new account's owner).
    const ownerInbox = smtp.inbox.filter((m) => toOf(m) === csm.email && m.subject?.startsWith('Renewal '));
    const received = ownerInbox.map((m) => {
      const subject = m.subject ?? '';
      const account = subject.split(': ')[1] ?? '';
      const offset = subject.startsWith('Renewal overdue') ? 'overdue' : (/in (\d+) days/.exec(subject)?.[1] ?? '?');
      return `${account}|${offset}`;
    });
    expect(received.length).toBe(mailed.length);
    expect(new Set(received).size).toBe(received.length);
    expect(received.sort()).toEqual(mailed.map((r) => r.split('|').slice(0, 2).join('|')).sort());
    expect(ownerInbox[0]?.text).toContain('Hello Rita Renewals');

    // The customers' e-mails: each contact's reminders (the first run sends only the latest offset that had come), and
    // the confirmation of those renewed; each once, in the contact's language.
    const SUBJECTS = {
      reminder: { en: 'Your ', nl: 'Uw abonnement', da: 'Jeres abonnement' },
      confirmation: { en: 'has been renewed', nl: 'is verlengd', da: 'er fornyet' },
    };
    const customerExpected: string[] = [];
    for (const s of subs) {
      for (const c of customers.get(s.subscriptionId) ?? []) {
        const left0 = daysBetween(START, s.due);
        const first = [60, 30].filter((o) => o >= left0).sort((x, y) => x - y)[0];
        for (const o of [60, 30]) {
          const day = shift(s.due, -o);
          const sent = o === first ? START : day > START ? day : null;
          if (!sent || (s.closeOn && s.closeOn < sent)) continue;
          customerExpected.push(`${c.email}|reminder|${c.lang}`);
        }
        if (s.closeOn) customerExpected.push(`${c.email}|confirmation|${c.lang}`);
      }
    }
    const customerInbox = smtp.inbox.filter((m) => toOf(m).endsWith('@customer.test'));
    const customerReceived = customerInbox.map((m) => {
      const subject = m.subject ?? '';
      const kind = Object.values(SUBJECTS.confirmation).some((x) => subject.includes(x)) ? 'confirmation' : 'reminder';
      const lang = (['nl', 'da', 'en'] as const).find((l) => subject.includes(SUBJECTS[kind][l]));
      return `${toOf(m)}|${kind}|${lang}`;
    });
    expect(customerExpected.length).toBeGreaterThan(N / 3);
    expect(customerReceived.sort()).toEqual(customerExpected.sort());
    expect(customerInbox.find((m) => toOf(m).startsWith('bea.'))?.text).toContain('Beste Bea');
    // Nothing else went out but the onboarding playbook's greeting of each new account's owner.
    const greetings = smtp.inbox.filter((m) => m.subject?.startsWith('New account: '));
    expect(greetings.length).toBe(subs.filter((s) => s.owned).length);
    expect(smtp.inbox.length).toBe(ownerInbox.length + customerInbox.length + greetings.length);

    // The same reminders as notifications in the owner's bell, each once, dated the day it was due.
    const bell = await a.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?pageSize=200',
      headers: (await signIn(a, csm.email)).headers,
    });
    expect(bell.json()).toMatchObject({ total: mailed.length, unread: mailed.length });
    const notified = bell
      .json()
      .items.map(
        (n: { kind: string; data: { accountName: string; reminder: string }; createdAt: string }) =>
          `${n.data.accountName}|${n.data.reminder}|${n.createdAt.slice(0, 10)}`,
      );
    expect(notified.sort()).toEqual(mailed.sort());
  }, 600_000);
});
