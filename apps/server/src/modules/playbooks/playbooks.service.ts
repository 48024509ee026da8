import { randomBytes } from 'node:crypto';
import { type Actor, can, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import { type AccountService, EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCustomFields } from '../custom-fields/index.ts';
import type { JourneyService, JourneyTemplateService } from '../journeys/index.ts';
import type { TaskService } from '../tasks/index.ts';
import { firePlaybook } from './playbooks.engine.ts';
import { dailyCandidates, matchingAccounts } from './playbooks.evaluate.repository.ts';
import { playbooksMessages as m } from './playbooks.messages.ts';
import { PRESETS } from './playbooks.presets.ts';
import {
  countPlaybooks,
  countRuns,
  deletePlaybookRow,
  enabledPlaybooks,
  findPlaybookById,
  findPlaybooksPage,
  findRunsPage,
  hasPresets,
  insertPlaybooks,
  type TPlaybookListRow,
  type TPlaybookRunRow,
  updatePlaybookRow,
} from './playbooks.repository.ts';
import {
  DAILY_TRIGGERS,
  type TAction,
  type TCondition,
  type TCreatePlaybook,
  type TCreatePlaybookParsed,
  type TDryRunRequest,
  type TDryRunResult,
  type TPlaybook,
  type TPlaybookRun,
  type TPlaybookRunsExportQuery,
  type TPlaybookRunsQuery,
  type TPlaybooksExportQuery,
  type TPlaybooksQuery,
  TRIGGER_PARAM,
  type TSignal,
  type TTrigger,
  type TUpdatePlaybook,
  ZCreatePlaybookRequest,
} from './playbooks.schemas.ts';

/** Defaults of the triggers' one parameter when a playbook leaves it out. */
const PARAM_DEFAULTS = { renewal_days_out: { days: 90 }, low_activity: { days: 14 }, support_requests_above: { threshold: 3 } } as const;

/** A run of the log as the API answers it. */
const toRunDto = (r: TPlaybookRunRow): TPlaybookRun => ({
  id: r.id,
  accountId: r.accountId,
  accountName: r.accountName,
  causeKey: r.causeKey,
  trigger: r.trigger as TTrigger,
  outcome: r.outcome,
  webhookStatus: r.webhookStatus,
  firedAt: r.firedAt.toISOString(),
});

export function toPlaybookDto(r: TPlaybookListRow, showSecret: boolean): TPlaybook {
  return {
    id: r.id,
    preset: r.preset,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    trigger: r.trigger as TTrigger,
    triggerParams: r.triggerParams,
    conditions: r.conditions as TCondition[],
    actions: r.actions as TAction[],
    ...(showSecret ? { webhookSecret: r.webhookSecret } : {}),
    runs: r.runs,
    lastFiredAt: r.lastFiredAt ? new Date(r.lastFiredAt).toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const newSecret = () => randomBytes(24).toString('base64url');

export type PlaybookService = ReturnType<typeof createPlaybookService>;

/** Business rules. Each method checks the permission first; a write and its audit entry commit in one transaction. */
export function createPlaybookService(deps: {
  db: Db;
  clock: Clock;
  publicUrl: string;
  accounts: AccountService;
  tasks: TaskService;
  journeys: JourneyService;
  journeyTemplates: JourneyTemplateService;
}) {
  const { db, clock } = deps;
  const engine = { clock, publicUrl: deps.publicUrl, tasks: deps.tasks, journeys: deps.journeys, accounts: deps.accounts };

  /** The five preloaded playbooks, made the first time the organisation needs them (one insert, conflicts skipped). */
  async function ensurePresets(tx: Db, orgId: string) {
    if (await hasPresets(tx, orgId)) return;
    const now = clock.now();
    await insertPlaybooks(
      tx,
      PRESETS.map((p) => ({ ...p, orgId, id: newId(), enabled: true, webhookSecret: newSecret(), createdAt: now, updatedAt: now })),
    );
  }

  /** What a stored playbook needs beyond its schema: the parameter filled, fields and templates that exist, values a field takes. */
  async function checked(tx: Db, orgId: string, input: TCreatePlaybookParsed) {
    const param = TRIGGER_PARAM[input.trigger];
    const triggerParams = param
      ? { [param]: input.triggerParams[param] ?? (PARAM_DEFAULTS as Record<string, Record<string, number>>)[input.trigger]?.[param] }
      : {};
    const customKeys = new Set((await loadCustomFields(tx, orgId, 'account')).map((f) => f.key));
    for (const [i, c] of input.conditions.entries()) {
      if (c.field.startsWith('custom:') && !customKeys.has(c.field.slice(7)))
        throw invalid(`conditions.${i}.field`, m.playbook_unknown_field, { field: c.field.slice(7) });
      if (!['empty', 'not_empty'].includes(c.op) && (c.value === undefined || c.value === null || c.value === ''))
        throw invalid(`conditions.${i}.value`, m.playbook_condition_value);
    }
    const allowed: Record<string, readonly string[]> = { segment: SEGMENTS, edition: EDITIONS, lifecycleStage: LIFECYCLE_STAGES };
    for (const [i, a] of input.actions.entries()) {
      if (a.type === 'set_field') {
        if (a.field.startsWith('custom:') && !customKeys.has(a.field.slice(7)))
          throw invalid(`actions.${i}.field`, m.playbook_unknown_field, { field: a.field.slice(7) });
        const values = allowed[a.field];
        if (values && !values.includes(a.value)) throw invalid(`actions.${i}.value`, m.playbook_field_value, { values: values.join(', ') });
        if (a.field === 'tag' && !a.value.trim()) throw invalid(`actions.${i}.value`, m.playbook_condition_value);
      }
      if (a.type === 'journey' && a.templateId) await deps.journeyTemplates.forStart(tx, orgId, a.templateId);
    }
    return { ...input, triggerParams };
  }

  async function getRow(tx: Db, actor: Actor, id: string) {
    const row = await findPlaybookById(tx, actor.orgId, id);
    if (!row) throw notFound('Playbook');
    return row;
  }

  /** Fires every switched-on playbook of this trigger for these signals, in one transaction; returns runs and tasks made. */
  async function evaluate(orgId: string, trigger: TTrigger, signals: readonly TSignal[]) {
    if (!signals.length) return { fired: 0, tasks: 0 };
    return db.transaction(async (tx) => {
      await ensurePresets(tx, orgId);
      let fired = 0;
      let tasks = 0;
      for (const pb of await enabledPlaybooks(tx, orgId, [trigger])) {
        const threshold = (pb.triggerParams as { threshold?: number }).threshold ?? 3;
        // "More than N open requests": fires when an account's open requests pass N (the request that makes N + 1).
        const own = trigger === 'support_requests_above' ? signals.filter((s) => s.count === threshold + 1) : signals;
        const r = await firePlaybook(tx, engine, orgId, pb, own);
        fired += r.fired;
        tasks += r.tasks;
      }
      return { fired, tasks };
    });
  }

  return {
    ensurePresets,
    evaluate,

    /** The daily playbooks of one organisation (renewal N days out, low activity): candidates set-based, each cause fired once. */
    async runDaily(orgId: string) {
      const today = clock.now().toISOString().slice(0, 10);
      return db.transaction(async (tx) => {
        await ensurePresets(tx, orgId);
        let fired = 0;
        let tasks = 0;
        for (const pb of await enabledPlaybooks(tx, orgId, DAILY_TRIGGERS)) {
          const signals = await dailyCandidates(tx, orgId, pb.trigger as TTrigger, pb.triggerParams as { days?: number }, today);
          const r = await firePlaybook(tx, engine, orgId, pb, signals);
          fired += r.fired;
          tasks += r.tasks;
        }
        return { fired, tasks };
      });
    },

    /** The organisation's playbooks: search, trigger, on or off, sort, paging. */
    async list(actor: Actor, q: TPlaybooksQuery) {
      requirePermission(actor, 'playbook:read');
      if (!(await hasPresets(db, actor.orgId))) await db.transaction((tx) => ensurePresets(tx, actor.orgId));
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([findPlaybooksPage(db, actor.orgId, q, page), countPlaybooks(db, actor.orgId, q)]);
      // The webhook's signing secret only on the one playbook's page (and in the answer that makes it), never in lists.
      return { items: rows.map((r) => toPlaybookDto(r, false)), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every row of the list with the same filters and order, a batch at a time, for the CSV export. */
    async *exportRows(actor: Actor, q: TPlaybooksExportQuery) {
      requirePermission(actor, 'playbook:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) =>
        (await findPlaybooksPage(db, actor.orgId, q, { limit, offset })).map((r) => toPlaybookDto(r, false)),
      );
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'playbook:read');
      return toPlaybookDto(await getRow(db, actor, id), can(actor, 'playbook:write'));
    },

    async create(actor: Actor, body: TCreatePlaybook) {
      requirePermission(actor, 'playbook:write');
      const input = ZCreatePlaybookRequest.parse(body);
      return db.transaction(async (tx) => {
        const valid = await checked(tx, actor.orgId, input);
        const now = clock.now();
        const id = newId();
        await insertPlaybooks(tx, [
          {
            ...valid,
            description: valid.description ?? null,
            orgId: actor.orgId,
            id,
            webhookSecret: newSecret(),
            createdByUserId: actor.userId,
            createdAt: now,
            updatedAt: now,
          },
        ]);
        const dto = toPlaybookDto(await getRow(tx, actor, id), true);
        await recordAudit(tx, clock, actor, {
          entityType: 'playbook',
          entityId: id,
          action: 'created',
          after: { ...dto, webhookSecret: undefined },
        });
        return dto;
      });
    },

    async update(actor: Actor, id: string, input: TUpdatePlaybook) {
      requirePermission(actor, 'playbook:write');
      return db.transaction(async (tx) => {
        const before = await getRow(tx, actor, id);
        const merged = ZCreatePlaybookRequest.parse({
          name: input.name ?? before.name,
          description: input.description === undefined ? before.description : input.description,
          enabled: input.enabled ?? before.enabled,
          trigger: input.trigger ?? before.trigger,
          triggerParams: input.triggerParams ?? (input.trigger && input.trigger !== before.trigger ? {} : before.triggerParams),
          conditions: input.conditions ?? before.conditions,
          actions: input.actions ?? before.actions,
        });
        const valid = await checked(tx, actor.orgId, merged);
        await updatePlaybookRow(tx, actor.orgId, id, { ...valid, description: valid.description ?? null, updatedAt: clock.now() });
        const after = toPlaybookDto(await getRow(tx, actor, id), false);
        const beforeDto = toPlaybookDto(before, false);
        await recordAudit(tx, clock, actor, {
          entityType: 'playbook',
          entityId: id,
          action: 'updated',
          before: beforeDto,
          after: { ...after, webhookSecret: undefined },
        });
        return after;
      });
    },

    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'playbook:write');
      await db.transaction(async (tx) => {
        const before = await getRow(tx, actor, id);
        await deletePlaybookRow(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, {
          entityType: 'playbook',
          entityId: id,
          action: 'deleted',
          before: toPlaybookDto(before, false),
        });
      });
    },

    /** A playbook's run log, newest first. */
    /** A playbook's run log: the account's name, the webhook's delivery, the days it fired in, sort, paging. */
    async runs(actor: Actor, id: string, q: TPlaybookRunsQuery) {
      requirePermission(actor, 'playbook:read');
      await getRow(db, actor, id);
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([findRunsPage(db, actor.orgId, id, q, page), countRuns(db, actor.orgId, id, q)]);
      return { items: rows.map(toRunDto), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every run of the log with the same filters and order, a batch at a time, for the CSV export. */
    async *exportRuns(actor: Actor, id: string, q: TPlaybookRunsExportQuery) {
      requirePermission(actor, 'playbook:read');
      requirePermission(actor, 'export:run');
      await getRow(db, actor, id);
      yield* inBatches(async (limit, offset) => (await findRunsPage(db, actor.orgId, id, q, { limit, offset })).map(toRunDto));
    },

    /**
     * The accounts that would match now, changing nothing: for a daily trigger those it would fire for today; for an
     * event trigger every account meeting the conditions (the event decides when). The first 100 by name, and the count.
     */
    async dryRun(actor: Actor, input: TDryRunRequest): Promise<TDryRunResult> {
      requirePermission(actor, 'playbook:write');
      const valid = await checked(db, actor.orgId, { ...input, name: 'dry run', enabled: true, actions: [] } as TCreatePlaybookParsed);
      const today = clock.now().toISOString().slice(0, 10);
      const candidates = DAILY_TRIGGERS.includes(valid.trigger)
        ? (await dailyCandidates(db, actor.orgId, valid.trigger, valid.triggerParams, today)).map((s) => s.accountId)
        : null;
      return matchingAccounts(db, actor.orgId, valid.conditions, candidates, 100);
    },
  };
}
