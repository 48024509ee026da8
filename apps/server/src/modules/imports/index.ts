// The import pipeline (upload → mapping → preview → import) is being built; see imports.service.ts.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';

export { importErrors, importFiles, imports } from './imports.table.ts';
export function createImportService(_deps: { db: Db; clock: Clock; database: Database }) {
  return {};
}
export function importJobs(_deps: { imports: ReturnType<typeof createImportService> }): JobDefinition[] {
  return [];
}
export function registerImportRoutes(_app: FastifyInstance, _deps: { imports: ReturnType<typeof createImportService> }) {}
