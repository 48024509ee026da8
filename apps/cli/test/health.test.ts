import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestOrg, type TestApp } from '@customer365/server/test/harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareTelco, TELCO_TEST_FIELD } from '../../../bench/lib/telco-churn.ts';
import { runCli } from './run-cli.ts';
import { serveTestApp } from './serve-test-app.ts';

// 300 customers of the Telco Customer Churn sample data (every 23rd by customerID; 73 churned): imported through the
// product's own importers, then evaluated and fitted with `customer365 health evaluate`.
const SAMPLE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/telco-churn-sample.csv');

let t: TestApp;
let url: string;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, url, close } = await serveTestApp({ worker: true }));
});
afterAll(() => close());

interface TEvaluation {
  test: { n: number; positives: number; auc: number };
  train: { n: number; positives: number; auc: number };
  inputs: { name: string; weight: number }[];
  unfitted: { test: { auc: number } } | null;
  saved: { version: number } | null;
}

describe('customer365 health evaluate', () => {
  it('imports churn data through the importers, evaluates the default scorecard and fits a better one', { timeout: 240_000 }, async () => {
    const org = await createTestOrg(t);
    const inject = async (method: 'POST' | 'GET', p: string, payload?: object) => {
      const res = await t.app.inject({ method, url: p, headers: org.admin.headers, payload });
      if (res.statusCode >= 300) throw new Error(`${method} ${p}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const today = t.clock.now().toISOString().slice(0, 10);
    const files = prepareTelco(fs.readFileSync(SAMPLE, 'utf8'), today);
    for (const f of files.fields)
      await inject('POST', '/api/v1/custom-fields', {
        entity: 'account',
        key: f.key,
        label: f.label,
        type: f.type,
        ...(f.options ? { options: f.options } : {}),
      });
    const scopes = ['import:run', 'account:write', 'subscription:write', 'health:configure', 'health:read'];
    const { token } = await inject('POST', '/api/v1/api-tokens', { name: 'health', scopes });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-telco-'));
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const common = ['--url', url, '--token', token];
    const accounts = await runCli([
      'import',
      'accounts',
      write('accounts.csv', files.accountsCsv),
      '--mapping',
      write('a.json', JSON.stringify(files.accountMapping)),
      ...common,
    ]);
    expect(accounts.code, accounts.stderr).toBe(0);
    const subs = await runCli([
      'import',
      'subscriptions',
      write('changes.csv', files.changesCsv),
      '--format',
      'changes',
      '--mapping',
      write('s.json', JSON.stringify(files.changesMapping)),
      ...common,
    ]);
    expect(subs.code, subs.stderr).toBe(0);

    const evaluate = async (...extra: string[]) => {
      const r = await runCli(['health', 'evaluate', '--outcome', 'churned', '--json', ...extra, ...common]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as TEvaluation;
    };
    // Without a split every account is in both parts: the default scorecard on all 300.
    const whole = await evaluate();
    expect(whole.test).toMatchObject({ n: files.rows, positives: files.churners });
    expect(whole.test.auc).toBeGreaterThanOrEqual(0.75);

    const plain = await evaluate('--test-field', TELCO_TEST_FIELD);
    expect(Object.keys(plain).slice(0, 3)).toEqual(['test', 'train', 'inputs']);
    expect(plain.test).toMatchObject({ n: files.testRows, positives: expect.any(Number) });
    expect(plain.train.n).toBe(files.rows - files.testRows);
    expect(plain.test.positives + (plain.train as { positives: number }).positives).toBe(files.churners);
    expect(plain.test.auc).toBeGreaterThanOrEqual(0.7);
    expect(plain.inputs.map((i) => i.name)).toContain('subscription.tenure_months');

    const fitted = await evaluate('--test-field', TELCO_TEST_FIELD, '--fit', '--save');
    expect(fitted.train.auc).toBeGreaterThan(plain.train.auc);
    expect(fitted.test.auc).toBeGreaterThanOrEqual(0.75);
    expect(fitted.inputs.map((i) => i.name)).not.toContain(`custom.${TELCO_TEST_FIELD}`);
    expect(fitted.inputs.every((i) => typeof i.weight === 'number' && i.weight > 0)).toBe(true);
    expect(fitted.saved?.version).toBe(2);

    const both = await runCli(['health', 'evaluate', '--outcome', 'churned', '--test-field', 'x', '--test-share', '0.2', ...common]);
    expect(both.code).toBe(2);
  });
});
