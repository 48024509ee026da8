/**
 * A simulated year of renewals with two app instances (two workers, on PostgreSQL two connection pools), each running
 * the daily run every day: renewals open on their day, reminders go out on their days exactly once, quotes are made,
 * approved by a director, e-mailed over real SMTP and accepted or declined by the customer through the e-mailed link
 * (HTTP, signed token), accepted ones renew the subscription, the rest churn when the grace period passes; and the
 * renewal report's figures equal a count the test makes from its own plan. `npm test` runs 30 subscriptions and the
 * daily run on every day something is due to happen to one of them (a reminder, an opening, a quote, an answer, the
 * renewal date, the grace period's end: a run on a skipped day would have found nothing to do, and anything sent twice or
 * late would show on a later day's run); the deep run (TEST_DEPTH=deep) 300 subscriptions, every day of the year.
 */

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeep } from '../../../test/depth.ts';
import { createTestOrg, type TestApp } from '../../../test/harness.ts';
import { linkIn } from '../../../test/smtp-sink.ts';
import { startTwoInstances, type TwoInstances } from '../../../test/two-instances.ts';
import type { Actor } from '../../platform/access/access.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { enqueueDailyRun } from './renewal-opportunities.jobs.ts';
import { renewalReminders } from './renewal-opportunities.table.ts';

let two: TwoInstances;
let a: TestApp;
let b: TestApp;
const START = '2027-01-01';
const N = isDeep ? 300 : 30;
/**
 * Renewal dates from day FIRST_DUE (after the first reminder's 120 days) to day LAST_DUE; the run goes on until every
 * grace period (30 days) has passed, and ends before the renewed terms' first reminder.
 */
const FIRST_DUE = 125;
const LAST_DUE = 325;
const DAYS = LAST_DUE + 33;
const OFFSETS = [120, 90, 60, 30, 7];
const LEAD = 90;
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  two = await startTwoInstances(`${START}T06:00:00Z`);
  ({ a, b } = two);
});
afterAll(async () => {
  await two?.close();
});

/**
 * What happens to each renewal: a quote with a 3 % uplift accepted (upgraded); the same with a 15 % incentive, which a
 * director approves (downgraded: the incentive lasts); a quote declined (churned); nothing (churned); a quote 10 %
 * cheaper accepted (downgraded). Quotes are sent 45 days before the renewal date and answered 5 days later.
 */
const PLANS = ['uplift', 'incentive', 'declined', 'silent', 'cheaper'] as const;
type TPlan = (typeof PLANS)[number];
const SEATS = 5;
const PRICE = 1200;
/** The next term's ARR of an accepted quote, counted by hand. */
const NEXT_ARR: Partial<Record<TPlan, number>> = {
  uplift: SEATS * PRICE * 1.03,
  incentive: SEATS * PRICE * 1.03 * 0.85,
  cheaper: SEATS * PRICE * 0.9,
};

interface TSim {
  i: number;
  subscriptionId: string;
  accountName: string;
  due: string;
  plan: TPlan;
  owned: boolean;
  /** The day an accepted quote closed the renewal (after that day's run). */
  closeOn: string | null;
  quoteId?: string;
}

