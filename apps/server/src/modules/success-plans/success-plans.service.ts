import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCustomFields } from '../custom-fields/index.ts';
import type { TimelineService } from '../timeline/index.ts';
import { successPlansMessages as m } from './success-plans.messages.ts';
import { renderSuccessPlanPdf } from './success-plans.pdf.ts';
import * as repo from './success-plans.repository.ts';
import {
  PDF_LANGUAGES,
  type TCreateObjective,
  type TCreateValueItem,
  type TObjective,
  type TObjectiveListItem,
  type TObjectivesExportQuery,
  type TObjectivesQuery,
  type TProgressEntry,
  type TRecordProgress,
  type TSuccessPlan,
  type TUpdateObjective,
  type TValueItem,
} from './success-plans.schemas.ts';

type TLanguage = (typeof PDF_LANGUAGES)[number];

export function toObjectiveDto(r: repo.TObjectiveReadRow): TObjective {
  return {
    id: r.id,
    accountId: r.accountId,
    title: r.title,
    metric: r.metric as TObjective['metric'],
    baseline: r.baseline,
    target: r.target,
    unit: r.unit,
    dueOn: r.dueOn,
    ownerUserId: r.ownerUserId,
    ownerName: r.ownerName,
    status: r.status as TObjective['status'],
    source: r.source as TObjective['source'],
    sourceKey: r.sourceKey,
    startsOn: r.startsOn,
    current: r.current,
    lastMeasuredOn: r.lastMeasuredOn,
    percentAchieved: r.percentAchieved,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const toProgressDto = (r: repo.TProgressRow): TProgressEntry => ({
  id: r.id,
  objectiveId: r.objectiveId,
  measuredOn: r.measuredOn,
  value: r.value,
  note: r.note,
  source: r.source as TProgressEntry['source'],
  recordedByName: r.recordedByName,
  createdAt: r.createdAt.toISOString(),
});

const toValueDto = (r: repo.TValueItemRow): TValueItem => ({
  id: r.id,
  accountId: r.accountId,
  objectiveId: r.objectiveId,
  objectiveTitle: r.objectiveTitle,
  description: r.description,
  amount: r.amount,
  currency: r.currency,
  deliveredOn: r.deliveredOn,
  createdAt: r.createdAt.toISOString(),
});

const toListItem = (r: repo.TObjectiveReadRow): TObjectiveListItem => ({ ...toObjectiveDto(r), accountName: r.accountName });
const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) });
const asLanguage = (l: string | undefined): TLanguage => ((PDF_LANGUAGES as readonly string[]).includes(l ?? '') ? (l as TLanguage) : 'en');

export type SuccessPlanService = ReturnType<typeof createSuccessPlanService>;

