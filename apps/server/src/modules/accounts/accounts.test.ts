import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('accounts', () => {
  it('creates, edits, lists, archives and audits an account', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: h,
      payload: { name: 'Acme B.V.', domain: 'Acme.nl', segment: 'enterprise', edition: 'enterprise', tags: ['pilot'] },
    });
    expect(created.statusCode).toBe(201);
    const account = created.json();
    expect(account).toMatchObject({ name: 'Acme B.V.', domain: 'acme.nl', version: 1, lifecycleStage: 'onboarding' });

    const updated = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      headers: h,
      payload: { lifecycleStage: 'adoption', expectedVersion: 1 },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ lifecycleStage: 'adoption', version: 2 });

    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      headers: h,
      payload: { name: 'Other', expectedVersion: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details[0].field).toBe('expectedVersion');

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=acme&tag=pilot&segment=enterprise', headers: h });
    expect(list.json().total).toBe(1);

    const archived = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/${account.id}/archive`, headers: h });
    expect(archived.json().archivedAt).not.toBeNull();
    const active = await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: h });
    expect(active.json().total).toBe(0);

    const audit = await t.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityType=account&entityId=${account.id}`, headers: h });
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['archived', 'updated', 'created']);
    const update = audit.json().items.find((e: { action: string }) => e.action === 'updated');
    expect(update.before).toEqual({ lifecycleStage: 'onboarding' });
    expect(update.after).toEqual({ lifecycleStage: 'adoption' });
  });

  it('keeps one organisation out of another', async () => {
    const a = await createTestOrg(t, 'A');
    const b = await createTestOrg(t, 'B');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: a.admin.headers, payload: { name: 'Secret' } });
    const id = res.json().id;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${id}`, headers: b.admin.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts?q=Secret', headers: b.admin.headers })).json().total).toBe(0);
  });

  it('limits a CSM with ownAccountsOnly to the accounts they own', async () => {
    const org = await createTestOrg(t);
    const csm = await org.as('csm', { ownAccountsOnly: true });
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: org.admin.headers,
      payload: { name: 'Not mine' },
    });
    const mine = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: csm.headers, payload: { name: 'Mine' } });
    expect(mine.json().ownerUserId).toBe(csm.userId);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers: csm.headers });
    expect(list.json().items.map((a: { name: string }) => a.name)).toEqual(['Mine']);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${other.json().id}`, headers: csm.headers })).statusCode).toBe(404);
  });
});
