import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { multipartBody } from '../../../test/multipart.ts';
import { makeAccount } from '../accounts/index.ts';
import { csvTimestamp, normaliseHeader } from './usage.csv.ts';
import { usageEvents } from './usage.table.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const importCsv = async (headers: Record<string, string>, content: string, lang = 'en', field = 'file') => {
  const body = await multipartBody({}, { name: 'usage.csv', content, type: 'text/csv' });
  const payload =
    field === 'file' ? body.payload : Buffer.from(body.payload.toString('latin1').replace('name="file"', `name="${field}"`), 'latin1');
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/usage/events/import',
    headers: { ...headers, 'content-type': body.contentType, 'accept-language': lang },
    payload,
  });
};

const storedOf = (orgId: string) =>
  t.db
    .select({
      messageId: usageEvents.messageId,
      event: usageEvents.event,
      ts: usageEvents.ts,
      accountId: usageEvents.accountId,
      props: usageEvents.properties,
    })
    .from(usageEvents)
    .where(and(eq(usageEvents.orgId, orgId)))
    .orderBy(asc(usageEvents.messageId));

describe('usage CSV import', () => {
  it('stores each valid row once, keeps unknown external ids for mapping, and names each refused row, field and reason', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const acme = await makeAccount(t.app, h, { name: 'Acme', externalId: 'ACME-1' });
    const csv = [
      'Message ID;Timestamp;Event;Account External ID;User ID;seats',
      'm-1;2026-11-02;Report exported;ACME-1;u1;12',
      'm-2;2026-11-02 09:30;Logged in;ACME-1;u2;',
      'm-3;yesterday;Logged in;ACME-1;u2;',
      'm-4;2026-11-03T08:00:00+01:00;;ACME-1;u1;',
      'm-5;2026-11-03T08:00:00Z;Logged in;NEW-CO;u9;',
      'm-6;1999-01-01;Logged in;ACME-1;u1;',
    ].join('\n');
    const res = await importCsv(h, csv);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ received: 6, stored: 3, duplicates: 0, rejectedCount: 3 });
    expect(body.rejected.map((r: { row: number; field: string; code: string }) => [r.row, r.field, r.code])).toEqual([
      [4, 'timestamp', 'usage_event_bad_timestamp'],
      [5, 'event', 'usage_event_no_name'],
      [7, 'timestamp', 'usage_event_timestamp_range'],
    ]);
    const stored = await storedOf(org.orgId);
    expect(stored.map((e) => [e.messageId, e.event, e.ts.toISOString(), e.accountId])).toEqual([
      ['m-1', 'Report exported', '2026-11-02T00:00:00.000Z', acme.id],
      ['m-2', 'Logged in', '2026-11-02T09:30:00.000Z', acme.id],
      ['m-5', 'Logged in', '2026-11-03T08:00:00.000Z', null],
    ]);
    // Columns it does not know become properties, numbers as numbers.
    const props = stored[0]?.props;
    expect(typeof props === 'string' ? JSON.parse(props) : props).toEqual({ seats: 12 });
    const unmapped = await t.app.inject({ method: 'GET', url: '/api/v1/usage/keys', headers: h });
    expect(unmapped.json().items.map((k: { key: string }) => k.key)).toContain('NEW-CO');

    // The same file again: every stored row is a duplicate (idempotent on message_id).
    const again = (await importCsv(h, csv)).json();
    expect(again).toMatchObject({ stored: 0, duplicates: 3, rejectedCount: 3 });
    expect(await storedOf(org.orgId)).toHaveLength(3);

    // Without a message_id a row is known by its number and cells (as the CLI derives it): again, nothing twice.
    const noIds = 'event,account_external_id,timestamp\nLogged in,ACME-1,2026-11-04\nLogged in,ACME-1,2026-11-04\n';
    expect((await importCsv(h, noIds)).json()).toMatchObject({ stored: 2, duplicates: 0 });
    expect((await importCsv(h, noIds)).json()).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await storedOf(org.orgId)).toHaveLength(5);
  });

  it('answers 400 naming the file when a required column is missing, in the request language', async () => {
    const org = await createTestOrg(t);
    const noAccount = await importCsv(org.admin.headers, 'event,timestamp\nLogged in,2026-11-02\n', 'nl');
    expect(noAccount.statusCode).toBe(400);
    expect(noAccount.json().details).toEqual([expect.objectContaining({ field: 'file', code: 'usage_csv_no_account_column' })]);
    expect(noAccount.json().details[0].message).toContain('kolom');
    const noEvent = await importCsv(org.admin.headers, 'account_id,timestamp\n');
    expect(noEvent.json().details[0]).toMatchObject({ field: 'file', code: 'usage_csv_missing_column' });
    const empty = await importCsv(org.admin.headers, 'account_id,event\n');
    expect(empty.json().details[0]).toMatchObject({ field: 'file', code: 'usage_csv_no_rows' });
    const wrongField = await importCsv(org.admin.headers, 'account_id,event\n', 'en', 'upload');
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().details[0]).toMatchObject({ field: 'upload', code: 'usage_csv_unexpected_field' });
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: '/api/v1/usage/events/import',
      headers: org.admin.headers,
      payload: { events: [] },
    });
    expect(notMultipart.statusCode).toBe(415);
  });

  it('is refused to a role that may not write usage, before the file is read, and never reaches another organisation', async () => {
    const org = await createTestOrg(t);
    const other = await createTestOrg(t);
    const theirs = await makeAccount(t.app, other.admin.headers, { name: 'Theirs' });
    const csm = await org.as('csm');
    expect((await importCsv(csm.headers, `account_id,event\n${theirs.id},Logged in\n`)).statusCode).toBe(403);
    const res = (await importCsv(org.admin.headers, `account_id,event\n${theirs.id},Logged in\n`)).json();
    expect(res).toMatchObject({
      stored: 0,
      rejectedCount: 1,
      rejected: [{ row: 2, field: 'accountId', code: 'usage_event_account_unknown' }],
    });
    expect(await storedOf(other.orgId)).toHaveLength(0);
  });
});

describe('CSV cells', () => {
  it('reads header names and timestamps the way spreadsheets write them', () => {
    expect(['\uFEFFAccount ID', 'accountExternalId', 'user-id', ' Event '].map(normaliseHeader)).toEqual([
      'account_id',
      'account_external_id',
      'user_id',
      'event',
    ]);
    expect(csvTimestamp('2026-11-02')).toBe('2026-11-02T00:00:00Z');
    expect(csvTimestamp('2026-11-02 09:30')).toBe('2026-11-02T09:30:00Z');
    expect(csvTimestamp('2026-11-02T09:30:15.5+02:00')).toBe('2026-11-02T09:30:15.5+02:00');
    expect(csvTimestamp('02/11/2026')).toBeNull();
  });
});