/** Business rules. Each method checks the permission first; a write, its audit entry and its timeline entry commit in one transaction. */
export function createSuccessPlanService(deps: { db: Db; clock: Clock; accounts: AccountService; timeline: TimelineService }) {
  const { db, clock } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  async function getObjective(tx: Db, actor: Actor, id: string) {
    const row = await repo.findObjectiveById(tx, actor.orgId, id);
    if (!row) throw notFound('Objective');
    await deps.accounts.requireVisible(actor, row.accountId, tx);
    return row;
  }

  async function writableAccount(tx: Db, actor: Actor, accountId: string) {
    const account = await deps.accounts.requireVisible(actor, accountId, tx);
    if (account.archivedAt) throw invalid('accountId', m.success_plan_account_archived);
    return account;
  }

  async function checkSource(tx: Db, orgId: string, source: string, key: string | null) {
    if (source === 'manual') return;
    if (!key) throw invalid('sourceKey', m.success_objective_source_key_required);
    if (source === 'custom_field') {
      const fields = await loadCustomFields(tx, orgId, 'account');
      if (!fields.some((f) => f.key === key && f.type === 'number'))
        throw invalid('sourceKey', m.success_objective_custom_field_unknown, { key });
    }
  }

  /** The objective's entry on its account's timeline, kept up to date (progress, status) once per objective. */
  async function recordOnTimeline(tx: Db, actor: Actor, id: string) {
    const o = await repo.findObjectiveById(tx, actor.orgId, id);
    if (!o) return;
    await deps.timeline.recordEntry(tx, actor.orgId, {
      accountId: o.accountId,
      kind: 'success_plan',
      occurredAt: o.createdAt,
      subject: `Objective: ${o.title} (${o.percentAchieved} %)`,
      data: { objectiveId: o.id, title: o.title, percentAchieved: o.percentAchieved, status: o.status },
      sourceRef: `success_objective:${o.id}`,
      authorUserId: o.createdByUserId,
      source: 'success-plans',
    });
  }

  async function addProgress(
    tx: Db,
    actor: Actor,
    o: repo.TObjectiveReadRow,
    entry: { value: number; measuredOn: string; note: string | null; source: string },
  ) {
    const id = newId();
    const { value, measuredOn, note, source } = entry;
    await repo.insertProgressEntry(tx, {
      orgId: actor.orgId,
      id,
      objectiveId: o.id,
      measuredOn,
      value,
      note,
      source,
      recordedByUserId: actor.userId,
      createdAt: clock.now(),
    });
    const after = await repo.findObjectiveById(tx, actor.orgId, o.id);
    // Reaching the target achieves an objective that was still running; a person may set any status afterwards.
    const reached = after && after.percentAchieved >= 100 && (o.status === 'on_track' || o.status === 'at_risk');
    await repo.updateObjectiveRow(tx, actor.orgId, o.id, { updatedAt: clock.now(), ...(reached ? { status: 'achieved' } : {}) });
    await recordAudit(tx, clock, actor, {
      entityType: 'success_objective',
      entityId: o.id,
      action: 'progress_recorded',
      after: { value, measuredOn, note },
    });
    await recordOnTimeline(tx, actor, o.id);
    const row = await repo.findObjectiveById(tx, actor.orgId, o.id);
    if (!row) throw notFound('Objective');
    return toObjectiveDto(row);
  }

  async function plan(tx: Db, actor: Actor, accountId: string): Promise<TSuccessPlan> {
    const account = await deps.accounts.requireVisible(actor, accountId, tx);
    const [objectives, progress, values, locale] = await Promise.all([
      repo.findObjectivesOfAccount(tx, actor.orgId, accountId),
      repo.findProgressOfAccount(tx, actor.orgId, accountId),
      repo.findValueItemsOfAccount(tx, actor.orgId, accountId),
      repo.findAccountLocale(tx, actor.orgId, accountId),
    ]);
    const totals = new Map<string, number>();
    for (const v of values) totals.set(v.currency, Math.round(((totals.get(v.currency) ?? 0) + v.amount) * 100) / 100);
    return {
      accountId,
      accountName: account.name,
      currency: locale?.currency ?? 'EUR',
      language: asLanguage(locale?.language),
      objectives: objectives.map((o) => ({
        ...toObjectiveDto(o),
        progress: progress.filter((p) => p.objectiveId === o.id).map(toProgressDto),
      })),
      valueItems: values.map(toValueDto),
      valueTotals: [...totals].map(([currency, amount]) => ({ currency, amount })),
    };
  }

  return {
    /** An account's success plan: objectives with their measurements, value delivered and its totals. */
    async plan(actor: Actor, accountId: string) {
      requirePermission(actor, 'success_plan:read');
      return plan(db, actor, accountId);
    },

    /** The one-page "Customer ROI" PDF, in the asked language or the account's. */
    async pdf(actor: Actor, accountId: string, language?: TLanguage) {
      requirePermission(actor, 'success_plan:read');
      const p = await plan(db, actor, accountId);
      const buffer = await renderSuccessPlanPdf(p, language ?? p.language, today());
      return { buffer, fileName: `customer-roi-${p.accountName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.pdf` };
    },

    /** The portfolio: objectives across the accounts the actor may see; search, filters, sort, paging. */
    async list(actor: Actor, q: TObjectivesQuery) {
      requirePermission(actor, 'success_plan:read');
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([
        repo.findObjectivesPage(db, scopeOf(actor), q, page),
        repo.countObjectives(db, scopeOf(actor), q),
      ]);
      return { items: rows.map(toListItem), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportRows(actor: Actor, q: TObjectivesExportQuery) {
      requirePermission(actor, 'success_plan:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) => (await repo.findObjectivesPage(db, scopeOf(actor), q, { limit, offset })).map(toListItem));
    },

    async getObjective(actor: Actor, id: string) {
      requirePermission(actor, 'success_plan:read');
      return toObjectiveDto(await getObjective(db, actor, id));
    },

    async createObjective(actor: Actor, accountId: string, input: TCreateObjective) {
      requirePermission(actor, 'success_plan:write');
      return db.transaction(async (tx) => {
        await writableAccount(tx, actor, accountId);
        const source = input.source ?? 'manual';
        const sourceKey = source === 'manual' ? null : (input.sourceKey ?? null);
        await checkSource(tx, actor.orgId, source, sourceKey);
        const now = clock.now();
        const id = newId();
        await repo.insertObjective(tx, {
          orgId: actor.orgId,
          id,
          accountId,
          title: input.title,
          metric: input.metric,
          baseline: input.baseline,
          target: input.target,
          unit: input.unit,
          dueOn: input.dueOn ?? null,
          ownerUserId: input.ownerUserId ?? null,
          status: input.status ?? 'on_track',
          source,
          sourceKey,
          startsOn: today(),
          createdByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        const row = await getObjective(tx, actor, id);
        const dto = toObjectiveDto(row);
        await recordAudit(tx, clock, actor, { entityType: 'success_objective', entityId: id, action: 'created', after: dto });
        await recordOnTimeline(tx, actor, id);
        return dto;
      });
    },

    async updateObjective(actor: Actor, id: string, input: TUpdateObjective) {
      requirePermission(actor, 'success_plan:write');
      return db.transaction(async (tx) => {
        const before = await getObjective(tx, actor, id);
        await writableAccount(tx, actor, before.accountId);
        const source = input.source ?? before.source;
        const sourceKey = source === 'manual' ? null : input.sourceKey !== undefined ? input.sourceKey : before.sourceKey;
        await checkSource(tx, actor.orgId, source, sourceKey);
        const { source: _s, sourceKey: _k, ...rest } = input;
        await repo.updateObjectiveRow(tx, actor.orgId, id, { ...rest, source, sourceKey, updatedAt: clock.now() });
        const dto = toObjectiveDto(await getObjective(tx, actor, id));
        await recordAudit(tx, clock, actor, {
          entityType: 'success_objective',
          entityId: id,
          action: 'updated',
          before: toObjectiveDto(before),
          after: dto,
        });
        await recordOnTimeline(tx, actor, id);
        return dto;
      });
    },

    async removeObjective(actor: Actor, id: string) {
      requirePermission(actor, 'success_plan:write');
      await db.transaction(async (tx) => {
        const before = await getObjective(tx, actor, id);
        await repo.deleteObjectiveRow(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, {
          entityType: 'success_objective',
          entityId: id,
          action: 'deleted',
          before: toObjectiveDto(before),
        });
      });
    },

    /** A measurement by hand (today unless dated); reaching the target marks a running objective achieved. */
    async recordProgress(actor: Actor, id: string, input: TRecordProgress) {
      requirePermission(actor, 'success_plan:write');
      return db.transaction(async (tx) => {
        const o = await getObjective(tx, actor, id);
        await writableAccount(tx, actor, o.accountId);
        const measuredOn = input.measuredOn ?? today();
        if (measuredOn > today()) throw invalid('measuredOn', m.success_progress_in_future);
        return addProgress(tx, actor, o, { value: input.value, measuredOn, note: input.note ?? null, source: 'manual' });
      });
    },

    /** Reads a linked objective's value from the product's data today and records it as a measurement. */
    async measure(actor: Actor, id: string) {
      requirePermission(actor, 'success_plan:write');
      return db.transaction(async (tx) => {
        const o = await getObjective(tx, actor, id);
        await writableAccount(tx, actor, o.accountId);
        if (o.source === 'manual' || !o.sourceKey) throw invalid('source', m.success_objective_not_linked);
        let value: number;
        if (o.source === 'usage_event') value = await repo.sumUsageEvents(tx, actor.orgId, o.accountId, o.sourceKey, o.startsOn, today());
        else {
          const raw = await repo.findAccountCustomValue(tx, actor.orgId, o.accountId, o.sourceKey);
          value = typeof raw === 'number' ? raw : Number(raw);
          if (raw === null || raw === '' || !Number.isFinite(value))
            throw invalid('sourceKey', m.success_objective_no_value, { key: o.sourceKey });
        }
        return addProgress(tx, actor, o, { value, measuredOn: today(), note: null, source: o.source });
      });
    },

    async addValueItem(actor: Actor, accountId: string, input: TCreateValueItem) {
      requirePermission(actor, 'success_plan:write');
      return db.transaction(async (tx) => {
        await writableAccount(tx, actor, accountId);
        if (input.objectiveId) {
          const o = await repo.findObjectiveById(tx, actor.orgId, input.objectiveId);
          if (!o || o.accountId !== accountId) throw invalid('objectiveId', m.success_value_objective_elsewhere);
        }
        const locale = await repo.findAccountLocale(tx, actor.orgId, accountId);
        const id = newId();
        const currency = input.currency ?? locale?.currency ?? 'EUR';
        await repo.insertValueItem(tx, {
          orgId: actor.orgId,
          id,
          accountId,
          objectiveId: input.objectiveId ?? null,
          description: input.description,
          amount: input.amount,
          currency,
          deliveredOn: input.deliveredOn,
          createdByUserId: actor.userId,
          createdAt: clock.now(),
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'success_value_item',
          entityId: id,
          action: 'created',
          after: { ...input, currency },
        });
        await deps.timeline.recordEntry(tx, actor.orgId, {
          accountId,
          kind: 'success_plan',
          occurredAt: new Date(`${input.deliveredOn}T12:00:00Z`),
          subject: `Value delivered: ${input.description} (${currency} ${input.amount})`,
          data: { valueItemId: id, description: input.description, amount: input.amount, currency },
          sourceRef: `success_value:${id}`,
          authorUserId: actor.userId,
          source: 'success-plans',
        });
        const item = (await repo.findValueItemsOfAccount(tx, actor.orgId, accountId)).find((v) => v.id === id);
        if (!item) throw notFound('Value item');
        return toValueDto(item);
      });
    },

    async removeValueItem(actor: Actor, id: string) {
      requirePermission(actor, 'success_plan:write');
      await db.transaction(async (tx) => {
        const before = await repo.findValueItemById(tx, actor.orgId, id);
        if (!before) throw notFound('Value item');
        await deps.accounts.requireVisible(actor, before.accountId, tx);
        await repo.deleteValueItemRow(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: 'success_value_item', entityId: id, action: 'deleted', before });
      });
    },
  };
}
