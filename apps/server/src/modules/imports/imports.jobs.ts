import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../platform/jobs/queue.ts';
import { RUN_JOB, VALIDATE_JOB } from './imports.runner.ts';
import type { ImportService } from './imports.service.ts';

const ZImportJobPayload = z.object({ orgId: z.uuid(), importId: z.uuid() });

/**
 * Validation and import run in the worker, one attempt each: a failure is recorded on the import for the
 * user to see (and start again), rather than retried behind their back. They run in the bulk lane, so a
 * long import never holds up e-mail delivery and the other short jobs.
 */
export function importJobs(deps: { imports: ImportService }): JobDefinition[] {
  return [
    defineJob({
      name: VALIDATE_JOB,
      payload: ZImportJobPayload,
      maxAttempts: 1,
      lane: 'bulk',
      handler: (p, ctx) => deps.imports.runValidation(p, ctx),
    }),
    defineJob({
      name: RUN_JOB,
      payload: ZImportJobPayload,
      maxAttempts: 1,
      lane: 'bulk',
      handler: (p, ctx) => deps.imports.runImport(p, ctx),
    }),
  ];
}