describe('a simulated year of renewals', () => {
  it(`opens, reminds, quotes, approves, accepts by the link, renews and reports ${N} subscriptions, with two workers`, async () => {
    const org = await createTestOrg(a);
    const h = org.admin.headers;
    const csm = await org.as('csm', { name: 'Rita Renewals' });
    const vp = await org.as('vp_cs', { name: 'Vera Director' });
    const admin: Actor = { orgId: org.orgId, userId: org.admin.userId, name: 'Admin', role: 'admin', ownAccountsOnly: false } as Actor;
    const director: Actor = { orgId: org.orgId, userId: vp.userId, name: 'Vera Director', role: 'vp_cs', ownAccountsOnly: false } as Actor;

    const subs: TSim[] = [];
    for (let i = 0; i < N; i++) {
      const due = shift(START, FIRST_DUE + Math.floor((i * (LAST_DUE - FIRST_DUE)) / (N - 1)));
      const owned = i % 3 === 0;
      const account = await makeAccount(a.app, h, { name: `Year ${String(i).padStart(3, '0')}`, ownerUserId: owned ? csm.userId : null });
      const sub = await makeSubscription(a.app, h, account.id, {
        intervalMonths: 12,
        termStart: shift(due, -365),
        termEnd: shift(due, -1),
        autoRenew: false,
        lines: [{ description: 'Seats', quantity: SEATS, unitPrice: PRICE }],
      });
      const plan = PLANS[i % PLANS.length] as TPlan;
      subs.push({
        i,
        subscriptionId: sub.id,
        accountName: account.name,
        due,
        plan,
        owned,
        closeOn: NEXT_ARR[plan] ? shift(due, -40) : null,
      });
    }
    await two.drain();
    const bySub = new Map(subs.map((s) => [s.subscriptionId, s]));
    const renewalOf = new Map<string, string>();
    const links = new Map<string, string>();

    const eventful = new Set([shift(START, DAYS - 1)]);
    for (const s of subs) for (const n of [...OFFSETS, LEAD, 45, 40, 0, -30, -31, -32]) eventful.add(shift(s.due, -n));
    for (let d = 0; d < DAYS; d++) {
      const today = shift(START, d);
      if (!isDeep && !eventful.has(today)) continue;
      for (const t of [a, b]) t.clock.set(`${today}T01:30:00Z`);
      // The organisation's run queued by both instances, run by both workers at once.
      await enqueueDailyRun(a.db, a.clock, org.orgId, `${today}:a`);
      await enqueueDailyRun(b.db, b.clock, org.orgId, `${today}:b`);
      await two.drain();
      for (const t of [a, b]) t.clock.set(`${today}T10:00:00Z`);

      const opening = subs.filter((s) => shift(s.due, -LEAD) === today);
      if (opening.length) {
        const open = await a.services.renewalOpportunities.list(admin, {
          status: 'open',
          sort: 'dueOn',
          order: 'asc',
          page: 1,
          pageSize: 200,
          stage: [],
          category: [],
          ownerUserId: [],
        });
        for (const r of open.items) if (bySub.has(r.subscriptionId)) renewalOf.set(r.subscriptionId, r.id);
      }
      // Quotes go out 45 days before the renewal date: made, approved by the director when the rules ask, e-mailed.
      const quoting = subs.filter((x) => x.plan !== 'silent' && shift(x.due, -45) === today);
      for (const s of quoting) {
        const renewalId = renewalOf.get(s.subscriptionId);
        if (!renewalId) throw new Error(`${s.accountName}: no renewal open by ${today}`);
        const q = await a.services.quotes.create(admin, renewalId, {
          kind: 'renewal',
          upliftPercent: s.plan === 'cheaper' ? -10 : 3,
          upsell: false,
          extraSeats: 0,
          crossSellPlanIds: [],
          incentivePercent: s.plan === 'incentive' ? 15 : 0,
        });
        expect(q.needsApproval, s.accountName).toBe(s.plan === 'incentive');
        if (q.needsApproval) {
          await a.services.quotes.submit(admin, q.id);
          await b.services.quotes.decide(director, q.id, 'approved', 'Fine');
        }
        await a.services.quotes.send(admin, q.id, { to: `buyer-${s.i}@customer.test` });
        s.quoteId = q.id;
      }
      if (quoting.length) await two.drain();
      // Five days later the customer answers through the e-mailed link, without an account.
      const answering = subs.filter((x) => x.plan !== 'silent' && shift(x.due, -40) === today);
      if (answering.length)
        for (const m of two.smtp.inbox) {
          const to = m.to && 'value' in m.to ? (m.to.value[0]?.address ?? '') : '';
          if (to.startsWith('buyer-') && !links.has(to)) links.set(to, linkIn(m).pathname.slice(3));
        }
      for (const s of answering) {
        const token = links.get(`buyer-${s.i}@customer.test`);
        if (!token) throw new Error(`${s.accountName}: no quote e-mail`);
        const res =
          s.plan === 'declined'
            ? await b.app.inject({ method: 'POST', url: `/api/v1/public/quotes/${token}/decline`, payload: { reason: 'Too dear' } })
            : await b.app.inject({
                method: 'POST',
                url: `/api/v1/public/quotes/${token}/accept`,
                payload: { name: `Buyer ${s.i}` },
                remoteAddress: '203.0.113.7',
              });
        expect(res.statusCode, `${s.accountName}: ${res.body}`).toBe(200);
      }
      if (answering.length) await two.drain();
    }

    // Every renewal opened on its renewal date less the lead time; accepted ones closed by the quote, the rest churned.
    const all = [];
    for (let page = 1; ; page++) {
      const res = await a.services.renewalOpportunities.list(admin, {
        status: 'all',
        sort: 'dueOn',
        order: 'asc',
        page,
        pageSize: 200,
        stage: [],
        category: [],
        ownerUserId: [],
      });
      all.push(...res.items);
      if (all.length >= res.total) break;
    }
    expect(all.length).toBe(N);
    const STAGE: Record<TPlan, string> = {
      uplift: 'renewed',
      incentive: 'downgraded',
      declined: 'churned',
      silent: 'churned',
      cheaper: 'downgraded',
    };
    for (const r of all) {
      const s = bySub.get(r.subscriptionId) as TSim;
      expect([r.dueOn, r.createdAt.slice(0, 10), r.stage], s.accountName).toEqual([s.due, shift(s.due, -LEAD), STAGE[s.plan]]);
    }

    // Reminders, each once, on its day (none after a quote's acceptance closed the renewal; overdue on the date if open).
    const expected: string[] = [];
    for (const s of subs) {
      for (const o of OFFSETS) {
        const day = shift(s.due, -o);
        if (!(s.closeOn && s.closeOn < day)) expected.push(`${s.subscriptionId}|${o}|${day}`);
      }
      if (!s.closeOn) expected.push(`${s.subscriptionId}|overdue|${s.due}`);
    }
    const recorded = await a.db.select().from(renewalReminders).where(eq(renewalReminders.orgId, org.orgId));
    expect(recorded.map((r) => `${r.subscriptionId}|${r.reminder}|${r.sentOn}`).sort()).toEqual(expected.sort());
    const ownerMail = two.smtp.inbox.filter((m) => m.to && 'value' in m.to && m.to.value[0]?.address === csm.email);
    const remindersMailed = ownerMail.filter((m) => m.subject?.startsWith('Renewal ')).length;
    expect(remindersMailed).toBe(expected.filter((e) => bySub.get(e.split('|')[0] ?? '')?.owned).length);

    // Each quote e-mailed once; the accepted ones keep the customer's name and address, and renewed the subscription.
    expect(links.size).toBe(subs.filter((s) => s.plan !== 'silent').length);
    for (const s of subs.filter((x) => x.quoteId)) {
      const q = await a.services.quotes.get(admin, s.quoteId as string);
      const accepted = NEXT_ARR[s.plan] !== undefined;
      expect([q.status, accepted ? q.acceptedName : q.declineReason], s.accountName).toEqual(
        accepted ? ['accepted', `Buyer ${s.i}`] : ['declined', 'Too dear'],
      );
      if (accepted) {
        const sub = await a.services.subscriptions.get(admin, s.subscriptionId);
        const yearOn = `${Number(s.due.slice(0, 4)) + 1}${s.due.slice(4)}`;
        expect(sub.termEnd, s.accountName).toBe(shift(yearOn, -1));
      }
    }

    // The report, by month of the terms' last day, against the count from the plan.
    const months = [...new Set(subs.map((s) => shift(s.due, -1).slice(0, 7)))].sort();
    const report = await a.services.renewals.report(admin, { from: months[0] as string, to: months.at(-1) as string, by: 'month' });
    const round = (x: number) => Math.round(x * 100) / 100;
    for (const p of report.periods) {
      const due = subs.filter((s) => shift(s.due, -1).slice(0, 7) === p.period);
      const renewed = due.filter((s) => NEXT_ARR[s.plan] !== undefined);
      const dueArr = due.length * SEATS * PRICE;
      const renewedArr = round(renewed.reduce((x, s) => x + (NEXT_ARR[s.plan] ?? 0), 0));
      const lost =
        due.filter((s) => !NEXT_ARR[s.plan]).length * SEATS * PRICE +
        renewed.reduce((x, s) => x + Math.max(0, SEATS * PRICE - (NEXT_ARR[s.plan] ?? 0)), 0);
      expect([p.due, p.dueArr, p.renewed, p.renewedArr, p.churned, p.pending, p.upgraded, p.downgraded, p.winbackOffers], p.period).toEqual(
        [
          due.length,
          dueArr,
          renewed.length,
          renewedArr,
          due.length - renewed.length,
          0,
          renewed.filter((s) => s.plan === 'uplift').length,
          renewed.filter((s) => s.plan !== 'uplift').length,
          0,
        ],
      );
      if (due.length) {
        expect(p.renewalRateCount, p.period).toBeCloseTo(renewed.length / due.length, 10);
        expect(p.renewalRateValueNet, p.period).toBeCloseTo(renewedArr / dueArr, 6);
        expect(p.revenueChurn, p.period).toBeCloseTo(lost / dueArr, 6);
      }
    }
    expect(report.periods.reduce((x, p) => x + p.due, 0)).toBe(N);
  }, 600_000);
});
