/**
 * Renewals close by themselves, on the controllable clock: a renewal recorded in subscriptions closes the open one
 * at once (renewed, upgraded, downgraded by the next term's ARR against the target) and confirms it to the customer's
 * contacts over real SMTP; a term ending cancelled closes it churned with the cancellation's reason on its renewal
 * date; without a next term it churns the day after the grace period. Each with audit, timeline and event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, runJobs, signIn, type TestApp } from '../../../test/harness.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';

let t: TestApp;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildTestApp({ smtpUrl: smtp.url, now: '2027-03-01T06:00:00Z' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

type H = Record<string, string>;
const LINE = (unitPrice: number) => [{ description: 'Seats', quantity: 10, unitPrice }];

async function openRenewal(h: H, name: string) {
  const account = await makeAccount(t.app, h, { name });
  const sub = await makeSubscription(t.app, h, account.id, {
    intervalMonths: 12,
    termStart: '2026-04-01',
    termEnd: '2027-03-31',
    autoRenew: false,
    lines: LINE(1200),
  });
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/subscriptions/${sub.id}/renewal-opportunity`, headers: h });
  expect(res.statusCode, res.body).toBe(201);
  return { account, sub, renewal: res.json() as { id: string; targetCents: number } };
}
const getRenewal = async (h: H, id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/renewal-opportunities/${id}`, headers: h })).json();
const change = (h: H, id: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/subscriptions/${id}/changes`, headers: h, payload });

describe('renewals that close by themselves', () => {
  it('close renewed, upgraded or downgraded when the next term is recorded, and confirm it to the customer', async () => {
    t.clock.set('2027-03-01T06:00:00Z');
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await t.app.inject({ method: 'PUT', url: '/api/v1/renewal-settings', headers: h, payload: { customerEmails: true } });
    const cases = [
      ['Same Price BV', 1200, 'renewed', 'Renewed'],
      ['More Seats BV', 1500, 'renewed', 'Upgraded'],
      ['Fewer Seats BV', 900, 'downgraded', 'Downgraded'],
    ] as const;
    for (const [name, price, stage, how] of cases) {
      const { account, sub, renewal } = await openRenewal(h, name);
      await makeContact(t.app, h, account.id, {
        firstName: 'Dana',
        email: `dana@${price}.test`,
        roles: ['decision_maker'],
        language: 'da',
      });
      const renew = await change(h, sub.id, { op: 'renew', effectiveDate: '2027-04-01', termEnd: '2028-03-31', lines: LINE(price) });
      expect(renew.statusCode, renew.body).toBe(200);
      await runJobs(t);
      const closed = await getRenewal(h, renewal.id);
      expect(closed, name).toMatchObject({
        stage,
        timing: 'closed',
        forecastCents: price * 1000,
        closeReason: `${how}: the next term starts 2027-04-01`,
      });
      const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/timeline?kind=renewal`, headers: h });
      const label = stage === 'renewed' ? 'Renewed' : 'Downgraded';
      expect(timeline.json().items.map((i: { subject: string }) => i.subject)).toContain(`Renewal: Upcoming → ${label}`);
      const audit = await t.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityId=${renewal.id}`, headers: h });
      expect(audit.json().items).toMatchObject([{ action: 'stage_changed', actorLabel: 'system' }]);
      // Recorded again (another delivery, the daily run): nothing more.
      await t.services.renewalOpportunities.runDaily(org.orgId);
      expect((await getRenewal(h, renewal.id)).stageChangedAt).toBe(closed.stageChangedAt);
    }
    await runJobs(t);
    const confirmations = smtp.inbox.filter((m) => m.subject?.includes('er fornyet'));
    expect(confirmations.map((m) => (m.to && 'value' in m.to ? m.to.value[0]?.address : '')).sort()).toEqual([
      'dana@1200.test',
      'dana@1500.test',
      'dana@900.test',
    ]);
    expect(confirmations[0]?.text).toContain('Kære Dana');
  }, 180_000);

  it('close churned with the cancellation’s reason when the term ends, or after the grace period', async () => {
    t.clock.set('2027-03-01T06:00:00Z');
    const org = await createTestOrg(t);
    let h = org.admin.headers;
    const reason = await t.app.inject({ method: 'POST', url: '/api/v1/cancel-reasons', headers: h, payload: { label: 'Too expensive' } });
    const cancelled = await openRenewal(h, 'Leaving BV');
    const cancel = await change(h, cancelled.sub.id, {
      op: 'cancel',
      reasonId: reason.json().id,
      effectiveDate: '2027-03-01',
      comment: 'Budget cut',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const silent = await openRenewal(h, 'Quiet BV');
    await runJobs(t);
    // Still open while the term runs.
    expect((await getRenewal(h, cancelled.renewal.id)).stage).toBe('upcoming');

    t.clock.set('2027-04-01T01:30:00Z');
    // A month on: signed in again.
    h = (await signIn(t, org.admin.email)).headers;
    expect(await t.services.renewalOpportunities.runDaily(org.orgId)).toMatchObject({ closed: 1 });
    expect(await getRenewal(h, cancelled.renewal.id)).toMatchObject({
      stage: 'churned',
      closeReason: 'Too expensive: Budget cut',
      forecastCents: 0,
    });
    expect((await getRenewal(h, silent.renewal.id)).stage).toBe('upcoming');

    // The organisation's grace period (metric settings, 30 days by default; 10 here): open through its last day.
    const grace = await t.app.inject({ method: 'PATCH', url: '/api/v1/metrics/settings', headers: h, payload: { renewalGraceDays: 10 } });
    expect(grace.statusCode, grace.body).toBe(200);
    t.clock.set('2027-04-11T01:30:00Z');
    h = (await signIn(t, org.admin.email)).headers;
    expect(await t.services.renewalOpportunities.runDaily(org.orgId)).toMatchObject({ closed: 0 });
    t.clock.set('2027-04-12T01:30:00Z');
    h = (await signIn(t, org.admin.email)).headers;
    expect(await t.services.renewalOpportunities.runDaily(org.orgId)).toMatchObject({ closed: 1 });
    expect(await getRenewal(h, silent.renewal.id)).toMatchObject({ stage: 'churned', closeReason: 'No renewal within the grace period' });
    const timeline = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${silent.account.id}/timeline?kind=renewal`, headers: h });
    expect(timeline.json().items.map((i: { subject: string }) => i.subject)).toContain('Renewal: Upcoming → Churned');
  }, 180_000);
});
