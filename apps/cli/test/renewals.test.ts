import { createTestOrg, type TestApp } from '@customer365/server/test/harness.ts';
import { PLAYBOOK_FILE } from '@customer365/server/test/mrr-playbook.ts';
import { expectedPlaybookRenewals } from '@customer365/server/test/renewals-playbook.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENEWAL_KEYS } from '../src/commands/renewals.ts';
import { runCli } from './run-cli.ts';
import { serveTestApp } from './serve-test-app.ts';

/** The period keys of the issue's `--json` contract, in its order. */
const CONTRACT_KEYS = [
  'period',
  'due',
  'dueArr',
  'renewed',
  'renewedArr',
  'churned',
  'downgraded',
  'upgraded',
  'renewalRateCount',
  'renewalRateValueGross',
  'renewalRateValueNet',
  'eligibleChurnRate',
  'revenueChurn',
  'averageDealValue',
];

let t: TestApp;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ t, url, close } = await serveTestApp({ worker: true }));
});
afterAll(() => close());

describe('customer365 renewals report', () => {
  it('prints the contract JSON for the MRR playbook imported as periods, every figure as counted from the CSV', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: h, payload: { reportingCurrency: 'USD' } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: h,
      payload: { name: 'cli renewals', scopes: ['import:run', 'renewal:read'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const token = res.json().token as string;
    const imported = await runCli([
      'import',
      'subscriptions',
      PLAYBOOK_FILE,
      '--format',
      'periods',
      '--create-missing-accounts',
      '--url',
      url,
      '--token',
      token,
    ]);
    expect(imported.code, imported.stderr).toBe(0);

    const r = await runCli([
      'renewals',
      'report',
      '--from',
      '2019-01',
      '--to',
      '2019-12',
      '--by',
      'month',
      '--json',
      '--url',
      url,
      '--token',
      token,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['currency', 'periods']);
    expect(out.currency).toBe('USD');
    expect(out.periods).toHaveLength(12);
    for (const p of out.periods) expect(Object.keys(p)).toEqual([...RENEWAL_KEYS]);
    // The keys first, in its order; the win-back figures appended after them.
    expect(RENEWAL_KEYS.slice(0, 14)).toEqual(CONTRACT_KEYS);
    const expected = expectedPlaybookRenewals(2019, 30, t.clock.now().toISOString().slice(0, 10));
    for (const [i, p] of out.periods.entries()) {
      const e = expected[i] as Record<string, number | string | null>;
      for (const key of RENEWAL_KEYS) {
        const want = e[key] ?? (key.startsWith('winback') ? 0 : null);
        if (typeof want === 'number' && !Number.isInteger(want)) expect(p[key], `${p.period} ${key}`).toBeCloseTo(want, 10);
        else expect(p[key], `${p.period} ${key}`).toEqual(want);
      }
    }

    const table = await runCli([
      'renewals',
      'report',
      '--from',
      '2019-01',
      '--to',
      '2019-12',
      '--by',
      'quarter',
      '--url',
      url,
      '--token',
      token,
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('Renewals in USD');
    expect(table.stdout).toContain('2019-Q4');
    expect(table.stdout).toContain('Win-back');
  }, 240_000);

  it('refuses a bad month before asking the server (exit 2)', async () => {
    const r = await runCli(['renewals', 'report', '--from', '2019-1', '--to', '2019-12', '--url', url, '--token', 'c365_x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from: "2019-1" is not a month (2019-01)');
  });
});
