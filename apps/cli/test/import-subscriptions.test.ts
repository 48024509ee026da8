import fs from 'node:fs';
import path from 'node:path';
import { createTestOrg, type TestApp } from '@customer365/server/test/harness.ts';
import { PLAYBOOK_EXPECTED, PLAYBOOK_FILE, PLAYBOOK_QUERY, playbookRows } from '@customer365/server/test/mrr-playbook.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import { serveTestApp } from './serve-test-app.ts';

let t: TestApp;
let url: string;
let close: () => Promise<void>;
let tmp: string;

beforeAll(async () => {
  ({ t, url, tmp, close } = await serveTestApp({ worker: true, tmpPrefix: 'c365-cli-subscriptions-' }));
});
afterAll(() => close());

async function orgWithToken() {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  await t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: h, payload: { reportingCurrency: 'USD' } });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-tokens',
    headers: h,
    payload: { name: 'cli import', scopes: ['import:run'] },
  });
  expect(res.statusCode).toBe(201);
  const get = async (p: string) => (await t.app.inject({ method: 'GET', url: p, headers: h })).json();
  return { token: res.json().token as string, get };
}

describe('customer365 import subscriptions', () => {
  it('imports the MRR playbook end to end: the metrics give its table, and a second import changes nothing', async () => {
    const { token, get } = await orgWithToken();
    const args = [
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
    ];
    const first = await runCli(args);
    expect(first.stderr).toContain('121 rows: 121 valid, 0 with errors.');
    expect(first.stderr).toContain('Imported subscriptions: 121 created, 0 updated, 0 unchanged, 0 skipped.');
    expect(first.code).toBe(0);
    expect((await get('/api/v1/accounts?pageSize=100')).total).toBe(55);
    const metrics = await get(`/api/v1/metrics/mrr?${PLAYBOOK_QUERY}`);
    expect(playbookRows(metrics.periods)).toEqual(PLAYBOOK_EXPECTED);

    const second = await runCli(args);
    expect(second.stderr).toContain('Imported subscriptions: 0 created, 0 updated, 121 unchanged, 0 skipped.');
    expect(second.code).toBe(0);
    expect((await get(`/api/v1/metrics/mrr?${PLAYBOOK_QUERY}`)).periods).toEqual(metrics.periods);
  }, 240_000);

  it('without --create-missing-accounts an unknown customer is a row error naming the column', async () => {
    const { token, get } = await orgWithToken();
    const csv = path.join(tmp, 'periods.csv');
    fs.writeFileSync(csv, 'customer_id,start_date,end_date,monthly_amount\r\nC9,2025-01-01,,10\r\n');
    const r = await runCli(['import', 'subscriptions', csv, '--format', 'periods', '--url', url, '--token', token]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'row 2, customer_id (customerId): no account has this external id (choose "create missing accounts" to create one)',
    );
    expect((await get('/api/v1/subscriptions')).total).toBe(0);

    const wrong = await runCli(['import', 'accounts', csv, '--create-missing-accounts', '--url', url, '--token', token]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('options of "import subscriptions"');
    const badForm = await runCli(['import', 'subscriptions', csv, '--format', 'yearly', '--url', url, '--token', token]);
    expect(badForm.code).toBe(2);
  });
});
