import { and, arrayOverlaps, asc, count, desc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { accounts } from '../accounts/index.ts';
import { users } from '../identity/index.ts';
import { markets } from '../organisations/index.ts';
import { subscriptionLineVersions, subscriptions } from '../subscriptions/index.ts';
import type { TRuleLine } from './upsell-candidates.rules.ts';
import type { TUpsellCandidatesExportQuery } from './upsell-candidates.schemas.ts';
import { upsellCandidates, upsellSettings } from './upsell-candidates.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

// ── What the rules read ──────────────────────────────────────────────────────────────────────────────────
/** The organisation's accounts that can be candidates: not archived. */
export async function ruleAccounts(db: Db, orgId: string) {
  return db
    .select({ id: accounts.id, segment: accounts.segment })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), isNull(accounts.archivedAt)));
}

/**
 * The line versions of active subscriptions (not in trial, not cancelling, not ended) of accounts that are not
 * archived: today's, and the earlier ones still running after `since` (the growth look-back).
 */
export async function ruleLines(db: Db, orgId: string, today: string, since: string): Promise<TRuleLine[]> {
  const v = subscriptionLineVersions;
  const rows = await db
    .select({
      accountId: v.accountId,
      subscriptionId: v.subscriptionId,
      lineKey: v.lineKey,
      planId: v.planId,
      quantity: v.quantity,
      currency: v.currency,
      intervalMonths: v.intervalMonths,
      unitPrice: v.unitPrice,
      validFrom: v.validFrom,
      validTo: v.validTo,
      trial: v.trial,
      free: v.free,
    })
    .from(v)
    .innerJoin(subscriptions, and(eq(subscriptions.orgId, v.orgId), eq(subscriptions.id, v.subscriptionId)))
    .innerJoin(accounts, and(eq(accounts.orgId, v.orgId), eq(accounts.id, v.accountId)))
    .where(
      and(
        eq(v.orgId, orgId),
        eq(subscriptions.status, 'active'),
        isNull(accounts.archivedAt),
        lte(v.validFrom, today),
        or(isNull(v.validTo), gt(v.validTo, since)),
      ),
    );
  return rows.map(({ trial, free, quantity, unitPrice, ...r }) => ({
    ...r,
    quantity: Number(quantity),
    unitPrice: Number(unitPrice),
    paying: !trial && !free,
  }));
}

// ── The stored candidates ────────────────────────────────────────────────────────────────────────────────
export type TCandidateRow = typeof upsellCandidates.$inferSelect;

export async function storedCandidates(db: Db, orgId: string): Promise<TCandidateRow[]> {
  return db.select().from(upsellCandidates).where(eq(upsellCandidates.orgId, orgId));
}

