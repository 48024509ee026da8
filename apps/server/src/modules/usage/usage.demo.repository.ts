import { copyCell, copyLine, withBulkTransaction } from '../../platform/db/bulk.ts';
import type { Database } from '../../platform/db/database.ts';

export interface TDemoUsageRows {
  /** account, day, event, events */
  events: { a: string; d: string; e: string; n: number }[];
  /** account, day, event, distinct users (the recent days the pages chart) */
  featureUsers: { a: string; d: string; e: string; u: number }[];
  /** account, day, user, events */
  users: { a: string; d: string; u: string; n: number }[];
  /** account, first and last seen, events */
  activity: { a: string; f: string; l: string; n: number }[];
}

/**
 * The demo's year of usage, straight into the rollups with COPY in one transaction (no raw events: a year of them
 * would slow the first start for nothing the pages show).
 */
export async function writeDemoUsage(database: Database, orgId: string, rows: TDemoUsageRows): Promise<void> {
  const o = copyCell(orgId);
  await withBulkTransaction(database, async (tx) => {
    await tx.copy(
      'usage_daily_events',
      ['org_id', 'account_id', 'day', 'event', 'count'],
      rows.events.map((r) => copyLine([o, r.a, r.d, copyCell(r.e), String(r.n)])),
    );
    await tx.copy(
      'usage_daily_feature_users',
      ['org_id', 'account_id', 'day', 'event', 'users'],
      rows.featureUsers.map((r) => copyLine([o, r.a, r.d, copyCell(r.e), String(r.u)])),
    );
    await tx.copy(
      'usage_daily_users',
      ['org_id', 'account_id', 'day', 'user_id', 'count'],
      rows.users.map((r) => copyLine([o, r.a, r.d, copyCell(r.u), String(r.n)])),
    );
    await tx.copy(
      'usage_account_activity',
      ['org_id', 'account_id', 'first_seen_at', 'last_seen_at', 'events'],
      rows.activity.map((r) => copyLine([o, r.a, r.f, r.l, String(r.n)])),
    );
  });
}
