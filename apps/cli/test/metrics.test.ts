import { createTestOrg, type TestApp } from '@customer365/server/test/harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEADING_KEYS } from '../src/commands/metrics.ts';
import { runCli } from './run-cli.ts';
import { serveTestApp } from './serve-test-app.ts';

let t: TestApp;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ t, url, close } = await serveTestApp());
});
afterAll(() => close());

/** One account subscribed in January 2019 at 100/month, grown to 3 seats in March, in a market NL; a second one elsewhere from February. */
async function orgWithHistory() {
  const org = await createTestOrg(t);
  const inject = async (method: 'POST' | 'GET', path: string, payload?: object) => {
    const res = await t.app.inject({ method, url: path, headers: org.admin.headers, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const currency = (await inject('GET', '/api/v1/metrics/settings')).reportingCurrency as string;
  const nl = await inject('POST', '/api/v1/markets', { code: 'NL', name: 'Netherlands', language: 'nl', currency: 'EUR' });
  const acme = await inject('POST', '/api/v1/accounts', { name: 'Acme', marketId: nl.id });
  const beta = await inject('POST', '/api/v1/accounts', { name: 'Beta' });
  const line = (price: number) => [{ description: 'Professional', quantity: 1, unitPrice: price }];
  const sub = await inject('POST', `/api/v1/accounts/${acme.id}/subscriptions`, {
    currency,
    intervalMonths: 1,
    termStart: '2019-01-01',
    lines: line(100),
  });
  await inject('POST', `/api/v1/accounts/${beta.id}/subscriptions`, {
    currency,
    intervalMonths: 12,
    termStart: '2019-02-01',
    lines: line(1200),
  });
  await inject('POST', `/api/v1/subscriptions/${sub.id}/changes`, {
    op: 'quantity',
    lineKey: sub.lines[0].lineKey,
    quantity: 3,
    effectiveDate: '2019-03-01',
  });
  const token = await inject('POST', '/api/v1/api-tokens', { name: 'metrics', scopes: ['metrics:read'] });
  return { token: token.token as string, currency };
}

describe('customer365 metrics', () => {
  it('prints the series as JSON with the documented keys first, in order', async () => {
    const { token, currency } = await orgWithHistory();
    const r = await runCli(['metrics', '--from', '2019-01', '--to', '2019-04', '--by', 'month', '--json', '--url', url, '--token', token]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { currency: string; periods: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['currency', 'periods']);
    expect(out.currency).toBe(currency);
    expect(out.periods.map((p) => p.period)).toEqual(['2019-01', '2019-02', '2019-03', '2019-04']);
    for (const p of out.periods) expect(Object.keys(p).slice(0, LEADING_KEYS.length)).toEqual([...LEADING_KEYS]);
    expect(Object.keys(out.periods[0] ?? {})).toContain('nrr');
    const [jan, feb, mar] = out.periods;
    expect(jan).toMatchObject({ mrr: 100, customers: 1, new: 100, expansion: 0, churn: 0, arpa: 100 });
    expect(feb).toMatchObject({ mrr: 200, customers: 2, new: 100, expansion: 0 });
    expect(mar).toMatchObject({ mrr: 400, customers: 2, new: 0, expansion: 200, contraction: 0, customerChurnRate: 0, arpa: 200 });
  });

  it('narrows the series to one market with --market', async () => {
    const { token } = await orgWithHistory();
    const r = await runCli(['metrics', '--from', '2019-01', '--to', '2019-03', '--market', 'NL', '--json', '--url', url, '--token', token]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { periods: { mrr: number; customers: number }[] };
    // Only Acme (NL: 100 a month from January, 3 seats from March); Beta, in no market, is left out.
    expect(out.periods.map((p) => [p.mrr, p.customers])).toEqual([
      [100, 1],
      [100, 1],
      [300, 1],
    ]);
  });

  it('prints a readable table without --json, taking url and token from the environment', async () => {
    const { token } = await orgWithHistory();
    const table = await runCli(['metrics', '--from', '2019-01', '--to', '2019-03'], {
      env: { CUSTOMER365_URL: url, CUSTOMER365_TOKEN: token },
    });
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^MRR and movements in [A-Z]{3}/);
    expect(lines[1]).toMatch(/^Period\s+MRR\s+Customers\s+New\s+Expansion\s+Contraction\s+Churn\s+Reactivation/);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toMatch(/^2019-03\s+400\.00\s+2\s+0\.00\s+200\.00/);
  });

  it('refuses bad periods before calling the server, and documents itself in --help', async () => {
    const bad = await runCli(['metrics', '--from', 'January', '--to', '2019-03', '--url', url, '--token', 'c365_x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from: "January" is not a month');
    const reversed = await runCli(['metrics', '--from', '2019-05', '--to', '2019-03', '--url', url, '--token', 'c365_x']);
    expect(reversed.code).toBe(2);
    const badBy = await runCli(['metrics', '--from', '2019-01', '--to', '2019-03', '--by', 'week', '--url', url, '--token', 'c365_x']);
    expect(badBy.code).toBe(2);
    expect(badBy.stderr).toContain('Allowed choices are day, month, quarter, year');
    const help = await runCli(['metrics', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--from', '--to', '--by', '--market', '--edition', '--plan', '--json']) expect(help.stdout).toContain(flag);
    const top = await runCli(['--help']);
    expect(top.stdout).toContain('  metrics');
  });
});
