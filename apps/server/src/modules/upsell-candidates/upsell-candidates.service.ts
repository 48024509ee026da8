import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events.ts';
import { inBatches } from '../../platform/http/csv.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { PlanService } from '../plans/index.ts';
import { addDays } from '../subscriptions/index.ts';
import {
  countCandidates,
  deleteCandidates,
  findCandidateOfAccount,
  findCandidatesPage,
  findSettings,
  insertCandidates,
  ruleAccounts,
  ruleLines,
  saveSettings,
  storedCandidates,
  type TCandidateListRow,
  updateCandidate,
} from './upsell-candidates.repository.ts';
import {
  findCandidates,
  GROWTH_LOOKBACK_DAYS,
  type TRulePlan,
  type TUpsellReason,
  type TUpsellReasonCode,
} from './upsell-candidates.rules.ts';
import type {
  TRecomputeResult,
  TUpsellCandidate,
  TUpsellCandidatesExportQuery,
  TUpsellCandidatesQuery,
  TUpsellSettings,
} from './upsell-candidates.schemas.ts';

export const DEFAULT_SETTINGS: TUpsellSettings = { limitThresholdPercent: 80 };

const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor), actorUserId: actor.userId });

export type UpsellCandidateService = ReturnType<typeof createUpsellCandidateService>;

/**
 * Upsell candidates: the accounts whose plan limits, tier, growth or missing add-ons suggest an upsell. The
 * nightly recompute stores them and publishes the transitions; the list and the account page read what it stored.
 */
