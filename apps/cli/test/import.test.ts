import fs from 'node:fs';
import path from 'node:path';
import { createTestOrg, type TestApp } from '@customer365/server/test/harness.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import { serveTestApp } from './serve-test-app.ts';

let t: TestApp;
let url: string;
let close: () => Promise<void>;
let tmp: string;

beforeAll(async () => {
  // The worker runs, as in production, so the validation and import jobs the CLI waits for get done.
  ({ t, url, tmp, close } = await serveTestApp({ worker: true, tmpPrefix: 'c365-cli-import-' }));
});
afterAll(() => close());

async function orgWithToken() {
  const org = await createTestOrg(t);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-tokens',
    headers: org.admin.headers,
    payload: { name: 'cli import', scopes: ['import:run', 'account:read', 'contact:read'] },
  });
  expect(res.statusCode).toBe(201);
  const get = async (path: string) => (await t.app.inject({ method: 'GET', url: path, headers: org.admin.headers })).json();
  return { org, token: res.json().token as string, get };
}

const file = (name: string, content: string | Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};

const ACCOUNTS_CSV = [
  'Name,Domain,Segment,Employees',
  'Acme Import B.V.,acme-import.nl,enterprise,250',
  'Bad Row Ltd,not a domain,galactic,-5',
  'Gamma GmbH,gamma.de,smb,12',
].join('\r\n');

describe('customer365 import', () => {
  it('lists every row error and imports nothing in all_or_nothing mode; skip_invalid imports the rest; a re-import updates', async () => {
    const { token, get } = await orgWithToken();
    const csv = file('accounts.csv', ACCOUNTS_CSV);
    const args = ['import', 'accounts', csv, '--url', url, '--token', token];

    const strict = await runCli(args);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('3 rows: 2 valid, 1 with errors.');
    expect(strict.stderr).toContain('row 3, Domain (domain): must be a domain such as example.com');
    expect(strict.stderr).toContain(
      'row 3, Segment (segment): must be one of these: Enterprise, Mid-market (mid_market), Small business (smb) — value "galactic"',
    );
    expect(strict.stderr).toContain('Nothing was imported (--mode all_or_nothing)');
    expect((await get('/api/v1/accounts')).total).toBe(0);

    const lenient = await runCli([...args, '--mode', 'skip_invalid']);
    expect(lenient.stderr).toContain('Imported accounts: 2 created, 0 updated, 1 skipped.');
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/Importing: 3 \/ 3 rows \(100%\)/);
    const list = await get('/api/v1/accounts?sort=name');
    expect(list.items.map((a: { name: string; employees: number }) => [a.name, a.employees])).toEqual([
      ['Acme Import B.V.', 250],
      ['Gamma GmbH', 12],
    ]);

    const again = await runCli([...args, '--mode', 'skip_invalid']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Imported accounts: 0 created, 2 updated, 1 skipped.');
    expect((await get('/api/v1/accounts')).total).toBe(2);
  });

  it('imports contacts from .xlsx with a mapping file', async () => {
    const { token, get } = await orgWithToken();
    const okAccount = await runCli([
      'import',
      'accounts',
      file('one.csv', 'Name,Domain\r\nAcme,acme.example\r\n'),
      '--url',
      url,
      '--token',
      token,
    ]);
    expect(okAccount.code).toBe(0);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Contacts');
    ws.addRow(['Voornaam', 'Achternaam', 'E-mail adres', 'Bedrijf', 'Opmerking']);
    ws.addRow(['Anna', 'Jansen', 'anna@acme.example', 'acme.example', 'ignored']);
    const xlsx = file('contacts.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const mapping = file(
      'mapping.json',
      JSON.stringify({ Voornaam: 'firstName', Achternaam: 'lastName', 'E-mail adres': 'email', Bedrijf: 'accountDomain', Opmerking: null }),
    );
    const r = await runCli(['import', 'contacts', xlsx, '--mapping', mapping, '--url', url, '--token', token]);
    expect(r.stderr).toContain('Imported contacts: 1 created, 0 updated, 0 skipped.');
    expect(r.code).toBe(0);
    const contacts = await get('/api/v1/contacts');
    expect(contacts.items).toMatchObject([{ firstName: 'Anna', lastName: 'Jansen', email: 'anna@acme.example', accountName: 'Acme' }]);
  });

  it('explains a mapping the server refuses, and discards that upload', async () => {
    const { token, get } = await orgWithToken();
    const csv = file('contacts.csv', 'Given,Mail\r\nAnna,anna@acme.example\r\n');
    const r = await runCli(['import', 'contacts', csv, '--url', url, '--token', token]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Setting the column mapping failed: 400 VALIDATION_FAILED/);
    expect(r.stderr).toContain('map a column to "firstName" (First name); it is required');
    expect(r.stderr).toContain('--mapping file.json');
    expect((await get('/api/v1/imports')).total).toBe(0);

    const badJson = await runCli(['import', 'contacts', csv, '--mapping', file('bad.json', '["x"]'), '--url', url, '--token', token]);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('must hold one JSON object mapping file columns to fields');
    const wrongType = await runCli(['import', 'accounts', file('notes.txt', 'hello'), '--url', url, '--token', token]);
    expect(wrongType.code).toBe(2);
    expect(wrongType.stderr).toContain('must be a .csv or .xlsx file');
    const badMode = await runCli(['import', 'accounts', csv, '--mode', 'some', '--url', url, '--token', token]);
    expect(badMode.code).toBe(2);
    expect((await get('/api/v1/imports')).total).toBe(0);
  });
});
