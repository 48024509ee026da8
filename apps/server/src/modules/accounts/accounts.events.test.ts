import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { type DomainEvents, subscribe, type TEventMeta } from '../../platform/events.ts';
import { createWorker } from '../../platform/jobs/queue.ts';
import { makeAccount } from './accounts.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('account events', () => {
  it('publishes account.updated with the changed fields in the change’s transaction, delivered once per subscriber', async () => {
    const seen: { payload: DomainEvents['account.updated']; meta: TEventMeta }[] = [];
    let failOnce = true;
    t.events.setSubscribers([
      subscribe('account.updated', 'test.recordUpdate', async (payload, meta) => {
        // The first delivery fails: the queue delivers again with the same event id.
        if (failOnce) {
          failOnce = false;
          throw new Error('not yet');
        }
        seen.push({ payload, meta });
      }),
    ]);
    const worker = createWorker({ db: t.db, clock: t.clock, logger: pino({ level: 'silent' }), definitions: t.events.jobs(), pollMs: 10 });
    const org = await createTestOrg(t);
    const account = await makeAccount(t.app, org.admin.headers);

    const refused = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      headers: org.admin.headers,
      payload: { name: 'Renamed', expectedVersion: 99 },
    });
    expect(refused.statusCode).toBe(409);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${account.id}`,
      headers: org.admin.headers,
      payload: { name: 'Renamed', notes: 'New notes' },
    });
    expect(ok.statusCode).toBe(200);

    await worker.runOnce();
    t.clock.advance(10 * 60_000); // past the retry's backoff
    await worker.runOnce();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.payload).toEqual({ accountId: account.id, changed: ['name', 'notes'] });
    expect(seen[0]?.meta.orgId).toBe(org.orgId);
    expect(await worker.runOnce()).toBe(0);
  });
});
