import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { users } from '../identity/index.ts';
import { markets, organisations } from '../organisations/index.ts';

/** Queries of the import pipelines' lookups: the organisation's markets and users, existing accounts by key. */

export const findMarkets = (db: Db, orgId: string) =>
  db.select({ id: markets.id, code: markets.code, name: markets.name }).from(markets).where(eq(markets.orgId, orgId));

export const findUsers = (db: Db, orgId: string) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.orgId, orgId)));

export interface TAccountKeys {
  id: string;
  externalId: string | null;
  domain: string | null;
}

/**
 * Existing accounts by external id and by domain (lower case). Each key is probed through its unique
 * index (a join on unnest): a plain `= any(…)` lets the planner scan the organisation's accounts when
 * its statistics are stale, as they are in the middle of an import that has just added thousands.
 */
export async function findAccountsByKeys(db: Db, orgId: string, externalIds: string[], domains: string[]) {
  const byExternalId = new Map<string, TAccountKeys>();
  const byDomain = new Map<string, TAccountKeys>();
  if (!externalIds.length && !domains.length) return { byExternalId, byDomain };
  const rows = await queryRows<TAccountKeys>(
    db,
    sql`
      select a.id, a.external_id as "externalId", lower(a.domain) as domain
      from unnest(${sql.param(externalIds)}::text[]) as k(v) join accounts a on a.org_id = ${orgId} and a.external_id = k.v
      union
      select a.id, a.external_id, lower(a.domain)
      from unnest(${sql.param(domains)}::text[]) as k(v) join accounts a on a.org_id = ${orgId} and lower(a.domain) = k.v`,
  );
  for (const a of rows) {
    if (a.externalId) byExternalId.set(a.externalId, a);
    if (a.domain) byDomain.set(a.domain, a);
  }
  return { byExternalId, byDomain };
}

/** The organisation's reporting currency: a subscription row without a currency is in it. */
export async function findReportingCurrency(db: Db, orgId: string): Promise<string> {
  const [row] = await db.select({ c: organisations.reportingCurrency }).from(organisations).where(eq(organisations.id, orgId));
  return row?.c ?? 'EUR';
}
