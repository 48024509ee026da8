import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { createSubscriptionBatch } from './subscriptions.batch.ts';
import { changesOfSubscription, findChanges, listChanges } from './subscriptions.changes.repository.ts';
import { toChangeDto, toLineDto, toSubscriptionDto } from './subscriptions.dto.ts';
import { ensureCancelReasons, referenceAllocator, type TImportMeta, writeImportedSubscriptions } from './subscriptions.import.ts';
import { subscriptionMessages as m } from './subscriptions.messages.ts';
import type { TImportedSubscription } from './subscriptions.periods.ts';
import { prepareChange } from './subscriptions.prepare.ts';
import { currentMrrCents, renewFromQuote, type TQuoteRenewal } from './subscriptions.quote.ts';
import {
  currentReplay,
  newSubscriptionRow,
  recordChange,
  resolveLines,
  type TNewChange,
  type TRecordDeps,
} from './subscriptions.record.ts';
import {
  accountIdsWithSubscriptions,
  cancellationDaysOfAccounts,
  cancellationsInRange,
  findCancelReason,
  findSubscription,
  findSubscriptions,
  insertCancelReason,
  insertSubscription,
  listCancelReasons,
  listSubscriptions,
  nextReference,
  subscriptionsOfAccount,
  type TSubscriptionRow,
  updateCancelReason,
  versionsOfAccounts,
  versionsOfSubscription,
} from './subscriptions.repository.ts';
import type {
  TChangeExportQuery,
  TChangeInput,
  TChangeListQuery,
  TCreateSubscription,
  TSubscriptionExportQuery,
  TSubscriptionListQuery,
} from './subscriptions.schemas.ts';

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;

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

  return {
    async list(actor: Actor, q: TSubscriptionListQuery) {
      requirePermission(actor, 'subscription:read');
      const { rows, total } = await listSubscriptions(db, { orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) }, q);
      return { items: rows.map((r) => toSubscriptionDto(r, [], new Map(), today())), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every subscription the list's filters match, in its order, in batches for a CSV export. */
    async *exportRows(actor: Actor, q: TSubscriptionExportQuery) {
      requirePermission(actor, 'subscription:read');
      requirePermission(actor, 'export:run');
      const scope = { orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) };
      const day = today();
      yield* inBatches(async (limit, offset) =>
        (await findSubscriptions(db, scope, q, { limit, offset })).map((r) => toSubscriptionDto(r, [], new Map(), day)),
      );
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
        const row = newSubscriptionRow(actor.orgId, accountId, await nextReference(tx, actor.orgId), input, now);
        const id = row.id;
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
        const prepared = await prepareChange(tx, deps, sub, input, await currentReplay(tx, deps, sub));
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

    /**
     * New subscriptions with their histories, written together when committed (subscriptions.batch.ts): the same
     * rules, rows, audit entries and events as `create` and `change` one at a time, at a fraction of the statements.
     */
    batch: (actor: Actor, source: TNewChange['source'] = 'ui') => createSubscriptionBatch(deps, actor, source),

    /** An accepted quote's new term (subscriptions.quote.ts), in the quote's transaction. */
    renewFromQuote: (tx: Db, orgId: string, id: string, input: TQuoteRenewal) => renewFromQuote(tx, deps, orgId, id, input),
    currentMrrCents: (tx: Db, orgId: string, id: string) => currentMrrCents(tx, orgId, id),

    async listChanges(actor: Actor, q: TChangeListQuery) {
      requirePermission(actor, 'subscription:read');
      if (q.accountId) await deps.accounts.requireVisible(actor, q.accountId);
      const { rows, total } = await listChanges(db, { orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) }, q);
      return { items: rows.map(toChangeDto), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every change the list's filters match, in its order, in batches for a CSV export. */
    async *exportChanges(actor: Actor, q: TChangeExportQuery) {
      requirePermission(actor, 'subscription:read');
      requirePermission(actor, 'export:run');
      if (q.accountId) await deps.accounts.requireVisible(actor, q.accountId);
      const scope = { orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) };
      yield* inBatches(async (limit, offset) => (await findChanges(db, scope, q, { limit, offset })).map(toChangeDto));
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