export async function insertCandidates(db: Db, rows: (typeof upsellCandidates.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(upsellCandidates).values(rows);
}

export async function updateCandidate(db: Db, orgId: string, accountId: string, values: Partial<typeof upsellCandidates.$inferInsert>) {
  await db
    .update(upsellCandidates)
    .set(values)
    .where(and(eq(upsellCandidates.orgId, orgId), eq(upsellCandidates.accountId, accountId)));
}

export async function deleteCandidates(db: Db, orgId: string, accountIds: string[]): Promise<void> {
  if (accountIds.length)
    await db.delete(upsellCandidates).where(and(eq(upsellCandidates.orgId, orgId), inArray(upsellCandidates.accountId, accountIds)));
}

/** Every organisation that has subscriptions or candidates: what the nightly recompute walks. */
export async function organisationsToRecompute(db: Db): Promise<string[]> {
  return acrossOrganisations('the nightly upsell recompute walks every organisation with subscriptions', async () => {
    const rows = await db.execute(sql`select org_id from subscriptions union select org_id from upsell_candidates order by 1`);
    return (rows as unknown as { rows: { org_id: string }[] }).rows.map((r) => r.org_id);
  });
}

// ── The list ─────────────────────────────────────────────────────────────────────────────────────────────
/** Which rows the list may show: the organisation's, of the actor's own accounts when limited to them. */
export interface TCandidateScope {
  orgId: string;
  ownerUserId: string | null;
  actorUserId: string;
}

const listSelection = {
  candidate: upsellCandidates,
  accountName: accounts.name,
  marketId: accounts.marketId,
  marketName: markets.name,
  segment: accounts.segment,
  ownerUserId: accounts.ownerUserId,
  ownerName: users.name,
};
export type TCandidateListRow = { candidate: TCandidateRow } & {
  accountName: string;
  marketId: string | null;
  marketName: string | null;
  segment: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
};

const joined = (db: Db, fields: typeof listSelection | { n: ReturnType<typeof count> }) =>
  db
    .select(fields as typeof listSelection)
    .from(upsellCandidates)
    .innerJoin(accounts, and(eq(accounts.orgId, upsellCandidates.orgId), eq(accounts.id, upsellCandidates.accountId)))
    .leftJoin(markets, and(eq(markets.orgId, accounts.orgId), eq(markets.id, accounts.marketId)))
    .leftJoin(users, and(eq(users.orgId, accounts.orgId), eq(users.id, accounts.ownerUserId)));

function listWhere(scope: TCandidateScope, q: Partial<TUpsellCandidatesExportQuery>): SQL | undefined {
  const owners = q.ownerUserId?.map((o) => (o === 'me' ? scope.actorUserId : o));
  const ownerIds = owners?.filter((o) => o !== 'none') ?? [];
  return and(
    eq(upsellCandidates.orgId, scope.orgId),
    isNull(accounts.archivedAt),
    scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
    q.q ? sql`${accounts.name} ilike ${containsPattern(q.q)}` : undefined,
    q.reason?.length ? arrayOverlaps(upsellCandidates.reasonCodes, q.reason) : undefined,
    q.marketId?.length ? inArray(accounts.marketId, q.marketId) : undefined,
    q.planId?.length ? inArray(upsellCandidates.planId, q.planId) : undefined,
    owners?.length
      ? or(
          ownerIds.length ? inArray(accounts.ownerUserId, ownerIds) : undefined,
          owners.includes('none') ? isNull(accounts.ownerUserId) : undefined,
        )
      : undefined,
  );
}

const SORTS = {
  account: sql`lower(${accounts.name})`,
  owner: sql`lower(${users.name})`,
  mrrDifference: upsellCandidates.mrrDifferenceCents,
  limitPercent: upsellCandidates.limitPercent,
  since: upsellCandidates.since,
} as const;

/** One page of the list (also the CSV export's batches), in the asked order; empty values last either way. */
export async function findCandidatesPage(
  db: Db,
  scope: TCandidateScope,
  q: TUpsellCandidatesExportQuery,
  page: { limit: number; offset: number },
): Promise<TCandidateListRow[]> {
  const dir = q.order === 'asc' ? asc : desc;
  return joined(db, listSelection)
    .where(listWhere(scope, q))
    .orderBy(sql`${SORTS[q.sort]} is null`, dir(SORTS[q.sort]), asc(sql`lower(${accounts.name})`), asc(upsellCandidates.accountId))
    .limit(page.limit)
    .offset(page.offset) as Promise<TCandidateListRow[]>;
}

export async function countCandidates(db: Db, scope: TCandidateScope, q: TUpsellCandidatesExportQuery): Promise<number> {
  const [row] = (await joined(db, { n: count() }).where(listWhere(scope, q))) as unknown as { n: number }[];
  return Number(row?.n ?? 0);
}

export async function findCandidateOfAccount(db: Db, orgId: string, accountId: string): Promise<TCandidateListRow | null> {
  const [row] = await joined(db, listSelection).where(and(eq(upsellCandidates.orgId, orgId), eq(upsellCandidates.accountId, accountId)));
  return (row as TCandidateListRow | undefined) ?? null;
}

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────────────
export async function findSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(upsellSettings).where(eq(upsellSettings.orgId, orgId));
  return row ?? null;
}

export async function saveSettings(db: Db, orgId: string, limitThresholdPercent: number, now: Date): Promise<void> {
  await db
    .insert(upsellSettings)
    .values({ orgId, limitThresholdPercent, updatedAt: now })
    .onConflictDoUpdate({ target: upsellSettings.orgId, set: { limitThresholdPercent, updatedAt: now } });
}
