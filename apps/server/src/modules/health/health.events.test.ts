import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, runJobs, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { accountHealth, makePulse } from './health.factory.ts';

/**
 * Fresh health: an account is rescored when an event moves one of its inputs (here a subscription starting), and
 * a score that turns red raises a churn signal (once a day), which a first red score does not.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const signalsOf = async (h: Record<string, string>, accountId: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/churn-signals`, headers: h })).json().items as {
    kind: string;
    details: Record<string, unknown>;
  }[];

describe('health and events', () => {
  it('rescores an account when its subscription changes, without waiting for the nightly recompute', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Fresh' });
    await makePulse(t.app, h, account.id, { value: 80 });
    const tenure = async () =>
      (await accountHealth(t.app, h, account.id)).measures.find((m: { source: string }) => m.source === 'subscription.tenure_months');
    expect((await tenure())?.value ?? null).toBeNull();
    await makeSubscription(t.app, h, account.id, {
      termStart: '2025-11-01',
      lines: [{ description: 'Seats', quantity: 5, unitPrice: 40 }],
    });
    await runJobs(t);
    expect((await tenure())?.value).toBeCloseTo(12.67, 1); // 2025-11-01 to the test clock's 2026-11-21
  });

  it('raises a health_red churn signal when a score turns red, not for a first red score, and once a day', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const turning = await makeAccount(t.app, h, { name: 'Turning' });
    const bornRed = await makeAccount(t.app, h, { name: 'Born red' });
    await makePulse(t.app, h, turning.id, { value: 90 });
    await makePulse(t.app, h, bornRed.id, { value: 10 });
    expect((await accountHealth(t.app, h, turning.id)).band).toBe('green');
    expect(await signalsOf(h, bornRed.id)).toEqual([]);

    // A minute between pulses: the latest one counts (the test clock stands still otherwise).
    for (const [value, reason] of [
      [10, 'Their champion left'],
      [60, 'Better call'],
      [5, 'Worse again'],
    ] as const) {
      t.clock.advance(60_000);
      await makePulse(t.app, h, turning.id, { value, reason });
    }
    expect((await accountHealth(t.app, h, turning.id)).band).toBe('red');
    const signals = await signalsOf(h, turning.id);
    expect(signals.map((s) => [s.kind, s.details.from])).toEqual([['health_red', 'green']]);
    await runJobs(t);
    const timeline = (await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${turning.id}/timeline`, headers: h })).json();
    expect(timeline.items.filter((e: { kind: string }) => e.kind === 'churn_signal')).toHaveLength(1);
  });
});
