import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

describe('audit log list', () => {
  it('sorts by action or actor and exports the filtered entries in the same order', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: h, payload: { name: 'Audited' } });
    const id = created.json().id;
    t.clock.advance(60_000);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${id}`, headers: h, payload: { employees: 5 } });
    t.clock.advance(60_000);
    await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${id}/archive`, headers: h });

    const actions = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityId=${id}&${query}`, headers: h }))
        .json()
        .items.map((e: { action: string }) => e.action);
    expect(await actions('')).toEqual(['archived', 'updated', 'created']);
    expect(await actions('order=asc')).toEqual(['created', 'updated', 'archived']);
    expect(await actions('sort=action&order=asc')).toEqual(['archived', 'created', 'updated']);

    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/audit-log/export.csv?entityId=${id}&sort=action`, headers: h });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('audit-log.csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('at,actor,actor_user_id,entity_type,entity_id,action,before,after,request_id');
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['updated', 'created', 'archived']);
    // before/after as JSON, quoted for CSV.
    expect(lines.find((l) => l.includes(',updated,'))).toContain('"{""employees"":null}","{""employees"":5}"');

    const other = await createTestOrg(t, 'Other');
    const theirs = await t.app.inject({ method: 'GET', url: `/api/v1/audit-log/export.csv?entityId=${id}`, headers: other.admin.headers });
    expect(
      theirs.body
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);
  });
});
