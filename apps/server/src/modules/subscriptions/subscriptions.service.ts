import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { toChangeDto, toLineDto, toSubscriptionDto } from './subscriptions.dto.ts';
import { ensureCancelReasons, referenceAllocator, type TImportMeta, writeImportedSubscriptions } from './subscriptions.import.ts';
import { subscriptionMessages as m } from './subscriptions.messages.ts';
import type { TImportedSubscription } from './subscriptions.periods.ts';
import { currentMrrCents, renewFromQuote, type TQuoteRenewal } from './subscriptions.quote.ts';
import { checkAgainst, currentReplay, recordChange, resolveLines, type TNewChange, type TRecordDeps } from './subscriptions.record.ts';
import {
  accountIdsWithSubscriptions,
  cancellationDaysOfAccounts,
  cancellationsInRange,
  changesOfSubscription,
  findCancelReason,
  findSubscription,
  insertCancelReason,
  insertSubscription,
  listCancelReasons,
  listChanges,
  listSubscriptions,
  nextReference,
  subscriptionsOfAccount,
  type TSubscriptionRow,
  updateCancelReason,
  versionsOfAccounts,
  versionsOfSubscription,
} from './subscriptions.repository.ts';
import type { TChangeInput, TChangeKind, TChangeListQuery, TCreateSubscription, TSubscriptionListQuery } from './subscriptions.schemas.ts';
import { addDays, type TChangeOp } from './subscriptions.timeline.ts';

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;

/** The last day of the billing period (of `intervalMonths` from `termStart`) that contains `day`. */
export function billingPeriodEnd(termStart: string, intervalMonths: number, day: string): string {
  const start = new Date(`${termStart}T00:00:00Z`);
  for (let k = 1; k < 2000; k++) {
    const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + k * intervalMonths, start.getUTCDate()));
    const nextDay = next.toISOString().slice(0, 10);
    if (nextDay > day) return addDays(nextDay, -1);
  }
  return day;
}

