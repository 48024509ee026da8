import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { toJourneyDto } from './journeys.dto.ts';
import { journeysMessages as m } from './journeys.messages.ts';
import { lastDueOn, milestoneDays } from './journeys.plan.ts';
import { createJourneyPortfolio } from './journeys.portfolio.ts';
import {
  accountsOfJourneys,
  activeUserExists,
  causeKeyUsed,
  checklistOf,
  findChecklistItem,
  findJourney,
  findLogEntry,
  findMilestone,
  insertChecklistItems,
  insertJourney,
  insertLogEntry,
  insertMilestones,
  journeysOfAccount,
  lockActiveJourney,
  logsOf,
  markLateMilestones,
  milestonesOf,
  openMilestoneCount,
  updateChecklistItemRow,
  updateJourneyRow,
  updateLogEntryRow,
  updateMilestoneRow,
} from './journeys.repository.ts';
import type { TCreateLogEntry, TJourneyCause, TStartJourney, TUpdateLogEntry } from './journeys.schemas.ts';
import type { JourneyTemplateService } from './journeys.templates.service.ts';

/** What starts a journey, for other modules (playbooks) and the event subscribers. */
export interface TJourneyStart {
  accountId: string;
  cause: TJourneyCause;
  /** Names the cause (a subscription change, a playbook's trigger): a cause that fires twice starts one journey. */
  causeKey?: string | null;
  /** The default journey when left out. */
  templateId?: string | null;
  /** Today when left out. */
  startedOn?: string;
  actorUserId?: string | null;
}

/** Causes that start a journey by themselves: they never start one already over, nor replace a newer one. */
const AUTOMATIC: readonly TJourneyCause[] = ['subscription_start', 'renewal', 'account_created'];

export type JourneyService = ReturnType<typeof createJourneyService>;

