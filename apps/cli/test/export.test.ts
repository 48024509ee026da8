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
  ({ t, url, tmp, close } = await serveTestApp({ tmpPrefix: 'c365-cli-export-' }));
});
afterAll(() => close());

/** An organisation with two markets' worth of accounts, a contact, and an API token for the CLI. */
async function orgWithData(scopes = ['account:read', 'contact:read', 'market:read', 'export:run']) {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  const inject = async (method: 'POST' | 'GET', path: string, payload?: object) => {
    const res = await t.app.inject({ method, url: path, headers: h, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const nl = await inject('POST', '/api/v1/markets', { code: 'NL', name: 'Netherlands', language: 'nl', currency: 'EUR' });
  const acme = await inject('POST', '/api/v1/accounts', {
    name: 'Acme, "the" B.V.',
    segment: 'enterprise',
    marketId: nl.id,
    tags: ['pilot'],
  });
  await inject('POST', '/api/v1/accounts', { name: 'Beta Corp', segment: 'smb' });
  await inject('POST', '/api/v1/accounts', { name: '=HYPERLINK("x")', segment: 'enterprise', notes: 'line one\nline two' });
  await inject('POST', `/api/v1/accounts/${acme.id}/contacts`, {
    firstName: 'Chris',
    lastName: 'Champion',
    email: 'chris@acme.example',
    roles: ['champion'],
  });
  const token = await inject('POST', '/api/v1/api-tokens', { name: 'cli test', scopes });
  return { org, token: token.token as string, acmeId: acme.id as string };
}

const rowsOf = (csv: string) =>
  csv
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');

describe('customer365 export', () => {
  it('writes the filtered accounts CSV to a file through the API with a token', async () => {
    const { token } = await orgWithData();
    const out = path.join(tmp, 'nl-enterprise.csv');
    const r = await runCli([
      'export',
      'accounts',
      '--url',
      url,
      '--token',
      token,
      '--market',
      'nl',
      '--segment',
      'enterprise',
      '--out',
      out,
    ]);
    expect(r.stderr).toContain(`Exported 1 account to ${out}`);
    expect(r.code).toBe(0);
    const rows = rowsOf(fs.readFileSync(out, 'utf8'));
    expect(rows[0]).toMatch(/^id,name,domain,external_id,market,segment/);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('"Acme, ""the"" B.V."');
    expect(rows[1]).toContain(',NL,enterprise,');
    expect(fs.existsSync(`${out}.part`)).toBe(false);

    const unknown = await runCli(['export', 'accounts', '--url', url, '--token', token, '--market', 'XX']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--market: no market "XX" in this organisation (known: NL)');
  });

  it('streams every account to stdout when no file is given, taking url and token from the environment', async () => {
    const { token } = await orgWithData();
    const r = await runCli(['export', 'accounts', '--sort', 'name'], { env: { CUSTOMER365_URL: url, CUSTOMER365_TOKEN: token } });
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows).toHaveLength(4);
    // A cell a spreadsheet would run as a formula is defused.
    expect(r.stdout).toContain(`"'=HYPERLINK(""x"")"`);
    expect(r.stderr).toContain('Exported 3 accounts.');
  });

  it('exports contacts with their filters', async () => {
    const { token, acmeId } = await orgWithData();
    const out = path.join(tmp, 'contacts.csv');
    const r = await runCli(['export', 'contacts', '--url', url, '--token', token, '--account', acmeId, '--role', 'champion', '-o', out]);
    expect(r.code).toBe(0);
    const rows = rowsOf(fs.readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('chris@acme.example');
  });

  it('fails with clear messages and exit codes', async () => {
    const { token } = await orgWithData(['account:read']);
    const noToken = await runCli(['export', 'accounts', '--url', url]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('An API token is needed');

    const wrong = await runCli(['export', 'accounts', '--url', url, '--token', 'c365_not-a-real-token']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Exporting accounts failed: 401/);

    // The token lacks the export:run scope: 403, and no file is left behind.
    const out = path.join(tmp, 'forbidden.csv');
    const forbidden = await runCli(['export', 'accounts', '--url', url, '--token', token, '--out', out]);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/Exporting accounts failed: 403 FORBIDDEN/);
    expect(fs.existsSync(out)).toBe(false);

    const badFilter = await runCli(['export', 'accounts', '--url', url, '--token', token, '--segment', 'galactic']);
    expect(badFilter.code).toBe(2);
    expect(badFilter.stderr).toMatch(/400 VALIDATION_FAILED[\s\S]*segment/);

    // Market codes are looked up through the API, which this token may not read either.
    const marketLookup = await runCli(['export', 'accounts', '--url', url, '--token', token, '--market', 'NL']);
    expect(marketLookup.code).toBe(1);
    expect(marketLookup.stderr).toMatch(/Listing markets failed: 403/);

    const down = await runCli(['export', 'accounts', '--url', 'http://127.0.0.1:9', '--token', token]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('Cannot reach Customer365 at http://127.0.0.1:9');

    const badEntity = await runCli(['export', 'deals', '--url', url, '--token', token]);
    expect(badEntity.code).toBe(2);
    expect(badEntity.stderr).toContain('Allowed choices are accounts, contacts');
  });

  it('lists its commands in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['start', 'migrate', 'seed-demo', 'create-admin', 'import', 'export']) expect(r.stdout).toContain(`  ${command}`);
  });
});
