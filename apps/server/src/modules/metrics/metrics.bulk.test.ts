import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/harness.ts';
import { PLAYBOOK_EXPECTED, PLAYBOOK_QUERY, playbookRows } from '../../../test/mrr-playbook.ts';
import { playbookOrganisation } from '../../../test/mrr-playbook-org.ts';
import { jobs } from '../../platform/jobs/jobs.table.ts';
import { makeAccount } from '../accounts/index.ts';
import { mrrAccounts, mrrChanges, mrrPeriodMovements, mrrSubscriptionFacts } from './metrics.table.ts';

/**
 * A bulk write publishes its `subscription.changed` events together (`publishMany`) and the metrics projection
 * rebuilds all their accounts at once: the same rows as rebuilding each account alone, and the same figures.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Every stored MRR row of the organisation, without the columns a rewrite renews, in a stable order. */
async function snapshot(orgId: string) {
  const strip = (rows: Record<string, unknown>[]) =>
    rows
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !['id', 'createdAt', 'updatedAt'].includes(k)))))
      .sort();
  return {
    changes: strip(await t.db.select().from(mrrChanges).where(eq(mrrChanges.orgId, orgId))),
    periods: strip(await t.db.select().from(mrrPeriodMovements).where(eq(mrrPeriodMovements.orgId, orgId))),
    facts: strip(await t.db.select().from(mrrSubscriptionFacts).where(eq(mrrSubscriptionFacts.orgId, orgId))),
    accounts: strip(await t.db.select().from(mrrAccounts).where(eq(mrrAccounts.orgId, orgId))),
  };
}

describe('the metrics projection of a bulk write', () => {
  it('rebuilds every account of one transaction at once, exactly as each alone, and the playbook figures hold', async () => {
    const { org, h, subs, accounts } = await playbookOrganisation(t);
    // An account without subscriptions among them: it ends with no rows.
    const empty = await makeAccount(t.app, h, { name: 'No subscriptions' });

    // All 121 rows' subscriptions in one transaction: one publishMany, one rebuild of the 55 accounts.
    const outcomes = await t.db.transaction((tx) =>
      t.services.subscriptions.importHistory(
        tx,
        org.orgId,
        subs.map((sub) => ({ accountId: accounts.get(sub.customerId) as string, sub })),
        { importId: null, actorUserId: null, reference: t.services.subscriptions.referenceAllocator(tx, org.orgId) },
      ),
    );
    expect(new Set(outcomes)).toEqual(new Set(['inserted']));
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/metrics/mrr?${PLAYBOOK_QUERY}`, headers: h });
    expect(res.statusCode, res.body).toBe(200);
    expect(playbookRows(res.json().periods)).toEqual(PLAYBOOK_EXPECTED);

    // Each subscriber got one delivery per subscription written, as with one publish each.
    const deliveries = await t.db.select({ name: jobs.name }).from(jobs).where(eq(jobs.orgId, org.orgId));
    const perSubscriber = new Map<string, number>();
    for (const d of deliveries) if (d.name.startsWith('event:')) perSubscriber.set(d.name, (perSubscriber.get(d.name) ?? 0) + 1);
    const subscribers = t.events.subscribersOf('subscription.changed').map((s) => `event:${s.name}`);
    expect(subscribers.length).toBeGreaterThan(0);
    for (const name of subscribers) expect(perSubscriber.get(name), name).toBe(subs.length);

    const together = await snapshot(org.orgId);
    expect(together.changes.length).toBeGreaterThan(100);
    const ids = [...accounts.values(), empty.id];
    for (const id of ids) await t.db.transaction((tx) => t.services.metrics.rebuildAccount(tx, org.orgId, id));
    expect(await snapshot(org.orgId)).toEqual(together);
    await t.db.transaction((tx) => t.services.metrics.rebuildAccounts(tx, org.orgId, [...ids, ...ids]));
    expect(await snapshot(org.orgId)).toEqual(together);
  }, 120_000);
});