/** Accounts' journeys. Each method checks the permission first; a write and its audit entry commit in one transaction. */
export function createJourneyService(deps: {
  db: Db;
  clock: Clock;
  events: EventBus;
  accounts: AccountService;
  templates: JourneyTemplateService;
}) {
  const { db, clock, events } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  async function load(tx: Db, orgId: string, id: string) {
    const found = await findJourney(tx, orgId, id);
    if (!found) throw notFound('Journey');
    const [milestones, checklist, logs] = await Promise.all([
      milestonesOf(tx, orgId, id),
      checklistOf(tx, orgId, id),
      logsOf(tx, orgId, id),
    ]);
    return toJourneyDto(found.journey, found.accountName, { milestones, checklist, logs }, today());
  }

  /** A journey's part (milestone, item, entry) in the actor's organisation, on an account they may see, of a journey not ended. */
  async function requireWritable(
    tx: Db,
    actor: Actor,
    found: { accountId: string; status: string } | null,
    what: string,
    changes: boolean,
  ) {
    if (!found) throw notFound(what);
    await deps.accounts.requireVisible(actor, found.accountId, tx);
    if (changes && found.status !== 'active' && found.status !== 'completed') throw invalid('journey', m.journey_not_active);
  }

  /** After a milestone moved: a journey whose milestones are all done is completed; reopened, it runs again (when nothing replaced it). */
  async function settle(tx: Db, orgId: string, journeyId: string, accountId: string, status: string) {
    const open = await openMilestoneCount(tx, orgId, journeyId);
    if (open === 0 && status === 'active')
      await updateJourneyRow(tx, orgId, journeyId, { status: 'completed', endedAt: clock.now(), updatedAt: clock.now() });
    if (open > 0 && status === 'completed') {
      if (await lockActiveJourney(tx, orgId, accountId)) throw invalid('journey', m.journey_not_active);
      await updateJourneyRow(tx, orgId, journeyId, { status: 'active', endedAt: null, updatedAt: clock.now() });
    }
  }

  async function checkOwner(tx: Db, orgId: string, userId: string) {
    if (!(await activeUserExists(tx, orgId, userId))) throw invalid('ownerUserId', m.journey_unknown_owner);
  }

  /**
   * Starts a journey for a cause inside the caller's transaction (the hook for playbooks and the subscribers): the
   * template's current version, its milestones dated from the start day. It replaces the account's running journey,
   * except that a cause that starts journeys by itself leaves a newer one alone, never starts one already over and
   * (a subscription start) does not interrupt a running one, unless a playbook started that one. Returns the new journey's id, or null when none started.
   */
  async function startForCause(tx: Db, orgId: string, input: TJourneyStart): Promise<string | null> {
    const startedOn = input.startedOn ?? today();
    const auto = AUTOMATIC.includes(input.cause);
    if (input.causeKey && (await causeKeyUsed(tx, orgId, input.causeKey))) return null;
    // A cause (a playbook, a trigger) names a template that was archived since: it starts none; by hand that is a 400.
    if (input.cause !== 'manual' && input.templateId && !(await deps.templates.startable(tx, orgId, input.templateId))) return null;
    const { template, version, milestones } = await deps.templates.forStart(tx, orgId, input.templateId ?? null);
    if (auto && lastDueOn(startedOn, milestones) < today()) return null;
    const running = await lockActiveJourney(tx, orgId, input.accountId);
    // A journey a playbook started (the onboarding playbook, on the account's creation) gives way to the one the
    // contract or a template's own trigger dates.
    const yields = running?.cause === 'playbook';
    if (running && auto && !yields && (input.cause !== 'renewal' || running.startedOn >= startedOn)) return null;
    const now = clock.now();
    if (running) await updateJourneyRow(tx, orgId, running.id, { status: 'replaced', endedAt: now, updatedAt: now });
    const id = newId();
    const made = await insertJourney(tx, {
      orgId,
      id,
      accountId: input.accountId,
      templateId: template.id,
      templateVersion: version,
      name: template.name,
      cause: input.cause,
      causeKey: input.causeKey ?? null,
      startedOn,
      createdByUserId: input.actorUserId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    if (!made) return null;
    const rows = milestones.map((x, position) => ({
      orgId,
      id: newId(),
      journeyId: id,
      position,
      key: x.key,
      name: x.name,
      ...milestoneDays(startedOn, x),
      successCriteria: x.successCriteria,
      responsibleRole: x.responsibleRole,
      effort: x.effort,
    }));
    await insertMilestones(tx, rows);
    await insertChecklistItems(
      tx,
      rows.flatMap((row, i) =>
        (milestones[i]?.checklist ?? []).map((label, position) => ({ orgId, id: newId(), milestoneId: row.id, position, label })),
      ),
    );
    await events.publish(tx, orgId, 'journey.started', {
      accountId: input.accountId,
      journeyId: id,
      templateId: template.id,
      templateVersion: version,
      cause: input.cause,
      startedOn,
    });
    return id;
  }

  return {
    startForCause,
    portfolio: createJourneyPortfolio({ db, clock }),

    /** The account's journey now, with its milestones, checklists and logs, and the ones before it. */
    async ofAccount(actor: Actor, accountId: string) {
      requirePermission(actor, 'journey:read');
      await deps.accounts.requireVisible(actor, accountId);
      const all = await journeysOfAccount(db, actor.orgId, accountId);
      const current = all.find((j) => j.status === 'active') ?? all[0] ?? null;
      return {
        current: current ? await load(db, actor.orgId, current.id) : null,
        past: all
          .filter((j) => j.id !== current?.id)
          .map((j) => ({
            id: j.id,
            name: j.name,
            templateVersion: j.templateVersion,
            cause: j.cause as TJourneyCause,
            startedOn: j.startedOn,
            status: j.status as 'active',
            endedAt: j.endedAt?.toISOString() ?? null,
          })),
      };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'journey:read');
      const found = await findJourney(db, actor.orgId, id);
      if (!found) throw notFound('Journey');
      await deps.accounts.requireVisible(actor, found.journey.accountId);
      return load(db, actor.orgId, id);
    },

    /** Stops a running journey: it keeps its history, and the account has none running until one starts. An ended one stays as it is. */
    async stop(actor: Actor, id: string, status: 'stopped' | undefined) {
      requirePermission(actor, 'journey:write');
      await db.transaction(async (tx) => {
        const found = await findJourney(tx, actor.orgId, id);
        if (!found) throw notFound('Journey');
        await deps.accounts.requireVisible(actor, found.journey.accountId, tx);
        // Only a running journey stops; one that has ended (completed, replaced, stopped) stays as it ended.
        if (!status || found.journey.status !== 'active') return;
        const now = clock.now();
        await updateJourneyRow(tx, actor.orgId, id, { status, endedAt: now, updatedAt: now });
        await recordAudit(tx, clock, actor, { entityType: 'journey', entityId: id, action: 'stopped' });
      });
      return load(db, actor.orgId, id);
    },

    /** By hand: the template named (or the default) from the day named (or today); replaces the running journey. */
    async start(actor: Actor, accountId: string, input: TStartJourney) {
      requirePermission(actor, 'journey:write');
      const id = await db.transaction(async (tx) => {
        const account = await deps.accounts.requireVisible(actor, accountId, tx);
        if (account.archivedAt) throw invalid('accountId', m.journey_account_archived);
        const started = await startForCause(tx, actor.orgId, { accountId, cause: 'manual', ...input, actorUserId: actor.userId });
        if (!started) throw new Error('a journey started by hand always starts');
        await recordAudit(tx, clock, actor, {
          entityType: 'journey',
          entityId: started,
          action: 'started',
          after: { accountId, ...input },
        });
        return started;
      });
      return load(db, actor.orgId, id);
    },

    async setMilestoneDone(actor: Actor, milestoneId: string, done: boolean | undefined) {
      requirePermission(actor, 'journey:write');
      const journeyId = await db.transaction(async (tx) => {
        const found = await findMilestone(tx, actor.orgId, milestoneId);
        await requireWritable(tx, actor, found, 'Milestone', done !== undefined);
        if (!found) throw notFound('Milestone');
        if (done !== undefined && done !== !!found.milestone.completedAt) {
          const now = clock.now();
          await updateMilestoneRow(
            tx,
            actor.orgId,
            milestoneId,
            done ? { completedAt: now, completedByUserId: actor.userId } : { completedAt: null, completedByUserId: null },
          );
          await settle(tx, actor.orgId, found.journeyId, found.accountId, found.status);
          await recordAudit(tx, clock, actor, {
            entityType: 'journey_milestone',
            entityId: milestoneId,
            action: done ? 'completed' : 'reopened',
          });
        }
        return found.journeyId;
      });
      return load(db, actor.orgId, journeyId);
    },

    /** Ticks an outcome; the last one ticked completes its milestone, one unticked opens it again. */
    async setChecklistItemDone(actor: Actor, itemId: string, done: boolean | undefined) {
      requirePermission(actor, 'journey:write');
      const journeyId = await db.transaction(async (tx) => {
        const found = await findChecklistItem(tx, actor.orgId, itemId);
        await requireWritable(tx, actor, found, 'Checklist item', done !== undefined);
        if (!found) throw notFound('Checklist item');
        if (done === undefined) return found.journeyId;
        const now = clock.now();
        await updateChecklistItemRow(
          tx,
          actor.orgId,
          itemId,
          done ? { doneAt: now, doneByUserId: actor.userId } : { doneAt: null, doneByUserId: null },
        );
        const items = (await checklistOf(tx, actor.orgId, found.journeyId)).filter((i) => i.item.milestoneId === found.item.milestoneId);
        const allDone = items.every((i) => !!i.item.doneAt);
        const milestone = await findMilestone(tx, actor.orgId, found.item.milestoneId);
        if (milestone && allDone !== !!milestone.milestone.completedAt) {
          const set = allDone ? { completedAt: now, completedByUserId: actor.userId } : { completedAt: null, completedByUserId: null };
          await updateMilestoneRow(tx, actor.orgId, milestone.milestone.id, set);
          await settle(tx, actor.orgId, found.journeyId, found.accountId, found.status);
        }
        await recordAudit(tx, clock, actor, {
          entityType: 'journey_checklist_item',
          entityId: itemId,
          action: done ? 'ticked' : 'unticked',
        });
        return found.journeyId;
      });
      return load(db, actor.orgId, journeyId);
    },

    /** A customer challenge or one of our issues on a milestone, with who follows it up. */
    async addLogEntry(actor: Actor, milestoneId: string, input: TCreateLogEntry) {
      requirePermission(actor, 'journey:write');
      const made = await db.transaction(async (tx) => {
        const found = await findMilestone(tx, actor.orgId, milestoneId);
        await requireWritable(tx, actor, found, 'Milestone', true);
        if (!found) throw notFound('Milestone');
        const ownerUserId = input.ownerUserId ?? actor.userId;
        await checkOwner(tx, actor.orgId, ownerUserId);
        const id = newId();
        await insertLogEntry(tx, {
          orgId: actor.orgId,
          id,
          milestoneId,
          kind: input.kind,
          body: input.body,
          ownerUserId,
          createdByUserId: actor.userId,
          createdAt: clock.now(),
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'journey_log_entry',
          entityId: id,
          action: 'created',
          after: { milestoneId, ...input, ownerUserId },
        });
        return { journeyId: found.journeyId, id };
      });
      const journey = await load(db, actor.orgId, made.journeyId);
      const entry = journey.milestones.flatMap((x) => x.logs).find((l) => l.id === made.id);
      if (!entry) throw notFound('Log entry');
      return entry;
    },

    async updateLogEntry(actor: Actor, entryId: string, input: TUpdateLogEntry) {
      requirePermission(actor, 'journey:write');
      const journeyId = await db.transaction(async (tx) => {
        const found = await findLogEntry(tx, actor.orgId, entryId);
        await requireWritable(tx, actor, found, 'Log entry', Object.keys(input).length > 0);
        if (!found) throw notFound('Log entry');
        if (!Object.keys(input).length) return found.journeyId;
        if (input.ownerUserId) await checkOwner(tx, actor.orgId, input.ownerUserId);
        const resolved =
          input.state === undefined ? {} : { state: input.state, resolvedAt: input.state === 'resolved' ? clock.now() : null };
        await updateLogEntryRow(tx, actor.orgId, entryId, { ...input, ...resolved });
        await recordAudit(tx, clock, actor, { entityType: 'journey_log_entry', entityId: entryId, action: 'updated', after: input });
        return found.journeyId;
      });
      return load(db, actor.orgId, journeyId);
    },

    /** The daily job's work for one organisation: milestones past due marked late, each announced once. */
    async markLate(orgId: string) {
      return db.transaction(async (tx) => {
        const late = await markLateMilestones(tx, orgId, today(), clock.now());
        const accountOf = new Map(
          (await accountsOfJourneys(tx, orgId, [...new Set(late.map((r) => r.journeyId))])).map((r) => [r.id, r.accountId]),
        );
        for (const r of late)
          await events.publish(tx, orgId, 'journey.milestone_late', {
            accountId: accountOf.get(r.journeyId) as string,
            journeyId: r.journeyId,
            milestoneId: r.id,
            milestoneKey: r.key,
            milestoneName: r.name,
            dueOn: r.dueOn,
            responsibleRole: r.responsibleRole,
          });
        return late.length;
      });
    },
  };
}
