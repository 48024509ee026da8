import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { jobs } from '../../platform/jobs/jobs.table.ts';
import { isJobInterrupted, type JobContext, JobInterrupted } from '../../platform/jobs/queue.ts';
import type { SubscriptionService } from '../subscriptions/index.ts';
import { createImportService } from './imports.service.ts';
import { csv, getImport, multipartBody, settle } from './imports.test-helpers.ts';

/**
 * A subscriptions file is written a chunk of accounts at a time, each chunk its own transaction with the
 * import's progress: a run cut short goes on after the committed chunks, and a failed one keeps them (starting
 * it again reports them unchanged). Here chunks of 2 accounts, 5 customers of 2 periods each.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const CUSTOMERS = 5;
const file = csv([
  ['customer_id', 'start_date', 'end_date', 'monthly_amount'],
  ...Array.from({ length: CUSTOMERS }, (_, i) => [
    [`CH-${i + 1}`, '2024-01-01', '2024-03-01', String(10 * (i + 1))],
    [`CH-${i + 1}`, '2024-03-01', '', String(10 * (i + 1) + 5)],
  ]).flat(),
]);

const contextOf = (orgId: string, jobId: string, progress: JobContext['progress'], checkpoint?: () => void): JobContext => ({
  jobId,
  orgId,
  attempt: 1,
  logger: pino({ level: 'silent' }),
  progress,
  ...(checkpoint ? { checkpoint } : {}),
});

/** Uploaded, validated and started (all_or_nothing), its job held back from every worker: the test runs it. */
async function startHeld(name: string) {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  const body = await multipartBody({ entity: 'subscriptions', format: 'periods', createMissingAccounts: 'true' }, { name, content: file });
  const up = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...h, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(up.statusCode, up.body).toBe(201);
  const id = up.json().id as string;
  await t.app.inject({ method: 'PUT', url: `/api/v1/imports/${id}/mapping`, headers: h, payload: { mapping: up.json().suggestedMapping } });
  expect((await settle(t, h, id)).status).toBe('validated');
  const start = async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/start`, headers: h, payload: { mode: 'all_or_nothing' } });
    expect(res.statusCode, res.body).toBe(202);
    const jobId = (await t.services.imports.findRow(org.orgId, id))?.jobId as string;
    await t.db
      .update(jobs)
      .set({ runAt: new Date('2100-01-01T00:00:00Z') })
      .where(and(eq(jobs.orgId, org.orgId), eq(jobs.id, jobId)));
    return jobId;
  };
  return { org, h, id, jobId: await start(), start };
}

const serviceWith = (subscriptions: SubscriptionService) =>
  createImportService({
    db: t.db,
    clock: t.clock,
    database: t.database,
    subscriptionImports: { subscriptions, plans: t.services.plans },
    accounts: t.services.accounts,
    subscriptionAccountsPerChunk: 2,
  });

async function subscriptionCount(h: Record<string, string>) {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/subscriptions?pageSize=100', headers: h });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
}

describe('a subscriptions import, chunk by chunk', () => {
  it('commits each chunk with its progress; a run cut short goes on after the committed chunks', async () => {
    const { org, h, id, jobId } = await startHeld('chunks.csv');
    const service = serviceWith(t.services.subscriptions);
    const payload = { orgId: org.orgId, importId: id };
    const seen: number[] = [];
    const record: JobContext['progress'] = async (p) => {
      seen.push((p as { processedRows: number }).processedRows);
    };
    // The worker is stopping: the run hands the job back at its first checkpoint, after the first chunk.
    const stopped = await service
      .runImport(
        payload,
        contextOf(org.orgId, jobId, record, () => {
          throw new JobInterrupted();
        }),
      )
      .catch((err: unknown) => err);
    expect(isJobInterrupted(stopped)).toBe(true);
    expect(await getImport(t, h, id)).toMatchObject({ status: 'importing', processedRows: 4, insertedRows: 4 });
    expect(await subscriptionCount(h)).toBe(2);

    await service.runImport(payload, contextOf(org.orgId, jobId, record));
    expect(await getImport(t, h, id)).toMatchObject({
      status: 'completed',
      processedRows: 2 * CUSTOMERS,
      insertedRows: 2 * CUSTOMERS,
      unchangedRows: 0,
    });
    expect(await subscriptionCount(h)).toBe(CUSTOMERS);
    expect(seen).toEqual([4, 8, 10]); // progress after every committed chunk
  });

  it('keeps the chunks committed before a failure; starting again reports them unchanged', async () => {
    const { org, h, id, jobId, start } = await startHeld('fails.csv');
    let calls = 0;
    const failing: SubscriptionService = {
      ...t.services.subscriptions,
      importHistory: async (...args) => {
        if (++calls === 2) throw new Error('connection lost');
        return t.services.subscriptions.importHistory(...args);
      },
    };
    await expect(
      serviceWith(failing).runImport(
        { orgId: org.orgId, importId: id },
        contextOf(org.orgId, jobId, async () => {}),
      ),
    ).rejects.toThrow('connection lost');
    expect(await getImport(t, h, id)).toMatchObject({ status: 'failed', processedRows: 4, insertedRows: 4 });
    expect(await subscriptionCount(h)).toBe(2);

    const again = await start();
    await serviceWith(t.services.subscriptions).runImport(
      { orgId: org.orgId, importId: id },
      contextOf(org.orgId, again, async () => {}),
    );
    expect(await getImport(t, h, id)).toMatchObject({ status: 'completed', insertedRows: 6, unchangedRows: 4, updatedRows: 0 });
    expect(await subscriptionCount(h)).toBe(CUSTOMERS);
  });
});
