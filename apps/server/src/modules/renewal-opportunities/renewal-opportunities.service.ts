import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { TimelineService } from '../timeline/index.ts';
import { finishedRenewals, type TFinishedRenewal } from './renewal-opportunities.close.repository.ts';
import { sendConfirmations } from './renewal-opportunities.customer.ts';
import { termsToOpen } from './renewal-opportunities.daily.repository.ts';
import { openTerms } from './renewal-opportunities.daily.ts';
import { dayOf, daysBetween } from './renewal-opportunities.days.ts';
import { renewalOpportunitiesMessages as m } from './renewal-opportunities.messages.ts';
import {
  activeUserExists,
  boardRows,
  countRenewalOpportunities,
  findOpportunityOfSubscription,
  findRenewalOpportunitiesPage,
  findRenewalOpportunityById,
  findRenewalSettings,
  findSubscriptionAccount,
  listRenewalOpportunityRowsOfAccount,
  lockRenewalOpportunity,
  saveRenewalSettings,
  type TRenewalOpportunityListRow,
  updateRenewalOpportunityRow,
} from './renewal-opportunities.repository.ts';
import {
  CLOSED_STAGES,
  RENEWAL_STAGES,
  type TQuoteOutcome,
  type TRenewalBoardQuery,
  type TRenewalOpportunitiesExportQuery,
  type TRenewalOpportunitiesQuery,
  type TRenewalOpportunity,
  type TRenewalOpportunityListQuery,
  type TRenewalSettings,
  type TRenewalStage,
  type TUpdateRenewalOpportunity,
  type TUpdateRenewalSettings,
} from './renewal-opportunities.schemas.ts';

const DAY = 86_400_000;
const isClosed = (stage: string) => (CLOSED_STAGES as readonly string[]).includes(stage);

export const DEFAULT_RENEWAL_SETTINGS: TRenewalSettings = {
  leadDays: 90,
  leadDaysRules: [],
  reminderOffsets: [120, 90, 60, 30, 7],
  overdueReminder: true,
  customerEmails: false,
  customerReminderOffsets: [60, 30],
};

