import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { PLAYBOOK_EXPECTED, PLAYBOOK_FILE, PLAYBOOK_QUERY, playbookRows } from '../../../test/mrr-playbook.ts';
import { makeAccount } from '../accounts/index.ts';
import { csv, multipartBody, settle, startAndRun } from './imports.test-helpers.ts';

/** Subscriptions in the periods form through the imports flow: upload with options → mapping → validation → import. */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

async function uploadSubscriptions(h: Record<string, string>, content: string | Buffer, fields: Record<string, string> = {}) {
  const body = await multipartBody({ entity: 'subscriptions', ...fields }, { name: 'periods.csv', content });
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...h, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function validate(h: Record<string, string>, id: string, mapping: Record<string, string | null>) {
  const put = await t.app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: h, payload: { mapping } });
  expect(put.statusCode, put.body).toBe(200);
  return settle(t, h, id);
}

async function importFile(
  h: Record<string, string>,
  content: string | Buffer,
  fields: Record<string, string>,
  mode: 'all_or_nothing' | 'skip_invalid',
) {
  const up = await uploadSubscriptions(h, content, fields);
  expect(up.statusCode, up.body).toBe(201);
  const validated = await validate(h, up.json().id, up.json().suggestedMapping);
  expect(validated.status, validated.failureMessage).toBe('validated');
  return startAndRun(t, h, up.json().id, mode);
}

