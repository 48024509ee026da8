import { z } from 'zod';
import { ZPageQuery, zIsoDate, zOptionalText, zPage, zStringList, zText } from '../../platform/http/schemas.ts';

export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export const TASK_STATUSES = ['open', 'done'] as const;
const zDay = zIsoDate.describe('A day, e.g. 2026-12-07');
const zPriority = z.enum(TASK_PRIORITIES);

export const ZTask = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  title: z.string(),
  notes: z.string().nullable(),
  ownerUserId: z.uuid(),
  ownerName: z.string(),
  dueOn: z.string().nullable(),
  priority: zPriority,
  status: z.enum(TASK_STATUSES),
  snoozedUntil: z.string().nullable(),
  /** Open, due before today and not snoozed past it. */
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
  source: z.string().describe('What made it: manual, or the module that did (playbook …)'),
  commentCount: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TTask = z.infer<typeof ZTask>;

/** Strict, like every request body: unknown fields are a 400 naming the field. */
export const ZCreateTaskRequest = z.strictObject({
  title: zText(200),
  notes: zOptionalText(10_000),
  ownerUserId: z.uuid().optional().describe('Who does it; yourself when left out'),
  dueOn: zDay.nullable().optional(),
  priority: zPriority.optional(),
});
export type TCreateTask = z.infer<typeof ZCreateTaskRequest>;

export const ZUpdateTaskRequest = z.strictObject({
  title: zText(200).optional(),
  notes: zOptionalText(10_000),
  ownerUserId: z.uuid().optional().describe('Reassign'),
  dueOn: zDay.nullable().optional(),
  priority: zPriority.optional(),
  status: z.enum(TASK_STATUSES).optional().describe('done completes it, open reopens it'),
  snoozedUntil: zDay.nullable().optional().describe('Out of the inbox until this day; null wakes it'),
});
export type TUpdateTask = z.infer<typeof ZUpdateTaskRequest>;

export const TASK_BULK_ACTIONS = ['complete', 'reopen', 'reassign', 'snooze', 'delete'] as const;
export const ZBulkTasksRequest = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(500),
  action: z.enum(TASK_BULK_ACTIONS),
  ownerUserId: z.uuid().optional().describe('For reassign'),
  snoozedUntil: zDay.optional().describe('For snooze'),
});
export type TBulkTasks = z.infer<typeof ZBulkTasksRequest>;
export const ZBulkTasksResult = z.object({ updated: z.int() });

export const ZTaskComment = z.object({
  id: z.uuid(),
  authorUserId: z.uuid(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export const ZCreateTaskCommentRequest = z.strictObject({ body: zText(5_000) });
export const ZTaskComments = z.object({ items: z.array(ZTaskComment) });

export const ZTaskListQuery = ZPageQuery.extend({
  status: z.enum([...TASK_STATUSES, 'all']).default('open'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;
export const ZTaskPage = zPage(ZTask);

/**
 * The inbox and the organisation-wide list: whose (mine, or the owners given; everyone's for those who may see
 * the team's), open or done, when due, snoozed or not, priority, an account, search, sort, paging; the CSV
 * export takes the same without paging.
 */
export const TASK_SORTS = ['dueOn', 'priority', 'title', 'account', 'owner', 'createdAt', 'completedAt'] as const;
export const TASK_DUE = ['overdue', 'today', 'this_week', 'later', 'none'] as const;
export const ZTasksQuery = ZPageQuery.extend({
  view: z.enum(['mine', 'team']).default('mine').describe('mine: assigned to me; team: everyone’s (task:manage)'),
  ownerUserId: zStringList(z.uuid()).describe('With view=team: one or more owners'),
  status: z.enum([...TASK_STATUSES, 'all']).default('open'),
  due: z.enum(TASK_DUE).optional().describe('overdue, today, this_week (Monday to Sunday, overdue excluded), later, none'),
  snoozed: z.enum(['hide', 'only', 'include']).default('hide'),
  priority: zStringList(zPriority),
  accountId: z.uuid().optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(TASK_SORTS).default('dueOn'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TTasksQuery = z.infer<typeof ZTasksQuery>;
export const ZTasksExportQuery = ZTasksQuery.omit({ page: true, pageSize: true });
export type TTasksExportQuery = z.infer<typeof ZTasksExportQuery>;
export const ZTasksPage = zPage(ZTask);

/** Per person: what they have open, late, due this week, and finished in the last 7 days. */
export const ZTaskWorkload = z.object({
  items: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      open: z.int(),
      overdue: z.int(),
      dueThisWeek: z.int(),
      doneLast7Days: z.int(),
    }),
  ),
});

export const ZCalendarFeed = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  /** Only in the answer that made it: the secret address is not kept. */
  url: z.string().nullable(),
});
export const ZCalendarParams = z.strictObject({ orgId: z.uuid(), token: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) });
