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
  ({ t, url, tmp, close } = await serveTestApp({ tmpPrefix: 'c365-cli-surveys-' }));
});
afterAll(() => close());

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
