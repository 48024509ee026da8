import { type Actor, accountOwnerScope, can, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { daysOf } from './tasks.days.ts';
import { tasksMessages as m } from './tasks.messages.ts';
import {
  activeUserExists,
  countTasks,
  deleteTaskRows,
  findTaskById,
  findTasksByIds,
  findTasksPage,
  insertComment,
  insertTask,
  insertTasksFrom,
  listComments,
  listTaskRowsOfAccount,
  type TTaskListRow,
  type TTaskSourceRows,
  updateTaskRows,
  workload,
} from './tasks.repository.ts';
import type { TBulkTasks, TCreateTask, TTask, TTaskListQuery, TTasksExportQuery, TTasksQuery, TUpdateTask } from './tasks.schemas.ts';

export function toTaskDto(r: TTaskListRow, today: string): TTask {
  return {
    id: r.id,
    accountId: r.accountId,
    accountName: r.accountName,
    title: r.title,
    notes: r.notes,
    ownerUserId: r.ownerUserId,
    ownerName: r.ownerName,
    dueOn: r.dueOn,
    priority: r.priority as TTask['priority'],
    status: r.status as TTask['status'],
    snoozedUntil: r.snoozedUntil,
    overdue: r.status === 'open' && !!r.dueOn && r.dueOn < today && !(r.snoozedUntil && r.snoozedUntil > today),
    completedAt: r.completedAt?.toISOString() ?? null,
    completedByName: r.completedByName,
    source: r.source,
    commentCount: Number(r.commentCount),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export type TaskService = ReturnType<typeof createTaskService>;

/** A task made by another module (a playbook): once per `sourceKey`. */
export interface TSystemTask {
  orgId: string;
  accountId: string;
  ownerUserId: string;
  title: string;
  notes?: string | null;
  dueOn?: string | null;
  priority?: TTask['priority'];
  source: string;
  sourceKey: string;
}

/** Business rules. Each method checks the permission first; a write and its audit entry commit in one transaction. */
export function createTaskService(deps: { db: Db; clock: Clock; accounts: AccountService }) {
  const { db, clock } = deps;
  const days = () => daysOf(clock.now());

  /** In the actor's organisation and on an account the actor may see (or assigned to them), or 404. */
  async function getVisible(tx: Db, actor: Actor, id: string) {
    const row = await findTaskById(tx, actor.orgId, id);
    if (!row) throw notFound('Task');
    if (row.ownerUserId !== actor.userId) await deps.accounts.requireVisible(actor, row.accountId, tx);
    return row;
  }

  function scopeOf(actor: Actor, view: 'mine' | 'team') {
    if (view === 'team' && !can(actor, 'task:manage')) throw forbidden('task:manage');
    return { orgId: actor.orgId, limitedTo: accountOwnerScope(actor), ownerUserId: view === 'mine' ? actor.userId : null };
  }

  /** Someone the actor may give a task to: an active person; one limited to their own accounts only themselves. */
  async function checkOwner(tx: Db, actor: Actor, ownerUserId: string) {
    if (!(await activeUserExists(tx, actor.orgId, ownerUserId))) throw invalid('ownerUserId', m.task_unknown_owner);
    if (actor.ownAccountsOnly && ownerUserId !== actor.userId) throw invalid('ownerUserId', m.task_assign_own_only);
  }

  const doneFields = (actor: Actor, status: 'open' | 'done') =>
    status === 'done'
      ? { status, completedAt: clock.now(), completedByUserId: actor.userId, snoozedUntil: null }
      : { status, completedAt: null, completedByUserId: null };

  return {
    /** The inbox (mine) or the team's tasks, on the accounts the actor may see: filters, sort, paging. */
    async list(actor: Actor, q: TTasksQuery) {
      requirePermission(actor, 'task:read');
      const d = days();
      const scope = scopeOf(actor, q.view);
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([findTasksPage(db, scope, q, d, page), countTasks(db, scope, q, d)]);
      return { items: rows.map((r) => toTaskDto(r, d.today)), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every row of the list with the same filters and order, a batch at a time, for the CSV export. */
    async *exportRows(actor: Actor, q: TTasksExportQuery) {
      requirePermission(actor, 'task:read');
      requirePermission(actor, 'export:run');
      const d = days();
      const scope = scopeOf(actor, q.view);
      yield* inBatches(async (limit, offset) =>
        (await findTasksPage(db, scope, q, d, { limit, offset })).map((r) => toTaskDto(r, d.today)),
      );
    },

    async listOfAccount(actor: Actor, accountId: string, q: TTaskListQuery) {
      requirePermission(actor, 'task:read');
      await deps.accounts.requireVisible(actor, accountId);
      const { today } = days();
      const { rows, total } = await listTaskRowsOfAccount(db, actor.orgId, accountId, q);
      return { items: rows.map((r) => toTaskDto(r, today)), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'task:read');
      return toTaskDto(await getVisible(db, actor, id), days().today);
    },

    async create(actor: Actor, accountId: string, input: TCreateTask) {
      requirePermission(actor, 'task:write');
      const id = await db.transaction(async (tx) => {
        const account = await deps.accounts.requireVisible(actor, accountId, tx);
        if (account.archivedAt) throw invalid('accountId', m.task_account_archived);
        const ownerUserId = input.ownerUserId ?? actor.userId;
        await checkOwner(tx, actor, ownerUserId);
        const now = clock.now();
        const taskId = newId();
        await insertTask(tx, {
          orgId: actor.orgId,
          id: taskId,
          accountId,
          title: input.title,
          notes: input.notes ?? null,
          ownerUserId,
          dueOn: input.dueOn ?? null,
          priority: input.priority ?? 'normal',
          createdByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'task',
          entityId: taskId,
          action: 'created',
          after: { accountId, ...input, ownerUserId },
        });
        return taskId;
      });
      return this.get(actor, id);
    },

    /** Edit, complete or reopen, reassign, snooze or wake. */
    async update(actor: Actor, id: string, input: TUpdateTask) {
      requirePermission(actor, 'task:write');
      await db.transaction(async (tx) => {
        const before = await getVisible(tx, actor, id);
        if (input.ownerUserId && input.ownerUserId !== before.ownerUserId) await checkOwner(tx, actor, input.ownerUserId);
        if (input.snoozedUntil && input.snoozedUntil <= days().today) throw invalid('snoozedUntil', m.task_snooze_past);
        const { status, ...fields } = input;
        await updateTaskRows(tx, actor.orgId, [id], {
          ...fields,
          ...(status && status !== before.status ? doneFields(actor, status) : {}),
          updatedAt: clock.now(),
        });
        await recordAudit(tx, clock, actor, { entityType: 'task', entityId: id, action: 'updated', after: input });
      });
      return this.get(actor, id);
    },

    /** One action on many tasks, all or none: each must be visible to the actor. */
    async bulk(actor: Actor, input: TBulkTasks) {
      requirePermission(actor, 'task:write');
      return db.transaction(async (tx) => {
        const ids = [...new Set(input.ids)];
        const rows = await findTasksByIds(tx, actor.orgId, ids);
        const visible = rows.filter(
          (r) => !actor.ownAccountsOnly || r.ownerUserId === actor.userId || r.accountOwnerUserId === actor.userId,
        );
        if (visible.length !== ids.length) throw notFound('Task');
        const now = clock.now();
        let updated: number;
        if (input.action === 'delete') updated = await deleteTaskRows(tx, actor.orgId, ids);
        else if (input.action === 'reassign') {
          if (!input.ownerUserId) throw invalid('ownerUserId', m.task_bulk_needs_owner);
          await checkOwner(tx, actor, input.ownerUserId);
          updated = await updateTaskRows(tx, actor.orgId, ids, { ownerUserId: input.ownerUserId, updatedAt: now });
        } else if (input.action === 'snooze') {
          if (!input.snoozedUntil) throw invalid('snoozedUntil', m.task_bulk_needs_day);
          if (input.snoozedUntil <= days().today) throw invalid('snoozedUntil', m.task_snooze_past);
          updated = await updateTaskRows(tx, actor.orgId, ids, { snoozedUntil: input.snoozedUntil, updatedAt: now });
        } else {
          updated = await updateTaskRows(tx, actor.orgId, ids, {
            ...doneFields(actor, input.action === 'complete' ? 'done' : 'open'),
            updatedAt: now,
          });
        }
        for (const taskId of ids)
          await recordAudit(tx, clock, actor, { entityType: 'task', entityId: taskId, action: `bulk_${input.action}`, after: input });
        return { updated };
      });
    },

    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'task:write');
      await db.transaction(async (tx) => {
        const before = await getVisible(tx, actor, id);
        await deleteTaskRows(tx, actor.orgId, [id]);
        await recordAudit(tx, clock, actor, {
          entityType: 'task',
          entityId: id,
          action: 'deleted',
          before: toTaskDto(before, days().today),
        });
      });
    },

    async comments(actor: Actor, id: string) {
      requirePermission(actor, 'task:read');
      await getVisible(db, actor, id);
      const rows = await listComments(db, actor.orgId, id);
      return {
        items: rows.map((c) => ({
          id: c.id,
          authorUserId: c.authorUserId,
          authorName: c.authorName,
          body: c.body,
          createdAt: c.createdAt.toISOString(),
        })),
      };
    },

    async comment(actor: Actor, id: string, body: string) {
      requirePermission(actor, 'task:write');
      await db.transaction(async (tx) => {
        await getVisible(tx, actor, id);
        const now = clock.now();
        await insertComment(tx, { orgId: actor.orgId, id: newId(), taskId: id, authorUserId: actor.userId, body, createdAt: now });
        await updateTaskRows(tx, actor.orgId, [id], { updatedAt: now });
      });
      return this.comments(actor, id);
    },

    /** Managers: every active person's open, overdue and coming tasks, and what they finished this week. */
    async workload(actor: Actor) {
      requirePermission(actor, 'task:manage');
      const now = clock.now();
      return { items: await workload(db, actor.orgId, { ...days(), weekAgo: new Date(now.getTime() - 7 * 86_400_000) }) };
    },

    /** For other modules (playbooks): a task for a cause, made once however often the cause fires. Null when it was made before. */
    async createForCause(tx: Db, input: TSystemTask): Promise<string | null> {
      const now = clock.now();
      return insertTask(tx, { ...input, id: newId(), priority: input.priority ?? 'normal', createdAt: now, updatedAt: now });
    },

    /**
     * Many tasks for their causes in the caller's transaction (a playbook's batch), from rows the caller selects
     * (account_id, owner_user_id, source_key): one statement, each made once per source key; returns how many were made.
     */
    async createFromSelect(
      tx: Db,
      orgId: string,
      task: { title: string; notes?: string | null; dueOn?: string | null; priority?: TTask['priority']; source: string },
      rows: TTaskSourceRows,
    ): Promise<number> {
      return insertTasksFrom(
        tx,
        orgId,
        {
          title: task.title,
          notes: task.notes ?? null,
          dueOn: task.dueOn ?? null,
          priority: task.priority ?? 'normal',
          source: task.source,
        },
        rows,
        clock.now(),
      );
    },
  };
}