export function createUpsellCandidateService(deps: {
  db: Db;
  clock: Clock;
  events: EventBus;
  accounts: AccountService;
  plans: PlanService;
}) {
  const { db, clock } = deps;

  /** The rows with their plans' names (the catalogue is small: one lookup for a page). */
  async function toDtos(orgId: string, rows: TCandidateListRow[]): Promise<TUpsellCandidate[]> {
    const ids = rows.flatMap((r) => [r.candidate.planId, r.candidate.nextPlanId, ...r.candidate.reasons.map((x) => x.planId)]);
    const names = await deps.plans.lookup(
      orgId,
      ids.filter((id): id is string => id !== null),
    );
    const nameOf = (id: string | null) => (id ? (names.get(id)?.name ?? null) : null);
    return rows.map(({ candidate: c, ...r }) => ({
      accountId: c.accountId,
      accountName: r.accountName,
      marketId: r.marketId,
      marketName: r.marketName,
      segment: r.segment,
      ownerUserId: r.ownerUserId,
      ownerName: r.ownerName,
      reasons: (c.reasons as TUpsellReason[]).map((x) => ({ ...x, planName: nameOf(x.planId) })),
      planId: c.planId,
      planName: nameOf(c.planId),
      nextPlanId: c.nextPlanId,
      nextPlanName: nameOf(c.nextPlanId),
      mrrDifference: c.mrrDifferenceCents === null ? null : c.mrrDifferenceCents / 100,
      currency: c.currency,
      limitPercent: c.limitPercent,
      since: c.since.toISOString(),
      computedAt: c.computedAt.toISOString(),
    }));
  }

  async function settingsOf(orgId: string, tx: Db = db): Promise<TUpsellSettings> {
    const row = await findSettings(tx, orgId);
    return row ? { limitThresholdPercent: row.limitThresholdPercent } : DEFAULT_SETTINGS;
  }

  /**
   * Finds today's candidates of one organisation and stores them; publishes `upsell.candidate_identified` for an
   * account that was none and `upsell.candidate_cleared` for one that stopped being one, in the same transaction.
   */
  async function recompute(orgId: string): Promise<TRecomputeResult> {
    const today = clock.now().toISOString().slice(0, 10);
    return db.transaction(async (tx) => {
      const settings = await settingsOf(orgId, tx);
      const accountRows = await ruleAccounts(tx, orgId);
      const lines = await ruleLines(tx, orgId, today, addDays(today, -GROWTH_LOOKBACK_DAYS));
      const plans: TRulePlan[] = await deps.plans.catalogue(orgId, tx);
      const found = findCandidates({
        today,
        since: addDays(today, -GROWTH_LOOKBACK_DAYS),
        limitThresholdPercent: settings.limitThresholdPercent,
        accounts: accountRows,
        plans,
        lines,
      });
      const before = new Map((await storedCandidates(tx, orgId)).map((r) => [r.accountId, r]));
      const now = clock.now();
      const fresh = [];
      for (const c of found) {
        const values = {
          reasonCodes: [...new Set(c.reasons.map((r) => r.code))],
          reasons: c.reasons,
          planId: c.planId,
          nextPlanId: c.nextPlanId,
          mrrDifferenceCents: c.mrrDifferenceCents,
          currency: c.currency,
          limitPercent: c.limitPercent,
          computedAt: now,
        };
        if (before.has(c.accountId)) {
          await updateCandidate(tx, orgId, c.accountId, values);
          before.delete(c.accountId);
          continue;
        }
        fresh.push({ orgId, accountId: c.accountId, since: now, ...values });
        await deps.events.publish(tx, orgId, 'upsell.candidate_identified', {
          accountId: c.accountId,
          reasons: values.reasonCodes,
          planId: c.planId,
          nextPlanId: c.nextPlanId,
          mrrDifferenceCents: c.mrrDifferenceCents,
          currency: c.currency,
        });
      }
      await insertCandidates(tx, fresh);
      await deleteCandidates(tx, orgId, [...before.keys()]);
      for (const gone of before.values())
        await deps.events.publish(tx, orgId, 'upsell.candidate_cleared', {
          accountId: gone.accountId,
          reasons: gone.reasonCodes as TUpsellReasonCode[],
        });
      return { candidates: found.length, identified: fresh.length, cleared: before.size };
    });
  }

  return {
    recompute,

    /** The candidates on the accounts the actor may see: filters, sort, paging. */
    async list(actor: Actor, q: TUpsellCandidatesQuery) {
      requirePermission(actor, 'upsell_candidate:read');
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([findCandidatesPage(db, scopeOf(actor), q, page), countCandidates(db, scopeOf(actor), q)]);
      return { items: await toDtos(actor.orgId, rows), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every row of the list with the same filters and order, a batch at a time, for the CSV export. */
    async *exportRows(actor: Actor, q: TUpsellCandidatesExportQuery) {
      requirePermission(actor, 'upsell_candidate:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) => toDtos(actor.orgId, await findCandidatesPage(db, scopeOf(actor), q, { limit, offset })));
    },

    /** The account page's badge: why the account is a candidate, or null. */
    async ofAccount(actor: Actor, accountId: string) {
      requirePermission(actor, 'upsell_candidate:read');
      await deps.accounts.requireVisible(actor, accountId);
      const row = await findCandidateOfAccount(db, actor.orgId, accountId);
      return { candidate: row ? ((await toDtos(actor.orgId, [row]))[0] ?? null) : null };
    },

    async settings(actor: Actor): Promise<TUpsellSettings> {
      requirePermission(actor, 'upsell_candidate:read');
      return settingsOf(actor.orgId);
    },

    async updateSettings(actor: Actor, input: TUpsellSettings): Promise<TUpsellSettings> {
      requirePermission(actor, 'upsell_candidate:configure');
      return db.transaction(async (tx) => {
        const before = await settingsOf(actor.orgId, tx);
        await saveSettings(tx, actor.orgId, input.limitThresholdPercent, clock.now());
        const after = await settingsOf(actor.orgId, tx);
        await recordAudit(tx, clock, actor, { entityType: 'upsell_settings', entityId: actor.orgId, action: 'updated', before, after });
        return after;
      });
    },

    /** Recomputes the actor's organisation now (after changing the threshold), instead of waiting for the night. */
    async recomputeNow(actor: Actor) {
      requirePermission(actor, 'upsell_candidate:configure');
      return recompute(actor.orgId);
    },
  };
}
