import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildTestApp, createTestOrg, type TestApp } from '@customer365/server/test/harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let t: TestApp;
let url: string;
let tmp: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-cli-surveys-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('customer365 import survey-responses', () => {
  it('finds the survey by name, records the answers, lists the refused rows, and records nothing twice', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: h, payload: { name: 'Acme', externalId: 'ACME' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/surveys', headers: h, payload: { name: 'Quarterly NPS', kind: 'nps' } });
    const token = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: h,
        payload: { name: 'surveys', scopes: ['survey:read', 'survey_response:write'] },
      })
    ).json().token as string;
    const file = path.join(tmp, 'nps.csv');
    fs.writeFileSync(
      file,
      ['account,score,comment,answered_at', 'ACME,9,Great,2026-11-01', 'ACME,2,Slow,2026-11-02', 'Nobody,8,,'].join('\n'),
    );
    const first = await runCli(['import', 'survey-responses', file, '--survey', 'quarterly nps', '--url', url, '--token', token]);
    expect(first.stderr).toContain('2 answers recorded, 0 already there, 1 refused (of 3 rows).');
    expect(first.stderr).toContain('row 4, account:');
    expect(first.code).toBe(1);
    const again = await runCli(['import', 'survey-responses', file, '--survey', 'Quarterly NPS', '--url', url, '--token', token]);
    expect(again.stderr).toContain('0 answers recorded, 2 already there');
    const missing = await runCli(['import', 'survey-responses', file, '--survey', 'CSAT', '--url', url, '--token', token]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no survey is named "CSAT"');
    const answers = (await t.app.inject({ method: 'GET', url: '/api/v1/surveys/responses', headers: h })).json();
    expect(answers.total).toBe(2);
  });
});
