import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeCustomField } from '../custom-fields/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { accountHealth, makePulse } from './health.factory.ts';

// The test clock's today is 2026-11-21.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type H = Record<string, string>;
const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: H, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function customer(h: H, termStart: string, intervalMonths: 1 | 12 = 1, custom: Record<string, string> = {}) {
  const account = await makeAccount(t.app, h, { custom });
  await makeSubscription(t.app, h, account.id, {
    termStart,
    intervalMonths,
    lines: [{ description: 'Seats', quantity: 1, unitPrice: 100 * intervalMonths }],
  });
  return account.id;
}

describe('health scores', () => {
  it('scores an account with the default scorecard, explains each measure and keeps a pulse history', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const id = await customer(h, '2024-11-21', 12);
    const health = await accountHealth(t.app, h, id);
    const tenure = health.measures.find((x) => x.source === 'subscription.tenure_months');
    expect(tenure).toMatchObject({ value: 24, points: 70, weight: 3, stale: false, label: { en: 'Tenure (months)' } });
    expect(health.measures.find((x) => x.source === 'subscription.commitment_months')).toMatchObject({ value: 12, points: 75 });
    expect(health.measures.find((x) => x.source === 'pulse.csm')).toMatchObject({ value: null, points: null });
    expect(health.scorecard).toMatchObject({ name: 'Default', version: 1 });
    expect(health.history).toHaveLength(1);

    const first = await makePulse(t.app, h, id, { value: 20, reason: 'Champion left', expiresOn: '2027-01-31' });
    t.clock.advance(60_000); // the latest pulse counts: a minute later (the test clock stands still otherwise)
    await makePulse(t.app, h, id, { value: 90, reason: 'New champion is keen' });
    const pulses = (await call('GET', `/api/v1/accounts/${id}/health/pulses`, h)).json();
    expect(pulses.total).toBe(2);
    expect(pulses.items.map((p: { reason: string }) => p.reason)).toEqual(['New champion is keen', 'Champion left']);
    expect(pulses.items[1].id).toBe(first.id);
    const after = await accountHealth(t.app, h, id);
    expect(after.measures.find((x) => x.source === 'pulse.csm')).toMatchObject({ value: 90, points: 90 });
    expect(after.pulse).toMatchObject({ value: 90, reason: 'New champion is keen' });
    expect(after.score).toBeGreaterThan(health.score as number);
    expect(after.history).toHaveLength(1); // the same day's row is replaced, not added
  });

  it('ranks an account rescored alone (after a pulse) among all the organisation’s paying accounts, as the full recompute does', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const ids: string[] = [];
    for (const price of [100, 200, 300]) {
      const account = await makeAccount(t.app, h);
      await makeSubscription(t.app, h, account.id, {
        termStart: '2025-01-01',
        lines: [{ description: 'Seats', quantity: 1, unitPrice: price }],
      });
      ids.push(account.id);
    }
    const top = ids[2] as string;
    const percentile = async () =>
      (await accountHealth(t.app, h, top)).measures.find((x) => x.source === 'subscription.mrr_percentile')?.value;
    // The highest of three (alone it would be the middle of one: 50).
    expect(await percentile()).toBe(100);
    await makePulse(t.app, h, top, { value: 60, reason: 'Quarterly check' });
    expect(await percentile()).toBe(100);
  });

  it('raises no "health turned red" signal when a new scorecard version, not the customer, turns an account red', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h);
    await makePulse(t.app, h, account.id, { value: 90 });
    expect((await accountHealth(t.app, h, account.id)).band).toBe('green');
    const [card] = (await call('GET', '/api/v1/health/scorecards', h)).json().items;
    const inverted = [
      {
        source: 'pulse.csm',
        weight: 1,
        thresholds: {
          kind: 'number',
          breakpoints: [
            { from: 0, points: 100 },
            { from: 50, points: 0 },
          ],
        },
      },
    ];
    expect((await call('PUT', `/api/v1/health/scorecards/${card.id}`, h, { ...pick(card), measures: inverted })).statusCode).toBe(200);
    await call('POST', '/api/v1/health/recompute', h);
    expect(await accountHealth(t.app, h, account.id)).toMatchObject({ band: 'red', scorecard: { version: 2 } });
    expect((await call('GET', `/api/v1/accounts/${account.id}/churn-signals`, h)).json().items).toEqual([]);
  });

  it('saves a changed scorecard as a new version and refuses unknown measures by field', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const id = await customer(h, '2026-05-21');
    const [card] = (await call('GET', '/api/v1/health/scorecards', h)).json().items;
    const bad = await call('PUT', `/api/v1/health/scorecards/${card.id}`, h, {
      ...pick(card),
      measures: [{ ...card.measures[0], source: 'nope' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'measures.0.source', code: 'health_unknown_measure' });
    const only = [
      {
        source: 'subscription.tenure_months',
        weight: 1,
        thresholds: {
          kind: 'number',
          breakpoints: [
            { from: 0, points: 0 },
            { from: 12, points: 100 },
          ],
        },
      },
    ];
    const saved = await call('PUT', `/api/v1/health/scorecards/${card.id}`, h, { ...pick(card), measures: only });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(2);
    expect((await call('POST', `/api/v1/accounts/${id}/health/recompute`, h)).json()).toMatchObject({ accounts: 1, scored: 1 });
    const health = await accountHealth(t.app, h, id);
    expect(health).toMatchObject({ score: 50, band: 'red', scorecard: { version: 2 } });
    const versions = (await call('GET', `/api/v1/health/scorecards/${card.id}`, h)).json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const settings = await call('PUT', '/api/v1/health/settings', h, { redMax: 40, yellowMax: 75 });
    expect(settings.statusCode).toBe(200);
    await call('POST', '/api/v1/health/recompute', h);
    expect((await accountHealth(t.app, h, id)).band).toBe('yellow');
  });

  it('evaluates against a yes/no outcome field and fits a scorecard that ranks it', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await makeCustomField(t, org.admin, { key: 'lost', label: 'Lost', type: 'choice', options: ['Yes', 'No'] });
    await makeCustomField(t, org.admin, { key: 'tier', label: 'Tier', type: 'choice', options: ['Gold', 'Basic'] });
    // Short-tenured Basic accounts were lost; long-tenured Gold ones stayed.
    for (let i = 0; i < 40; i++) {
      const lost = i % 2 === 0;
      const start = lost ? `2026-0${1 + (i % 8)}-01` : `20${18 + (i % 5)}-01-01`;
      await customer(h, start, 1, { lost: lost ? 'Yes' : 'No', tier: lost ? 'Basic' : 'Gold' });
    }
    const res = await call('POST', '/api/v1/health/evaluate', h, { outcome: 'lost', testShare: 0.5, seed: 1, fit: true });
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e.test.n + e.train.n, JSON.stringify(e).slice(0, 600)).toBe(40);
    expect(e.test.positives).toBeGreaterThan(0);
    expect(e.unfitted.test.auc).toBeGreaterThan(0.9);
    expect(e.test.auc).toBe(1);
    expect(e.inputs.map((x: { name: string }) => x.name)).toContain('custom.tier');
    expect(e.inputs.map((x: { name: string }) => x.name)).not.toContain('custom.lost');
    expect(e.test.lift).toHaveLength(10);
    expect(e.test.confusion.map((c: { boundary: string }) => c.boundary)).toEqual(['red', 'yellow']);

    const unknown = await call('POST', '/api/v1/health/evaluate', h, { outcome: 'nope' });
    expect(unknown.json().details[0]).toMatchObject({ field: 'outcome', code: 'health_unknown_field' });
    const saved = await call('POST', '/api/v1/health/evaluate', h, { outcome: 'lost', fit: true, save: true });
    expect(saved.json().saved).toMatchObject({ version: 2, fit: { outcome: 'lost' } });
  });
});

const pick = (c: { name: string; segment: string | null }) => ({ name: c.name, segment: c.segment });