export function toRenewalOpportunityDto(r: TRenewalOpportunityListRow, today: string): TRenewalOpportunity {
  const daysLeft = daysBetween(today, r.dueOn);
  const timing = r.closedAt ? 'closed' : daysLeft <= 0 ? 'overdue' : daysLeft <= 30 ? 'due_soon' : 'on_track';
  return {
    id: r.id,
    accountId: r.accountId,
    accountName: r.accountName,
    subscriptionId: r.subscriptionId,
    subscriptionReference: r.subscriptionReference,
    termNo: r.termNo,
    currency: r.currency,
    termLastDay: r.termLastDay,
    dueOn: r.dueOn,
    daysLeft,
    timing,
    openedOn: r.openedOn,
    ownerUserId: r.ownerUserId,
    ownerName: r.ownerName,
    stage: r.stage as TRenewalStage,
    category: r.category as TRenewalOpportunity['category'],
    targetCents: Number(r.targetCents),
    forecastCents: Number(r.forecastCents),
    likelihood: r.likelihood,
    riskReasons: r.riskReasons,
    closeReason: r.closeReason,
    closedAt: r.closedAt?.toISOString() ?? null,
    quoteStatus: r.quoteStatus,
    notes: r.notes,
    stageChangedAt: r.stageChangedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const STAGE_LABELS: Record<TRenewalStage, string> = {
  upcoming: 'Upcoming',
  contacted: 'Contacted',
  negotiating: 'Negotiating',
  quote_sent: 'Quote sent',
  quote_accepted: 'Quote accepted',
  renewed: 'Renewed',
  downgraded: 'Downgraded',
  churned: 'Churned',
};

/** How a renewal whose outcome is known closes (closeFinished). */
export function closingOf(r: TFinishedRenewal): TUpdateRenewalOpportunity {
  if (r.next_arr_cents !== null) {
    const next = Math.round(Number(r.next_arr_cents));
    const target = Number(r.target_cents);
    const how = next > target ? 'Upgraded' : next < target ? 'Downgraded' : 'Renewed';
    return {
      stage: next < target ? 'downgraded' : 'renewed',
      forecastCents: next,
      ...(next > target ? { category: 'upsell' as const } : {}),
      closeReason: `${how}: the next term starts ${r.next_start}`,
    };
  }
  if (r.cancelled) return { stage: 'churned', forecastCents: 0, closeReason: r.cancel_reason ?? 'Cancelled' };
  return { stage: 'churned', forecastCents: 0, closeReason: 'No renewal within the grace period' };
}

export type RenewalOpportunityService = ReturnType<typeof createRenewalOpportunityService>;

export interface TRenewalDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  accounts: AccountService;
  timeline: TimelineService;
}

/** Business rules. Each method checks the permission first; a write, its audit entry, timeline entry and event commit in one transaction. */
export function createRenewalOpportunityService(deps: TRenewalDeps) {
  const { db, clock } = deps;
  const today = () => dayOf(clock.now());
  const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) });

  async function getVisible(tx: Db, actor: Actor, id: string) {
    const row = await findRenewalOpportunityById(tx, actor.orgId, id);
    if (!row) throw notFound('RenewalOpportunity');
    await deps.accounts.requireVisible(actor, row.accountId, tx);
    return row;
  }

  /**
   * The one write path of a change (a person's edit, a quote's outcome): the row, and for a stage change its close
   * fields, the audit entry, the account's timeline entry and `renewal.stage_changed`, all in `tx`.
   */
  async function applyChange(
    tx: Db,
    orgId: string,
    id: string,
    input: TUpdateRenewalOpportunity & { quoteStatus?: string },
    actor: Actor | null,
    /** Only while still open (a renewal closing by itself: another run may have closed it first). */
    ifOpen = false,
  ) {
    const before = await lockRenewalOpportunity(tx, orgId, id);
    if (!before) throw notFound('RenewalOpportunity');
    if (ifOpen && before.closedAt) return false;
    const stage = input.stage ?? before.stage;
    const stageChanged = stage !== before.stage;
    const closeReason = input.closeReason !== undefined ? input.closeReason : before.closeReason;
    if (stageChanged && stage === 'churned' && !closeReason) throw invalid('closeReason', m.renewal_close_reason_required);
    if (input.ownerUserId && !(await activeUserExists(tx, orgId, input.ownerUserId))) throw invalid('ownerUserId', m.renewal_unknown_owner);
    const now = clock.now();
    const closing = stageChanged ? { closedAt: isClosed(stage) ? now : null, stageChangedAt: now } : {};
    await updateRenewalOpportunityRow(tx, orgId, id, { ...input, closeReason, ...closing, updatedAt: now });
    await recordAudit(tx, clock, actor, {
      orgId,
      entityType: 'renewal_opportunity',
      entityId: id,
      action: stageChanged ? 'stage_changed' : 'updated',
      before: { stage: before.stage, category: before.category, forecastCents: before.forecastCents, ownerUserId: before.ownerUserId },
      after: input,
    } as Parameters<typeof recordAudit>[3]);
    if (!stageChanged) return true;
    await deps.timeline.recordEntry(tx, orgId, {
      accountId: before.accountId,
      kind: 'renewal',
      occurredAt: now,
      subject: `Renewal: ${STAGE_LABELS[before.stage as TRenewalStage]} → ${STAGE_LABELS[stage as TRenewalStage]}`,
      data: { opportunityId: id, from: before.stage, to: stage, dueOn: before.dueOn, closeReason: isClosed(stage) ? closeReason : null },
      sourceRef: `renewal:${id}:${newId()}`,
      authorUserId: actor?.userId ?? null,
      source: 'renewal-opportunities',
    });
    await deps.events.publish(tx, orgId, 'renewal.stage_changed', {
      opportunityId: id,
      accountId: before.accountId,
      from: before.stage,
      to: stage,
      closeReason: closeReason ?? null,
    });
    // The customer's billing and decision-maker contacts are told it renewed (once each), when the organisation says so.
    if ((stage === 'renewed' || stage === 'downgraded') && (await settingsOf(tx, orgId)).customerEmails)
      await sendConfirmations(tx, clock, orgId, id);
    return true;
  }

  async function settingsOf(tx: Db, orgId: string): Promise<TRenewalSettings> {
    const row = await findRenewalSettings(tx, orgId);
    if (!row) return DEFAULT_RENEWAL_SETTINGS;
    return {
      leadDays: row.leadDays,
      leadDaysRules: row.leadDaysRules.map((r) => ({ segment: r.segment ?? null, edition: r.edition ?? null, days: r.days })),
      reminderOffsets: row.reminderOffsets,
      overdueReminder: row.overdueReminder,
      customerEmails: row.customerEmails,
      customerReminderOffsets: row.customerReminderOffsets,
    };
  }

  return {
    settingsOf,

    /**
     * Closes the open renewals whose outcome is known (of one subscription, or all), through the one write path (audit,
     * timeline, `renewal.stage_changed`, the customer's confirmation): a next term recorded closes it renewed (upgraded
     * when its ARR is above the target) or downgraded, with the new ARR as its forecast; a term ended cancelled, or
     * the grace period passed without a next term, closes it churned with the cancellation's reason. In `tx`.
     */
    async closeFinished(tx: Db, orgId: string, subscriptionId?: string) {
      let closed = 0;
      for (const r of await finishedRenewals(tx, orgId, today(), subscriptionId)) {
        const change = closingOf(r);
        if (await applyChange(tx, orgId, r.id, change, null, true)) closed++;
      }
      return closed;
    },

    /** The pipeline list on the accounts the actor may see: filters, sort, paging. */
    async list(actor: Actor, q: TRenewalOpportunitiesQuery) {
      requirePermission(actor, 'renewal_opportunity:read');
      const d = today();
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([
        findRenewalOpportunitiesPage(db, scopeOf(actor), q, d, page),
        countRenewalOpportunities(db, scopeOf(actor), q, d),
      ]);
      return { items: rows.map((r) => toRenewalOpportunityDto(r, d)), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportRows(actor: Actor, q: TRenewalOpportunitiesExportQuery) {
      requirePermission(actor, 'renewal_opportunity:read');
      requirePermission(actor, 'export:run');
      const d = today();
      yield* inBatches(async (limit, offset) =>
        (await findRenewalOpportunitiesPage(db, scopeOf(actor), q, d, { limit, offset })).map((r) => toRenewalOpportunityDto(r, d)),
      );
    },

    /** The board: every stage with its count and sums and its first renewals; closed stages of the last `closedDays`. */
    async board(actor: Actor, q: TRenewalBoardQuery) {
      requirePermission(actor, 'renewal_opportunity:read');
      const d = today();
      const { sums, items } = await boardRows(db, scopeOf(actor), q, d, new Date(clock.now().getTime() - q.closedDays * DAY));
      return {
        stages: RENEWAL_STAGES.map((stage) => {
          const s = sums.filter((x) => x.stage === stage);
          return {
            stage,
            count: s.reduce((n, x) => n + Number(x.count), 0),
            totals: s.map((x) => ({ currency: x.currency, targetCents: Number(x.targetCents), forecastCents: Number(x.forecastCents) })),
            items: items.filter((r) => r.stage === stage).map((r) => toRenewalOpportunityDto(r, d)),
          };
        }),
      };
    },

    async listOfAccount(actor: Actor, accountId: string, q: TRenewalOpportunityListQuery) {
      requirePermission(actor, 'renewal_opportunity:read');
      await deps.accounts.requireVisible(actor, accountId);
      const d = today();
      const { rows, total } = await listRenewalOpportunityRowsOfAccount(db, actor.orgId, accountId, q);
      return { items: rows.map((r) => toRenewalOpportunityDto(r, d)), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'renewal_opportunity:read');
      return toRenewalOpportunityDto(await getVisible(db, actor, id), today());
    },

    /** Move a stage (closing with renewed, downgraded or churned), forecast, category, owner, notes. */
    async update(actor: Actor, id: string, input: TUpdateRenewalOpportunity) {
      requirePermission(actor, 'renewal_opportunity:write');
      await db.transaction(async (tx) => {
        await getVisible(tx, actor, id);
        await applyChange(tx, actor.orgId, id, input, actor);
      });
      return this.get(actor, id);
    },

    /**
     * Hook for a quotes module: what became of the renewal's quote. `sent` moves it to quote_sent, `accepted` to
     * quote_accepted, `declined` back to negotiating; an `outcome` closes it (renewed, downgraded, churned) with
     * `reason`. Runs in the caller's transaction when given one (the quote's change and this commit together).
     */
    async recordQuoteOutcome(orgId: string, renewalId: string, q: TQuoteOutcome, actor: Actor | null = null, tx?: Db) {
      if (actor) requirePermission(actor, 'renewal_opportunity:write');
      const stage: TRenewalStage =
        q.outcome ?? (q.status === 'sent' ? 'quote_sent' : q.status === 'accepted' ? 'quote_accepted' : 'negotiating');
      const run = (t: Db) =>
        applyChange(
          t,
          orgId,
          renewalId,
          { stage, quoteStatus: q.status, ...(q.reason !== undefined ? { closeReason: q.reason } : {}) },
          actor,
        );
      if (tx) await run(tx);
      else await db.transaction(run);
    },

    /** Open the renewal of a subscription's current term now, before its lead time (once: an open one is returned). */
    async openNow(actor: Actor, subscriptionId: string) {
      requirePermission(actor, 'renewal_opportunity:write');
      const id = await db.transaction(async (tx) => {
        const [term] = await termsToOpen(tx, actor.orgId, today(), { leadDays: 0, rules: [] }, 0, subscriptionId);
        const accountId = term?.account_id ?? (await findSubscriptionAccount(tx, actor.orgId, subscriptionId));
        if (!accountId) throw notFound('Subscription');
        await deps.accounts.requireVisible(actor, accountId, tx);
        if (!term) {
          const existing = await findOpportunityOfSubscription(tx, actor.orgId, subscriptionId);
          if (existing) return existing;
          throw invalid('subscriptionId', m.renewal_no_term_end);
        }
        const [opened] = await openTerms(tx, deps, actor.orgId, [term], actor);
        return opened?.id ?? (await findOpportunityOfSubscription(tx, actor.orgId, subscriptionId));
      });
      if (!id) throw notFound('RenewalOpportunity');
      return this.get(actor, id);
    },

    async getSettings(actor: Actor) {
      requirePermission(actor, 'renewal_opportunity:read');
      return settingsOf(db, actor.orgId);
    },

    async updateSettings(actor: Actor, input: TUpdateRenewalSettings) {
      requirePermission(actor, 'renewal_settings:manage');
      return db.transaction(async (tx) => {
        const before = await settingsOf(tx, actor.orgId);
        const after = {
          ...before,
          ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        } as TRenewalSettings;
        after.reminderOffsets = [...after.reminderOffsets].sort((a, b) => b - a);
        after.customerReminderOffsets = [...after.customerReminderOffsets].sort((a, b) => b - a);
        after.leadDaysRules = after.leadDaysRules.map((r) => ({ segment: r.segment ?? null, edition: r.edition ?? null, days: r.days }));
        await saveRenewalSettings(tx, { orgId: actor.orgId, ...after, updatedAt: clock.now() });
        await recordAudit(tx, clock, actor, { entityType: 'renewal_settings', entityId: actor.orgId, action: 'updated', before, after });
        return after;
      });
    },
  };
}
