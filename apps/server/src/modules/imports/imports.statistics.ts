import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Database, Db } from '../../platform/db/database.ts';
import { analyzeTable, estimatedRows, type TImportTable, vacuumTable } from './imports.repository.ts';

/** Housekeeping around a running import: how often to report progress, and fresh planner statistics. */

/** True at most once per `ms`: progress is written a few times a second, not once per batch. */
export function every(ms: number) {
  let last = 0;
  return () => {
    const now = performance.now();
    if (now - last < ms) return false;
    last = now;
    return true;
  };
}

export const STATS_AFTER_ROWS = 2000;

/**
 * Planner statistics for the table being filled. Without them the planner believes an organisation that
 * has just received thousands of rows still has none, and looks keys up by scanning the organisation
 * instead of probing the unique indexes (seconds per batch instead of milliseconds). So ANALYZE runs once
 * the import has added a tenth of what the table held (at least 2,000 rows), then each time that count has
 * grown fourfold. PGlite has no autovacuum at all, so there these are the only ANALYZEs the table gets.
 */
export function statisticsRefresher(database: Database, table: TImportTable) {
  let next: number | null = null;
  return async (db: Db, inserted: number) => {
    next ??= Math.max(STATS_AFTER_ROWS, 0.1 * (await estimatedRows(db, table)));
    if (inserted < next) return;
    next = Math.max(next * 4, inserted * 2);
    await analyzeTable(database, table);
  };
}

/**
 * After a large import (a tenth of the table or more): fresh planner statistics for the next one, and on
 * PGlite, which has no autovacuum, a VACUUM for the dead rows that updates and undone batches leave behind
 * (lookups step over every one of them otherwise). Then the data directory is flushed, as a request's
 * writes are. Never fails the import.
 */
export async function tidyUp(
  deps: { db: Db; database: Database; logger?: { error(obj: object, msg: string): void } },
  table: TImportTable,
  written: number,
) {
  try {
    if (written >= Math.max(STATS_AFTER_ROWS, 0.1 * (await estimatedRows(deps.db, table)))) {
      if (deps.database.kind === 'pglite') {
        await vacuumTable(deps.db, table);
        await yieldToEventLoop(); // two shorter waits for requests instead of one long one
      }
      await analyzeTable(deps.database, table);
    }
    await deps.database.flusher?.flush();
  } catch (err) {
    deps.logger?.error({ err: (err as Error).message }, `refreshing statistics of ${table} after an import failed`);
  }
}