describe('importing subscriptions (periods)', () => {
  it('imports the MRR playbook with missing accounts created: the metrics give its table, and a second import changes nothing', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: h, payload: { reportingCurrency: 'USD' } });
    const file = fs.readFileSync(PLAYBOOK_FILE);
    const up = await uploadSubscriptions(h, file, { format: 'periods', createMissingAccounts: 'true' });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().options).toEqual({ format: 'periods', createMissingAccounts: true });
    expect(up.json().suggestedMapping).toEqual({
      subscription_id: null,
      customer_id: 'customerId',
      start_date: 'startDate',
      end_date: 'endDate',
      monthly_amount: 'monthlyAmount',
    });

    const first = await importFile(h, file, { createMissingAccounts: 'true' }, 'all_or_nothing');
    expect(first.status, first.failureMessage).toBe('completed');
    expect([first.totalRows, first.insertedRows, first.updatedRows, first.unchangedRows]).toEqual([121, 121, 0, 0]);
    const accounts = await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=&pageSize=100', headers: h });
    expect(accounts.json().total).toBe(55);

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/metrics/mrr?${PLAYBOOK_QUERY}`, headers: h });
    expect(res.statusCode, res.body).toBe(200);
    expect(playbookRows(res.json().periods)).toEqual(PLAYBOOK_EXPECTED);

    const second = await importFile(h, file, { createMissingAccounts: 'true' }, 'all_or_nothing');
    expect(second.status, second.failureMessage).toBe('completed');
    expect([second.insertedRows, second.updatedRows, second.unchangedRows]).toEqual([0, 0, 121]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts?pageSize=100', headers: h })).json().total).toBe(55);
    const again = await t.app.inject({ method: 'GET', url: `/api/v1/metrics/mrr?${PLAYBOOK_QUERY}`, headers: h });
    expect(again.json().periods).toEqual(res.json().periods);
  }, 180_000); // 121 rows, 55 accounts, two passes: slow on a busy 2-core machine

  it('reports every bad row naming its column; skip_invalid writes the valid ones, all_or_nothing refuses', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    await makeAccount(t.app, h, { name: 'Known', externalId: 'K1' });
    const file = csv([
      ['Customer ID', 'Start date', 'End date', 'MRR', 'Plan', 'Currency', 'Seats'],
      ['K1', '2025-01-01', '2025-04-01', '100', '', 'eur', '2'],
      ['K1', '2025-04-01', '', '120', '', 'EUR', '2'],
      ['UNKNOWN', '2025-01-01', '', '10', '', '', ''],
      ['K1', 'soon', '', '10', '', '', ''],
      ['K1', '2025-05-01', '2025-04-01', '10', '', '', ''],
      ['K1', '2025-01-01', '', '-5', '', '', ''],
      ['K1', '2025-01-01', '', '5', 'no-such-plan', '', ''],
      ['K1', '2025-01-01', '', '5', '', 'euro', ''],
      ['K1', '2025-01-01', '', '5', '', '', '0'],
      ['', '2025-01-01', '', '5', '', '', ''],
    ]);
    const up = await uploadSubscriptions(h, file);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().options).toEqual({ format: 'periods', createMissingAccounts: false });
    const validated = await validate(h, up.json().id, up.json().suggestedMapping);
    expect([validated.totalRows, validated.validRows, validated.errorRows]).toEqual([10, 2, 8]);
    const errors = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${up.json().id}/errors`, headers: h });
    expect(errors.json().items.map((e: Record<string, unknown>) => [e.rowNumber, e.field, e.column, e.code])).toEqual([
      [4, 'customerId', 'Customer ID', 'no_account_with_customer_id'],
      [5, 'startDate', 'Start date', 'not_a_date'],
      [6, 'endDate', 'End date', 'end_after_start'],
      [7, 'monthlyAmount', 'MRR', 'amount_not_negative'],
      [8, 'plan', 'Plan', 'unknown_plan_code'],
      [9, 'currency', 'Currency', 'currency_code'],
      [10, 'quantity', 'Seats', 'number_between'],
      [11, 'customerId', 'Customer ID', 'is_required'],
    ]);
    const nl = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${up.json().id}/errors`,
      headers: { ...h, 'accept-language': 'nl' },
    });
    expect(nl.json().items[3].message).toBe('moet 0 of meer zijn');

    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${up.json().id}/start`,
      headers: h,
      payload: { mode: 'all_or_nothing' },
    });
    expect(refused.statusCode).toBe(400);
    const done = await startAndRun(t, h, up.json().id, 'skip_invalid');
    expect([done.status, done.insertedRows, done.skippedRows]).toEqual(['completed', 2, 8]);
    const subs = await t.app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: h });
    expect(subs.json().items).toHaveLength(1);
    expect(subs.json().items[0]).toMatchObject({ currency: 'EUR', mrr: 120 });
  });

  it('imports the changes form: each row one effective-dated change, its reason one of the list; a second import changes nothing', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Changer', externalId: 'CH1' });
    const reason = await t.app.inject({ method: 'POST', url: '/api/v1/cancel-reasons', headers: h, payload: { label: 'Too expensive' } });
    expect(reason.statusCode, reason.body).toBe(201);
    const file = csv([
      ['customer_id', 'effective_date', 'change', 'unit_price', 'quantity', 'reason', 'comment'],
      ['CH1', '2025-01-01', 'start', '100', '2', '', ''],
      ['CH1', '2025-04-01', 'upgrade', '150', '', '', ''],
      ['CH1', '2025-09-01', 'cancel', '', '', 'too EXPENSIVE', 'moving to a cheaper tool'],
      ['CH1', '2025-02-01', 'quantity', '', '', '', ''],
      ['CH1', '2025-02-01', 'teleport', '', '', '', ''],
      ['CH1', '2025-10-01', 'end', '', '', 'Bad weather', ''],
    ]);
    const up = await uploadSubscriptions(h, file, { format: 'changes' });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().targetFields.map((f: { key: string }) => f.key)).toContain('effectiveDate');
    const validated = await validate(h, up.json().id, up.json().suggestedMapping);
    const errors = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${up.json().id}/errors`, headers: h });
    expect(errors.json().items.map((e: Record<string, unknown>) => [e.rowNumber, e.field, e.code])).toEqual([
      [5, 'quantity', 'is_required'],
      [6, 'change', 'not_a_choice'],
      [7, 'reason', 'unknown_cancel_reason'],
    ]);
    expect(errors.json().items[2].message).toContain('"Bad weather"');
    expect(validated.validRows).toBe(3);
    const done = await startAndRun(t, h, up.json().id, 'skip_invalid');
    expect([done.status, done.insertedRows, done.skippedRows]).toEqual(['completed', 3, 3]);
    const changes = await t.app.inject({ method: 'GET', url: `/api/v1/subscription-changes?accountId=${account.id}`, headers: h });
    expect(
      changes
        .json()
        .items.map((c: { kind: string }) => c.kind)
        .sort(),
    ).toEqual(['cancel_request', 'start', 'upgrade']);
    const cancel = changes.json().items.find((c: { kind: string }) => c.kind === 'cancel_request');
    expect(cancel).toMatchObject({ reasonId: reason.json().id, reasonLabel: 'Too expensive', comment: 'moving to a cheaper tool' });

    const again = await uploadSubscriptions(h, file, { format: 'changes' });
    await validate(h, again.json().id, again.json().suggestedMapping);
    const second = await startAndRun(t, h, again.json().id, 'skip_invalid');
    expect([second.insertedRows, second.updatedRows, second.unchangedRows]).toEqual([0, 0, 3]);
  }, 120_000);

  it('adds the reasons the organisation lacks when asked to ("create missing reasons"), once each', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const file = csv([
      ['customer_id', 'subscription_id', 'effective_date', 'change', 'unit_price', 'reason'],
      ['R1', 'a', '2025-01-01', 'start', '100', ''],
      ['R1', 'a', '2025-05-01', 'cancel', '', 'Switched vendor'],
      ['R2', 'b', '2025-01-01', 'start', '50', ''],
      ['R2', 'b', '2025-03-01', 'cancel', '', 'switched VENDOR'],
      ['R3', 'c', '2025-02-01', 'start', '70', ''],
      ['R3', 'c', '2025-04-01', 'end', '', 'Budget cuts'],
    ]);
    const fields = { format: 'changes', createMissingAccounts: 'true', createMissingReasons: 'true' };
    const up = await uploadSubscriptions(h, file, fields);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().options).toEqual({ format: 'changes', createMissingAccounts: true, createMissingReasons: true });
    expect((await validate(h, up.json().id, up.json().suggestedMapping)).errorRows).toBe(0);
    expect((await startAndRun(t, h, up.json().id, 'all_or_nothing')).insertedRows).toBe(6);
    const reasons = (await t.app.inject({ method: 'GET', url: '/api/v1/cancel-reasons', headers: h })).json();
    const labels = (reasons.items ?? reasons).map((r: { label: string }) => r.label).sort();
    expect(labels).toEqual(['Budget cuts', 'Switched vendor']);
    const changes = (await t.app.inject({ method: 'GET', url: '/api/v1/subscription-changes?pageSize=100', headers: h })).json().items;
    expect(
      changes
        .filter((c: { reasonLabel: string | null }) => c.reasonLabel)
        .map((c: { reasonLabel: string }) => c.reasonLabel)
        .sort(),
    ).toEqual(['Budget cuts', 'Switched vendor', 'Switched vendor']);

    const again = await uploadSubscriptions(h, file, fields);
    await validate(h, again.json().id, again.json().suggestedMapping);
    expect((await startAndRun(t, h, again.json().id, 'all_or_nothing')).unchangedRows).toBe(6);
  }, 120_000);

  it('takes its options only for subscriptions, and only known ones', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const file = csv([
      ['customer_id', 'start_date', 'monthly_amount'],
      ['A', '2025-01-01', '5'],
    ]);
    const accounts = await multipartBody({ entity: 'accounts', createMissingAccounts: 'true' }, { name: 'a.csv', content: file });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...h, 'content-type': accounts.contentType },
      payload: accounts.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ field: 'createMissingAccounts', code: 'subscription_option_only' });
    const badFormat = await uploadSubscriptions(h, file, { format: 'yearly' });
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().details[0].field).toBe('format');
    const badFlag = await uploadSubscriptions(h, file, { createMissingAccounts: 'yes' });
    expect(badFlag.statusCode).toBe(400);
    expect(badFlag.json().details[0].field).toBe('createMissingAccounts');
    const badReasons = await uploadSubscriptions(h, file, { format: 'changes', createMissingReasons: 'maybe' });
    expect(badReasons.statusCode).toBe(400);
    expect(badReasons.json().details[0].field).toBe('createMissingReasons');
  });
});
