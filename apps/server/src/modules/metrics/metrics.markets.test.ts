import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, runJobs, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { importUpload } from '../imports/index.ts';
import { makeMarket } from '../organisations/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';

/**
 * The stored movements carry the account's market (a series by market reads them without joining the accounts):
 * when an account moves to another market, by an edit or by an import (and the import's undo), its whole revenue
 * history moves with it, as a series that joined the accounts would show.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

type TGroup = { key: string | null; periods: { period: string; mrr: number; new: number }[] };

async function byMarket(h: Record<string, string>) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/metrics/mrr?from=2024-01&to=2024-06&by=month&groupBy=market', headers: h });
  expect(res.statusCode, res.body).toBe(200);
  const groups: TGroup[] = res.json().groups;
  // Per market: MRR in June and the new MRR of February (the subscription's start), and the one-market series.
  return new Map(groups.map((g) => [g.key, { june: g.periods.at(-1)?.mrr, februaryNew: g.periods[1]?.new }]));
}

async function oneMarket(h: Record<string, string>, code: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/metrics/mrr?from=2024-01&to=2024-06&by=month&market=${code}`, headers: h });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().periods.at(-1)?.mrr as number;
}

async function importAccounts(h: Record<string, string>, content: string) {
  const up = await t.app.inject({ method: 'POST', url: '/api/v1/imports', ...withHeaders(importUpload('accounts', content), h) });
  expect(up.statusCode, up.body).toBe(201);
  const id = up.json().id as string;
  const mapped = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/imports/${id}/mapping`,
    headers: h,
    payload: { mapping: up.json().suggestedMapping },
  });
  expect(mapped.statusCode, mapped.body).toBe(200);
  await settle(h, id, 'validated');
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${id}/start`,
    headers: h,
    payload: { mode: 'all_or_nothing' },
  });
  expect(started.statusCode, started.body).toBe(202);
  return settle(h, id, 'completed');
}

const withHeaders = (u: { payload: Buffer; headers: Record<string, string> }, h: Record<string, string>) => ({
  payload: u.payload,
  headers: { ...h, ...u.headers },
});

async function settle(h: Record<string, string>, id: string, status: string) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    await runJobs(t);
    const imp = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: h })).json();
    if (imp.status === status) return imp;
    if (!['validating', 'importing'].includes(imp.status)) throw new Error(`import ${id}: ${imp.status} ${imp.failureMessage}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`import ${id} did not reach ${status}`);
}

describe('a revenue series by market', () => {
  it('follows an account to its new market, after an edit and after an import', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const [north, south] = [await makeMarket(t, org.admin), await makeMarket(t, org.admin)];
    const moving = await makeAccount(t.app, h, { name: 'Moving', externalId: 'MOVE-1', marketId: north.id });
    const staying = await makeAccount(t.app, h, { name: 'Staying', marketId: south.id });
    await makeSubscription(t.app, h, moving.id, {
      termStart: '2024-02-01',
      lines: [{ description: 'Seats', quantity: 10, unitPrice: 30 }],
    });
    await makeSubscription(t.app, h, staying.id, {
      termStart: '2024-02-01',
      lines: [{ description: 'Seats', quantity: 1, unitPrice: 50 }],
    });
    expect(await byMarket(h)).toEqual(
      new Map([
        [north.id, { june: 300, februaryNew: 300 }],
        [south.id, { june: 50, februaryNew: 50 }],
      ]),
    );

    // An edit: the whole history (its new MRR of February too) now counts in the south.
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${moving.id}`,
      headers: h,
      payload: { marketId: south.id },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await byMarket(h)).toEqual(new Map([[south.id, { june: 350, februaryNew: 350 }]]));
    expect(await oneMarket(h, south.code)).toBe(350);
    expect(await oneMarket(h, north.code)).toBe(0);

    // An import that updates the account: back to the north.
    const done = await importAccounts(h, `external_id,name,market\r\nMOVE-1,Moving,${north.code}\r\n`);
    expect(done.updatedRows).toBe(1);
    expect(await byMarket(h)).toEqual(
      new Map([
        [north.id, { june: 300, februaryNew: 300 }],
        [south.id, { june: 50, februaryNew: 50 }],
      ]),
    );
    expect(await oneMarket(h, north.code)).toBe(300);
  });
});