/** Business rules. Each method checks the permission first; a change, its replay, its event and its audit entry commit together. */
export function createSubscriptionService(deps: TRecordDeps & { db: Db; accounts: AccountService }) {
  const { db, clock } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  async function getVisible(tx: Db, actor: Actor, id: string): Promise<TSubscriptionRow> {
    const row = await findSubscription(tx, actor.orgId, id);
    if (!row) throw notFound('Subscription');
    await deps.accounts.requireVisible(actor, row.accountId, tx);
    return row;
  }

  async function detail(tx: Db, actor: Actor, sub: TSubscriptionRow) {
    const [changes, versions] = await Promise.all([
      changesOfSubscription(tx, actor.orgId, sub.id),
      versionsOfSubscription(tx, actor.orgId, sub.id),
    ]);
    const planNames = await planNamesOf(
      tx,
      actor.orgId,
      versions.map((v) => v.planId),
    );
    const day = today();
    return {
      ...toSubscriptionDto(sub, versions, planNames, day),
      versions: versions.map((v) => toLineDto(v, planNames)),
      changes: changes.map(toChangeDto),
    };
  }

  async function planNamesOf(tx: Db, orgId: string, ids: (string | null)[]) {
    const info = await deps.plans.lookup(
      orgId,
      ids.filter((id): id is string => !!id),
      tx,
    );
    return new Map([...info.values()].map((p) => [p.id, p.name]));
  }

  /** The op a request asks for, with list prices and plan names filled in, and its kind. */
  async function prepare(tx: Db, sub: TSubscriptionRow, input: TChangeInput): Promise<Omit<TNewChange, 'source' | 'actorUserId'>> {
    const base = { effectiveDate: input.effectiveDate, comment: input.comment ?? null };
    const state = await currentReplay(tx, deps, sub);
    const running = state.versions.filter(
      (v) => v.validFrom <= input.effectiveDate && (v.validTo === null || v.validTo > input.effectiveDate),
    );
    const lineOf = (key: string) => running.find((v) => v.lineKey === key);
    let op: TChangeOp;
    let kind: TChangeKind;
    let display: Record<string, unknown> | undefined;
    switch (input.op) {
      case 'change_plan': {
        const [line] = await resolveLines(
          tx,
          deps,
          sub,
          [{ planId: input.planId, quantity: input.quantity ?? 1, unitPrice: input.unitPrice, description: null }],
          'change',
        );
        const old = lineOf(input.lineKey);
        const plans = await deps.plans.lookup(sub.orgId, [input.planId, ...(old?.planId ? [old.planId] : [])], tx);
        const from = old?.planId ? plans.get(old.planId) : undefined;
        const to = plans.get(input.planId);
        const qty = input.quantity ?? old?.quantity ?? 1;
        const mrrDelta = (line?.unitPrice ?? 0) * qty - (old ? old.unitPrice * old.quantity : 0);
        const tierDelta = (to?.tier ?? 0) - (from?.tier ?? 0);
        kind = tierDelta > 0 || (tierDelta === 0 && mrrDelta > 0) ? 'upgrade' : tierDelta < 0 || mrrDelta < 0 ? 'downgrade' : 'plan_change';
        op = {
          op: 'change_plan',
          lineKey: input.lineKey,
          planId: input.planId,
          description: line?.description ?? '',
          unitPrice: line?.unitPrice ?? 0,
          quantity: input.quantity,
        };
        display = { fromPlan: from?.name ?? old?.description ?? null, toPlan: to?.name ?? null, fromUnitPrice: old?.unitPrice ?? null };
        break;
      }
      case 'add_line': {
        const [line] = await resolveLines(tx, deps, sub, [input.line], 'line');
        if (!line) throw invalid('line', m.subscription_plan_unknown);
        op = { op: 'add_line', line };
        kind = 'add_on';
        break;
      }
      case 'remove_line':
        op = { op: 'remove_line', lineKey: input.lineKey };
        kind = 'remove_line';
        display = { description: lineOf(input.lineKey)?.description ?? null };
        break;
      case 'quantity':
        op = { op: 'quantity', lineKey: input.lineKey, quantity: input.quantity };
        kind = 'quantity';
        display = { description: lineOf(input.lineKey)?.description ?? null, fromQuantity: lineOf(input.lineKey)?.quantity ?? null };
        break;
      case 'price':
        op = { op: 'price', lineKey: input.lineKey, unitPrice: input.unitPrice };
        kind = 'price';
        display = { description: lineOf(input.lineKey)?.description ?? null, fromUnitPrice: lineOf(input.lineKey)?.unitPrice ?? null };
        break;
      case 'discount':
        if (input.discount.kind === 'until' && !input.discount.until) throw invalid('discount.until', m.subscription_until_required);
        op = { op: 'discount', lineKey: input.lineKey, discount: input.discount };
        kind = 'discount_added';
        display = { description: lineOf(input.lineKey)?.description ?? null };
        break;
      case 'remove_discount':
        op = { op: 'remove_discount', lineKey: input.lineKey };
        kind = 'discount_removed';
        display = { description: lineOf(input.lineKey)?.description ?? null };
        break;
      case 'terms':
        if (input.termEnd && input.termEnd < sub.termStart) throw invalid('termEnd', m.subscription_term_order);
        op = { op: 'terms', termEnd: input.termEnd, autoRenew: input.autoRenew, trialEnd: input.trialEnd };
        kind = 'terms';
        break;
      case 'cancel': {
        const reason = await findCancelReason(tx, sub.orgId, input.reasonId);
        if (!reason) throw invalid('reasonId', m.subscription_reason_unknown);
        // By default the last paid day is the end of the term the request falls in, else of its billing period.
        const inTerm = state.termEnd && state.termStart <= input.effectiveDate && state.termEnd >= input.effectiveDate;
        const firstDay = state.versions.map((v) => v.validFrom).sort()[0] ?? state.termStart;
        const endsOn =
          input.endsOn ?? (inTerm ? state.termEnd : null) ?? billingPeriodEnd(firstDay, sub.intervalMonths, input.effectiveDate);
        op = { op: 'cancel', endsOn };
        kind = 'cancel_request';
        return { ...base, kind, op, reasonId: reason.id, competitorId: reason.asksCompetitor ? (input.competitorId ?? null) : null };
      }
      case 'withdraw_cancel':
        op = { op: 'withdraw_cancel' };
        kind = 'cancel_withdrawn';
        break;
      case 'end': {
        if (input.reasonId && !(await findCancelReason(tx, sub.orgId, input.reasonId)))
          throw invalid('reasonId', m.subscription_reason_unknown);
        op = { op: 'end' };
        kind = 'end';
        checkAgainst(state, op, input.effectiveDate);
        return { ...base, kind, op, reasonId: input.reasonId ?? null, competitorId: input.competitorId ?? null };
      }
      case 'reactivate':
        op = {
          op: 'reactivate',
          lines: input.lines ? await resolveLines(tx, deps, sub, input.lines, 'lines') : undefined,
          termEnd: input.termEnd,
          autoRenew: input.autoRenew,
          trialEnd: input.trialEnd,
        };
        kind = 'reactivation';
        break;
      case 'renew':
        if (input.termEnd && input.termEnd < input.effectiveDate) throw invalid('termEnd', m.subscription_term_order);
        op = {
          op: 'renew',
          termStart: input.effectiveDate,
          termEnd: input.termEnd,
          lines: input.lines ? await resolveLines(tx, deps, sub, input.lines, 'lines') : undefined,
        };
        kind = 'renewal';
        break;
    }
    checkAgainst(state, op, input.effectiveDate);
    return { ...base, kind, op, display };
  }

  return {
    async list(actor: Actor, q: TSubscriptionListQuery) {
      requirePermission(actor, 'subscription:read');
      const { rows, total } = await listSubscriptions(db, { orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) }, q);
      return { items: rows.map((r) => toSubscriptionDto(r, [], new Map(), today())), total, page: q.page, pageSize: q.pageSize };
    },

    async listOfAccount(actor: Actor, accountId: string) {
      requirePermission(actor, 'subscription:read');
      await deps.accounts.requireVisible(actor, accountId);
      const subs = await subscriptionsOfAccount(db, actor.orgId, accountId);
      return Promise.all(subs.map((s) => detail(db, actor, s)));
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'subscription:read');
      return detail(db, actor, await getVisible(db, actor, id));
    },

    async create(actor: Actor, accountId: string, input: TCreateSubscription, source: TNewChange['source'] = 'ui') {
      requirePermission(actor, 'subscription:write');
      return db.transaction(async (tx) => {
        const account = await deps.accounts.requireVisible(actor, accountId, tx);
        if (account.archivedAt) throw invalid('accountId', m.subscription_account_archived);
        if (input.termEnd && input.termEnd < input.termStart) throw invalid('termEnd', m.subscription_term_order);
        const now = clock.now();
        const id = newId();
        const row = {
          orgId: actor.orgId,
          id,
          accountId,
          reference: await nextReference(tx, actor.orgId),
          currency: input.currency,
          intervalMonths: input.intervalMonths,
          termStart: input.termStart,
          termEnd: input.termEnd ?? null,
          autoRenew: input.autoRenew ?? true,
          noticeDays: input.noticeDays ?? 30,
          trialEnd: input.trialEnd ?? null,
          status: 'scheduled',
          endsOn: null,
          mrrCents: 0,
          externalId: null,
          createdAt: now,
          updatedAt: now,
        };
        await insertSubscription(tx, row);
        const sub = { ...row, accountName: account.name };
        const lines = await resolveLines(tx, deps, sub, input.lines, 'lines');
        await recordChange(tx, deps, sub, {
          kind: 'start',
          effectiveDate: input.termStart,
          op: { op: 'start', lines, termEnd: input.termEnd ?? null, autoRenew: input.autoRenew ?? true, trialEnd: input.trialEnd ?? null },
          comment: input.comment ?? null,
          source,
          actorUserId: actor.userId,
        });
        const out = await detail(tx, actor, (await findSubscription(tx, actor.orgId, id)) as TSubscriptionRow);
        await recordAudit(tx, clock, actor, {
          entityType: 'subscription',
          entityId: id,
          action: 'created',
          after: { reference: out.reference, mrr: out.mrr },
        });
        return out;
      });
    },

    async change(actor: Actor, id: string, input: TChangeInput, source: TNewChange['source'] = 'ui') {
      requirePermission(actor, 'subscription:write');
      return db.transaction(async (tx) => {
        const sub = await getVisible(tx, actor, id);
        const prepared = await prepare(tx, sub, input);
        const changeId = await recordChange(tx, deps, sub, { ...prepared, source, actorUserId: actor.userId });
        const out = await detail(tx, actor, (await findSubscription(tx, actor.orgId, id)) as TSubscriptionRow);
        const change = out.changes.find((c) => c.id === changeId);
        await recordAudit(tx, clock, actor, {
          entityType: 'subscription',
          entityId: id,
          action: prepared.kind,
          after: { effectiveDate: input.effectiveDate, mrrBefore: change?.mrrBefore, mrrAfter: change?.mrrAfter },
        });
        return out;
      });
    },

    /** An accepted quote's new term (subscriptions.quote.ts), in the quote's transaction. */
    renewFromQuote: (tx: Db, orgId: string, id: string, input: TQuoteRenewal) => renewFromQuote(tx, deps, orgId, id, input),
    currentMrrCents: (tx: Db, orgId: string, id: string) => currentMrrCents(tx, orgId, id),

    async listChanges(actor: Actor, q: TChangeListQuery) {
      requirePermission(actor, 'subscription:read');
      if (q.accountId) await deps.accounts.requireVisible(actor, q.accountId);
      const { rows, total } = await listChanges(db, { orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) }, q);
      return { items: rows.map(toChangeDto), total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * The metrics projection's input (no permission check: another module's service, in its transaction): per
     * account, its line versions and the day each cancelled subscription's cancellation was asked, with two queries.
     */
    async accountsHistory(orgId: string, accountIds: readonly string[], tx: Db = db) {
      const [versions, cancelledOn] = await Promise.all([
        versionsOfAccounts(tx, orgId, accountIds),
        cancellationDaysOfAccounts(tx, orgId, accountIds),
      ]);
      return new Map(
        accountIds.map((id) => [id, { versions: versions.get(id) ?? [], cancelledOn: cancelledOn.get(id) ?? new Map<string, string>() }]),
      );
    },

    /** Cancellations in a range with their reasons (the metrics module converts and groups them). */
    async cancellations(actor: Actor, from: string, to: string) {
      requirePermission(actor, 'subscription:read');
      return cancellationsInRange(db, { orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) }, from, to);
    },

    /**
     * Imported history (the imports module, in its transaction; no permission check: the import checked it):
     * a batch of subscriptions with their whole change logs, written idempotently — each 'unchanged' when it
     * already says the same. The outcomes in the order of `items`.
     */
    async importHistory(tx: Db, orgId: string, items: readonly { accountId: string; sub: TImportedSubscription }[], meta: TImportMeta) {
      return writeImportedSubscriptions(tx, deps, orgId, items, meta);
    },

    /** New references for one import's subscriptions (pass as `meta.reference` to importHistory), in its transaction. */
    referenceAllocator: (tx: Db, orgId: string) => referenceAllocator(tx, orgId),

    /** Accounts with any subscription (the metrics rebuild walks them). */
    async accountIdsWithSubscriptions(orgId: string, tx: Db = db) {
      return accountIdsWithSubscriptions(tx, orgId);
    },

    async cancelReasons(actor: Actor) {
      requirePermission(actor, 'subscription:read');
      return (await listCancelReasons(db, actor.orgId)).map((r) => ({
        id: r.id,
        label: r.label,
        asksCompetitor: r.asksCompetitor,
        sortOrder: r.sortOrder,
        archived: r.archivedAt !== null,
      }));
    },

    /** The organisation's cancel reasons, archived ones too (an import matches a file's reasons against them). */
    async cancelReasonsOf(orgId: string, tx: Db = db) {
      return (await listCancelReasons(tx, orgId)).map((r) => ({ id: r.id, label: r.label }));
    },

    /**
     * The reasons with these labels, those the organisation lacks added (an import's "create missing reasons"),
     * in the caller's transaction; keyed by the label in lower case.
     */
    ensureCancelReasons: (tx: Db, orgId: string, labels: string[]) => ensureCancelReasons(tx, clock, orgId, labels),

    async saveCancelReason(
      actor: Actor,
      id: string | null,
      input: { label: string; asksCompetitor?: boolean; sortOrder?: number; archived?: boolean },
    ) {
      requirePermission(actor, 'cancel_reason:write');
      return db.transaction(async (tx) => {
        const existing = (await listCancelReasons(tx, actor.orgId)).find((r) => r.label.toLowerCase() === input.label.toLowerCase());
        if (existing && existing.id !== id) throw conflict('label', m.cancel_reason_taken);
        const set = {
          label: input.label,
          asksCompetitor: input.asksCompetitor,
          sortOrder: input.sortOrder,
          archivedAt: input.archived === undefined ? undefined : input.archived ? clock.now() : null,
        };
        if (id) {
          if (!(await findCancelReason(tx, actor.orgId, id))) throw notFound('Cancel reason');
          await updateCancelReason(tx, actor.orgId, id, set);
        } else {
          id = newId();
          await insertCancelReason(tx, { orgId: actor.orgId, id, ...set, archivedAt: set.archivedAt ?? null, createdAt: clock.now() });
        }
        await recordAudit(tx, clock, actor, { entityType: 'cancel_reason', entityId: id, action: 'saved', after: input });
        return id;
      });
    },
  };
}
