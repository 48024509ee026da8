import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../platform/jobs/queue.ts';
import { IMPORT_JOB_ATTEMPTS, RUN_JOB, VALIDATE_JOB } from './imports.runner.ts';
import type { ImportService } from './imports.service.ts';

const ZImportJobPayload = z.object({ orgId: z.uuid(), importId: z.uuid() });

/**
 * Validation and import run in the worker. A failure is recorded on the import for the user to see (and
 * start again), rather than retried behind their back; a run cut short because the server stopped is
 * resumed (each run starts over, undoing what the one before wrote), and after IMPORT_JOB_ATTEMPTS such
 * runs the import is marked failed. They run in the bulk lane, so a long import never holds up e-mail
 * delivery and the other short jobs.
 */
export function importJobs(deps: { imports: ImportService }): JobDefinition[] {
  const common = {
    payload: ZImportJobPayload,
    maxAttempts: IMPORT_JOB_ATTEMPTS,
    retryFailures: false,
    lane: 'bulk',
    onAbandoned: (p: z.infer<typeof ZImportJobPayload>, info: Parameters<ImportService['abandonJob']>[1]) =>
      deps.imports.abandonJob(p, info),
  } as const;
  return [
    defineJob({ name: VALIDATE_JOB, ...common, handler: (p, ctx) => deps.imports.runValidation(p, ctx) }),
    defineJob({ name: RUN_JOB, ...common, handler: (p, ctx) => deps.imports.runImport(p, ctx) }),
  ];
}
