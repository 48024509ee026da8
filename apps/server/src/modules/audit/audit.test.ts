import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, type TestApp } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { makeSupportRequest } from '../support/index.ts';
import { makeTask } from '../tasks/index.ts';
import { makeAuditEntry } from './audit.factory.ts';

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
    const { id } = await makeAccount(t.app, h, { name: 'Audited' });
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
    expect(lines[0]).toBe('at,actor,actor_user_id,entity_type,entity_id,entity_name,action,before,after,request_id');
    expect(lines.slice(1).map((l) => l.split(',').slice(5, 7))).toEqual([
      ['Audited', 'updated'],
      ['Audited', 'created'],
      ['Audited', 'archived'],
    ]);
    // before/after as JSON, quoted for CSV.
    expect(lines.find((l) => l.includes(',updated,'))).toContain('"{""employees"":null}","{""employees"":5}"');

    const other = await createTestOrg(t, 'Other');
    const theirs = await t.app.inject({ method: 'GET', url: `/api/v1/audit-log/export.csv?entityId=${id}`, headers: other.admin.headers });
    expect(csvRows(theirs.body)).toHaveLength(1);
  });

  it('names the item of every entry: its name now, the recorded one once it is gone, null when there is none', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const post = async (url: string, payload: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url, headers: h, payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const accountId = (await makeAccount(t.app, h, { name: 'Old name' })).id;
    await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/${accountId}`, headers: h, payload: { name: 'Northwind' } });
    const kept = await makeContact(t.app, org.admin.headers, accountId, { firstName: 'Ada', lastName: 'Lovelace' });
    const gone = await makeContact(t.app, org.admin.headers, accountId, { firstName: 'Gone', lastName: 'Person' });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/contacts/${gone.id}`, headers: h })).statusCode).toBe(204);
    const marketId = await post('/api/v1/markets', { code: 'DK', name: 'Denmark', language: 'da', currency: 'DKK' });
    const fieldId = await post('/api/v1/custom-fields', { entity: 'account', key: 'tier', label: 'Tier', type: 'text' });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/custom-fields/${fieldId}`, headers: h })).statusCode).toBe(204);
    const user = await org.as('csm', { name: 'Carla Csm' });
    const tokenId = (
      await t.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: h, payload: { name: 'CRM sync', scopes: ['account:read'] } })
    ).json().id;

    const renamed = await t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: h, payload: { name: 'Renamed Org' } });
    expect(renamed.statusCode).toBe(200);
    const form = new FormData();
    form.append('entity', 'accounts');
    form.append('file', new Blob(['name\nAcme\n']), 'crm-export.csv');
    const upload = new Response(form);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...h, 'content-type': upload.headers.get('content-type') ?? '' },
      payload: Buffer.from(await upload.arrayBuffer()),
    });
    expect(imported.statusCode, imported.body).toBe(201);
    // No service writes an entry about an import yet; one the imports module adds is named by its file.
    const importId = imported.json().id as string;
    await makeAuditEntry(t.db, org.orgId, { at: t.clock.now(), entityType: 'import', entityId: importId });

    const entries = (await t.app.inject({ method: 'GET', url: '/api/v1/audit-log?pageSize=200', headers: h })).json().items as {
      entityType: string;
      entityId: string;
      action: string;
      entityName: string | null;
    }[];
    const nameOf = (entityId: string, action: string) => entries.find((e) => e.entityId === entityId && e.action === action)?.entityName;
    expect(nameOf(accountId, 'created')).toBe('Northwind');
    expect(nameOf(accountId, 'contact_added')).toBe('Northwind');
    expect(nameOf(kept.id, 'created')).toBe('Ada Lovelace');
    expect(nameOf(gone.id, 'created')).toBe('Gone Person');
    expect(nameOf(gone.id, 'deleted')).toBe('Gone Person');
    expect(nameOf(marketId, 'created')).toBe('Denmark');
    expect(nameOf(fieldId, 'created')).toBe('Tier');
    expect(nameOf(fieldId, 'deleted')).toBe('Tier');
    expect(nameOf(user.userId, 'created')).toBe('Carla Csm');
    expect(nameOf(tokenId, 'created')).toBe('CRM sync');
    expect(nameOf(org.orgId, 'updated')).toBe('Renamed Org');
    expect(nameOf(importId, 'noted')).toBe('crm-export.csv');
    expect(entries.every((e) => e.entityName !== undefined)).toBe(true);

    // An entry about an item that no longer exists and that recorded no name has none.
    const missing = newId();
    await makeAuditEntry(t.db, org.orgId, { at: t.clock.now(), entityType: 'account', entityId: missing });
    const orphan = (await t.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityId=${missing}`, headers: h })).json().items;
    expect(orphan).toMatchObject([{ entityId: missing, entityName: null }]);

    // Another organisation's items never lend their names.
    const other = await createTestOrg(t, 'Other');
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/v1/audit-log?pageSize=200', headers: other.admin.headers })).json();
    expect(theirs.items.some((e: { entityName: string | null }) => e.entityName === 'Northwind')).toBe(false);
  });

  it('names a subscription by its reference and account, a task by its title and a support request by its number and subject', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accountId = (await makeAccount(t.app, h, { name: 'Fjord Foods' })).id;
    const subscription = await makeSubscription(t.app, h, accountId);
    const task = await makeTask(t.app, h, accountId, { title: 'Call about the renewal' });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: h, payload: { title: 'Call the CFO' } });
    const request = await makeSupportRequest(t.app, h, accountId, { subject: 'Export fails' });
    const entries = (await t.app.inject({ method: 'GET', url: '/api/v1/audit-log?pageSize=200', headers: h })).json().items as {
      entityId: string;
      entityName: string | null;
    }[];
    const namesOf = (entityId: string) => [...new Set(entries.filter((e) => e.entityId === entityId).map((e) => e.entityName))];
    expect(namesOf(subscription.id)).toEqual([`${subscription.reference} · Fjord Foods`]);
    // The task's name now, on its older entries too.
    expect(namesOf(task.id)).toEqual(['Call the CFO']);
    expect(namesOf(request.id)).toEqual([`#${request.number} Export fails`]);
  });

  it('names a CSM pulse by its account and a person’s capacity by the person', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accountId = (await makeAccount(t.app, h, { name: 'Pulse Works' })).id;
    const pulse = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/health/pulses`,
      headers: h,
      payload: { value: 40, reason: 'Budget under review' },
    });
    expect(pulse.statusCode).toBe(201);
    await makeAuditEntry(t.db, org.orgId, {
      at: t.clock.now(),
      entityType: 'capacity_person',
      entityId: org.admin.userId,
      action: 'updated',
      before: null,
      after: { team: 'customer_success', hoursPerWeek: 32 },
    });
    const entries = (await t.app.inject({ method: 'GET', url: '/api/v1/audit-log?pageSize=200', headers: h })).json().items as {
      entityType: string;
      entityName: string | null;
    }[];
    const namesOf = (type: string) => [...new Set(entries.filter((e) => e.entityType === type).map((e) => e.entityName))];
    expect(namesOf('health_pulse')).toEqual(['Pulse Works']);
    expect(namesOf('capacity_person')).toEqual([expect.any(String)]);
    expect(namesOf('capacity_person')[0]).not.toBe('');
  });

  it('names the people and accounts an entry’s fields point at, of the organisation only', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const csm = await org.as('csm');
    const { id: accountId } = await makeAccount(t.app, h, { name: 'Pointed At' });
    const other = await createTestOrg(t, 'Elsewhere');
    const { id: theirAccount } = await makeAccount(t.app, other.admin.headers, { name: 'Not Yours' });
    const entityId = newId();
    await makeAuditEntry(t.db, org.orgId, {
      at: t.clock.now(),
      entityType: 'renewal_opportunity',
      entityId,
      action: 'updated',
      before: { ownerUserId: org.admin.userId, accountId },
      after: { ownerUserId: csm.userId, accountId, related: [theirAccount], note: 'plain text' },
    });
    const [entry] = (await t.app.inject({ method: 'GET', url: `/api/v1/audit-log?entityId=${entityId}`, headers: h })).json().items;
    expect(entry.names).toEqual({ [org.admin.userId]: expect.any(String), [csm.userId]: expect.any(String), [accountId]: 'Pointed At' });
    expect(Object.values(entry.names)).not.toContain('Not Yours');
  });
});
