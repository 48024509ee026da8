import { and, eq, lt, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { usageEvents, usageSettings } from './usage.table.ts';

/**
 * The monthly partitions of usage_events (range on ts, [first of month, first of next month)), named
 * usage_events_pYYYYMM. Made ahead by the daily job and on demand by ingestion for a month it has not seen
 * (a back-fill); dropped whole once older than every organisation's retention.
 */

/** 'YYYY-MM' of a time, in UTC. */
export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

const partitionName = (month: string) => `usage_events_p${month.replace('-', '')}`;

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The months from `from` to `to` inclusive ('YYYY-MM'). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

const MONTH = /^\d{4}-\d{2}$/;

const codeOf = (err: unknown) => (err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;

/**
 * Makes the month's partition unless it exists. Looked up first: creating a partition locks the parent table,
 * so it is done only when missing. Another instance making the same partition at the same moment is not an
 * error (42P07 duplicate table, 23505 the catalogue's unique index), and a deadlock with its inserts (40P01) is
 * tried again.
 */
export async function ensurePartition(db: Db, month: string) {
  if (!MONTH.test(month)) throw new Error(`not a month: ${month}`);
  const name = partitionName(month);
  for (let attempt = 1; ; attempt++) {
    const [found] = await queryRows<{ oid: string | null }>(db, sql`select to_regclass(${name})::text as oid`);
    if (found?.oid) return;
    try {
      await db.execute(
        sql.raw(
          `create table if not exists ${name} partition of usage_events for values from ('${month}-01 00:00:00+00') to ('${nextMonth(month)}-01 00:00:00+00')`,
        ),
      );
      return;
    } catch (err) {
      const code = codeOf(err);
      if (code === '42P07' || code === '23505') return;
      if (code !== '40P01' || attempt >= 5) throw err;
    }
  }
}

/** The months that have a partition. */
export async function listPartitionMonths(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'usage_events'`,
  );
  return rows
    .map((r) => /^usage_events_p(\d{4})(\d{2})$/.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}-${m[2]}`)
    .sort();
}

export async function dropPartition(db: Db, month: string) {
  if (!MONTH.test(month)) throw new Error(`not a month: ${month}`);
  await db.execute(sql.raw(`drop table if exists ${partitionName(month)}`));
}

/** Every organisation's retention setting (the job's plan), across organisations by design. */
export async function listRetentionSettings(db: Db) {
  return acrossOrganisations('the retention job plans every organisation at once', async () =>
    db.select({ orgId: usageSettings.orgId, retentionMonths: usageSettings.retentionMonths }).from(usageSettings),
  );
}

/** Deletes an organisation's raw events older than `before` (rollups stay). */
export async function deleteEventsBefore(db: Db, orgId: string, before: Date): Promise<number> {
  const result = (await db.delete(usageEvents).where(and(eq(usageEvents.orgId, orgId), lt(usageEvents.ts, before)))) as unknown as {
    rowCount?: number | null;
    affectedRows?: number;
  };
  return result.rowCount ?? result.affectedRows ?? 0;
}
