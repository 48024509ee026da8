import type { TestApp } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { enqueueEmail, type TOutgoingEmail } from '../../platform/mail/outbox.ts';

/** An e-mail in the organisation's outbox (with its delivery job), queued as a module's service queues one. */
export async function makeOutboxEmail(t: TestApp, orgId: string, overrides: Partial<Omit<TOutgoingEmail, 'orgId'>> = {}) {
  const mail: TOutgoingEmail = {
    orgId,
    to: `someone-${newId().slice(-8)}@test.example`,
    subject: 'A test e-mail',
    text: 'Hello',
    template: 'test',
    ...overrides,
  };
  const id = await t.db.transaction((tx) => enqueueEmail(tx, t.clock, mail));
  return { id, ...mail };
}

/** A job of the organisation, not due before 2030 unless told, so no worker run in the test picks it up. */
export async function makeJob(t: TestApp, orgId: string, name: string, opts: { payload?: unknown; runAt?: Date } = {}) {
  const id = await enqueueJob(t.db, t.clock, name, opts.payload ?? {}, { orgId, runAt: opts.runAt ?? new Date('2030-01-01T00:00:00Z') });
  if (!id) throw new Error('the job was not queued');
  return id;
}
