import fs from 'node:fs';
import path from 'node:path';
import { createTestOrg, type TestApp } from '@customer365/server/test/harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import { serveTestApp } from './serve-test-app.ts';

let t: TestApp;
let url: string;
let close: () => Promise<void>;
let tmp: string;

beforeAll(async () => {
  ({ t, url, tmp, close } = await serveTestApp({ tmpPrefix: 'c365-cli-usage-' }));
});
afterAll(() => close());

describe('customer365 import usage', () => {
  it('checks every row, sends the valid events, and stores nothing twice when the file is imported again', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: h, payload: { name: 'Acme', externalId: 'ACME' } });
    const token = (
      await t.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: h, payload: { name: 'usage', scopes: ['usage:write'] } })
    ).json().token as string;
    const file = path.join(tmp, 'events.csv');
    fs.writeFileSync(
      file,
      [
        'Customer ID,User,Event,Time,plan,seats',
        'ACME,ann,Report exported,2026-11-01T10:00:00Z,pro,12',
        'ACME,bob,Report exported,2026-11-02T10:00:00Z,pro,12',
        'GLOBEX,cy,Logged in,2026-11-02T11:00:00Z,basic,3',
        'ACME,ann,,2026-11-03T10:00:00Z,pro,12',
        'ACME,ann,Logged in,yesterday,pro,12',
      ].join('\n'),
    );
    const strict = await runCli(['import', 'usage', file, '--url', url, '--token', token]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('row 5: event: is empty');
    expect(strict.stderr).toContain('row 6: timestamp: "yesterday" is not a date and time');
    const first = await runCli(['import', 'usage', file, '--mode', 'skip_invalid', '--url', url, '--token', token]);
    expect(first.stderr).toContain('Checked 5 rows: 3 valid, 2 with errors.');
    expect(first.stderr).toContain('3 events stored, 0 already stored');
    expect(first.code).toBe(0);
    const again = await runCli(['import', 'usage', file, '--mode', 'skip_invalid', '--url', url, '--token', token]);
    expect(again.stderr).toContain('0 events stored, 3 already stored');
    // GLOBEX is no account's external id: kept and listed for mapping.
    const keys = (await t.app.inject({ method: 'GET', url: '/api/v1/usage/keys', headers: h })).json();
    expect(keys.items.map((k: { key: string; events: number }) => [k.key, k.events])).toEqual([['GLOBEX', 1]]);
  });
});
