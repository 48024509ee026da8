import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { jobs } from '../../platform/jobs/jobs.table.ts';
import { isJobInterrupted, type JobContext, JobInterrupted } from '../../platform/jobs/queue.ts';
import { createImportService } from './imports.service.ts';
import { csv, getImport, uploadAndValidate } from './imports.test-helpers.ts';

/**
 * A skip_invalid import commits batch by batch. When its job is cut short (the server stopped) and run
 * again, the second run goes on after the last committed batch: rows are neither counted twice in the
 * report nor given a second audit entry.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const ROWS = 7;
const file = csv([
  ['Name', 'Domain', 'Employees'],
  ...Array.from({ length: ROWS }, (_, i) => [`Resume ${i + 1}`, `resume-${i + 1}.example`, i === 2 ? 'many' : String(i + 1)]),
  // A second row with the domain of row 2 (in the first batch): still reported as a duplicate after the resume.
  ['Resume again', 'resume-1.example', '1'],
]);

const never = new Promise<void>(() => {});

/**
 * The import's job, kept from every worker (on a shared PostgreSQL database another test process's worker
 * would claim it): this test runs it itself, as a worker would.
 */
async function holdJob(orgId: string, importId: string) {
  const jobId = (await t.services.imports.findRow(orgId, importId))?.jobId as string;
  await t.db
    .update(jobs)
    .set({ runAt: new Date('2100-01-01T00:00:00Z') })
    .where(and(eq(jobs.orgId, orgId), eq(jobs.id, jobId)));
  return jobId;
}

function contextOf(orgId: string, jobId: string, attempt: number, progress: JobContext['progress']): JobContext {
  return { jobId, orgId, attempt, logger: pino({ level: 'silent' }), progress };
}

/**
 * The file uploaded, validated and started in skip_invalid mode with its job held back, and an import service
 * with batches of 3 rows to run that job as a worker would.
 */
async function startHeldImport(fileName: string) {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  const validated = await uploadAndValidate(t, h, 'accounts', fileName, file);
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${validated.id}/start`,
    headers: h,
    payload: { mode: 'skip_invalid' },
  });
  expect(started.statusCode, started.body).toBe(202);
  const jobId = await holdJob(org.orgId, validated.id);
  const service = createImportService({ db: t.db, clock: t.clock, database: t.database, batchSize: 3, accounts: t.services.accounts });
  const payload = { orgId: org.orgId, importId: validated.id };
  return { org, h, validated, jobId, service, payload };
}

describe('a resumed skip_invalid import', () => {
  it('continues after the last committed batch: each row counted once and audited once', async () => {
    const { org, h, validated, jobId, service: small, payload } = await startHeldImport('resume.csv');
    expect(validated).toMatchObject({ totalRows: ROWS + 1, errorRows: 2 });
    // Batches of 3 rows; the first run stops for good once its first batch is committed (as a killed server would).
    void small.runImport(
      payload,
      contextOf(org.orgId, jobId, 1, () => never),
    );
    await expect.poll(async () => (await getImport(t, h, validated.id)).processedRows, { timeout: 10_000 }).toBe(3);
    expect(await getImport(t, h, validated.id)).toMatchObject({ status: 'importing', insertedRows: 2, skippedRows: 1 });

    await small.runImport(
      payload,
      contextOf(org.orgId, jobId, 2, async () => {}),
    );
    const done = await getImport(t, h, validated.id);
    expect(done).toMatchObject({
      status: 'completed',
      totalRows: ROWS + 1,
      processedRows: ROWS + 1,
      insertedRows: ROWS - 1,
      updatedRows: 0,
      skippedRows: 2,
      errorRows: 2,
    });
    const errors = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${validated.id}/errors`, headers: h })).json();
    expect(errors.items).toMatchObject([
      { rowNumber: 4, field: 'employees' },
      { rowNumber: 9, field: 'domain', code: 'same_domain_as_row', params: { row: '2' } },
    ]);

    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit-log?pageSize=100', headers: h });
    expect(audit.statusCode, audit.body).toBe(200);
    const imported = (audit.json().items as { action: string; entityId: string }[]).filter((e) => e.action === 'imported');
    expect(imported).toHaveLength(ROWS - 1);
    expect(new Set(imported.map((e) => e.entityId)).size).toBe(ROWS - 1);
  });

  it('stops at a checkpoint when the worker is stopping: handed back, not failed, and the next run finishes it', async () => {
    const { org, h, validated, jobId, service: small, payload } = await startHeldImport('handback.csv');
    const stopping = {
      ...contextOf(org.orgId, jobId, 1, async () => {}),
      checkpoint: () => {
        throw new JobInterrupted();
      },
    };
    const handedBack = await small.runImport(payload, stopping).catch((err: unknown) => err);
    expect(isJobInterrupted(handedBack)).toBe(true);
    expect(await getImport(t, h, validated.id)).toMatchObject({ status: 'importing', processedRows: 3, failureMessage: null });

    await small.runImport(
      payload,
      contextOf(org.orgId, jobId, 1, async () => {}),
    );
    expect(await getImport(t, h, validated.id)).toMatchObject({
      status: 'completed',
      insertedRows: ROWS - 1,
      updatedRows: 0,
      skippedRows: 2,
    });
  });
});
