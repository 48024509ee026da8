import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import type { Actor } from '../../platform/access/access.ts';
import { makeAccount } from '../accounts/index.ts';
import type { TChangeInput, TCreateSubscription } from './subscriptions.schemas.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const START: TCreateSubscription = {
  currency: 'EUR',
  intervalMonths: 12,
  termStart: '2024-01-10',
  termEnd: '2025-01-09',
  autoRenew: true,
  trialEnd: null,
  lines: [{ description: 'Seats', quantity: 10, unitPrice: 100 }],
};
// In the order a person would make them: a back-dated discount after a later quantity change, then a cancellation.
const changes = (reasonId: string): TChangeInput[] => [
  { op: 'quantity', lineKey: 'L1', quantity: 15, effectiveDate: '2024-06-01' },
  { op: 'discount', lineKey: 'L1', discount: { percent: 20, kind: 'lasting' }, effectiveDate: '2024-03-01', comment: 'Loyalty' },
  { op: 'add_line', line: { description: 'Training', quantity: 1, unitPrice: 50 }, effectiveDate: '2024-04-01' },
  { op: 'cancel', reasonId, effectiveDate: '2024-09-15', comment: 'Budget' },
];

/** What an organisation holds of one account's subscription, without ids: detail, audit, timeline, events, MRR. */
async function picture(orgId: string, h: Record<string, string>, accountId: string) {
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: h })).json();
  const [sub] = await get(`/api/v1/accounts/${accountId}/subscriptions`);
  const audit = (await get(`/api/v1/audit-log?entityId=${sub.id}&pageSize=50`)).items.map((e: { action: string; after: unknown }) => [
    e.action,
    e.after,
  ]);
  const timeline = (await get(`/api/v1/accounts/${accountId}/timeline?pageSize=50`)).items
    .filter((e: { kind: string }) => e.kind === 'subscription')
    .map((e: { subject: string; occurredAt: string; data: { mrrBefore: number; mrrAfter: number; reasonLabel: string | null } }) => [
      e.subject,
      e.occurredAt,
      e.data.mrrBefore,
      e.data.mrrAfter,
      e.data.reasonLabel,
    ]);
  const jobs = await t.db.execute(
    sql`select name, payload->'payload' as p from jobs where org_id = ${orgId} and name like 'event:%' order by id`,
  );
  const events = (jobs as unknown as { rows: { name: string; p: Record<string, unknown> }[] }).rows.map((r) => [
    r.name,
    r.p.kind,
    r.p.effectiveDate,
    r.p.mrrBeforeCents,
    r.p.mrrAfterCents,
  ]);
  const mrr = await get(`/api/v1/metrics/mrr?from=2024-01&to=2024-12&by=month`);
  const strip = ({ id: _i, accountId: _a, createdAt: _c, updatedAt: _u, ...rest }: Record<string, unknown>) => rest;
  return {
    sub: strip({ ...sub, changes: undefined }),
    changes: sub.changes.map((c: Record<string, unknown>) =>
      strip({ ...c, subscriptionId: undefined, reasonId: undefined, accountName: undefined }),
    ),
    audit,
    timeline,
    events,
    mrr: mrr.periods,
  };
}

describe('a batch of subscriptions', () => {
  it('stores what create and change one at a time store: rows, MRR, timeline, audit entries and events', async () => {
    const pictures = [];
    for (const batched of [false, true]) {
      const org = await createTestOrg(t);
      const actor: Actor = { orgId: org.orgId, userId: org.admin.userId, name: 'Test Admin', role: 'admin', ownAccountsOnly: false };
      const account = await makeAccount(t.app, org.admin.headers, { name: 'Brightwave' });
      const svc = t.services.subscriptions;
      const reasonId = await svc.saveCancelReason(actor, null, { label: 'Too expensive' });
      if (batched) {
        const batch = svc.batch(actor, 'demo');
        const sub = await batch.create(account.id, START);
        let last = sub;
        for (const c of changes(reasonId)) last = await batch.change(sub.id, c);
        expect(last).toMatchObject({ status: 'ended', endsOn: '2025-01-09' });
        // Nothing is written before the commit.
        expect(await svc.listOfAccount(actor, account.id)).toEqual([]);
        await batch.commit();
      } else {
        const sub = await svc.create(actor, account.id, START, 'demo');
        for (const c of changes(reasonId)) await svc.change(actor, sub.id, c, 'demo');
      }
      pictures.push(await picture(org.orgId, org.admin.headers, account.id));
    }
    const [single, batched] = pictures;
    expect(single?.changes).toHaveLength(5);
    expect(single?.events.length).toBeGreaterThanOrEqual(5);
    expect(batched).toEqual(single);
  });

  it('refuses a change as the service does, against the history made so far', async () => {
    const org = await createTestOrg(t);
    const actor: Actor = { orgId: org.orgId, userId: org.admin.userId, name: 'Test Admin', role: 'admin', ownAccountsOnly: false };
    const account = await makeAccount(t.app, org.admin.headers, { name: 'Northwind' });
    const batch = t.services.subscriptions.batch(actor);
    const sub = await batch.create(account.id, START);
    await expect(batch.change(sub.id, { op: 'quantity', lineKey: 'L2', quantity: 3, effectiveDate: '2024-02-01' })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'lineKey' })],
    });
    await expect(batch.change(sub.id, { op: 'price', lineKey: 'L1', unitPrice: 90, effectiveDate: '2023-12-01' })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'effectiveDate' })],
    });
    const reader: Actor = { ...actor, role: 'read_only' };
    expect(() => t.services.subscriptions.batch(reader)).toThrow();
  });
});
