import { sql } from 'drizzle-orm';
import { date, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';

/**
 * One thing a person has to do for an account: call the new champion, prepare the renewal, check the
 * integration. Made by hand or by a playbook (`source`, with `source_key` naming its cause, so a cause
 * that fires twice makes its task once). Open until done; a snoozed task leaves the inbox until its day.
 * Tenancy: org_id leads the primary key and every foreign key, so the database itself refuses a row
 * that points into another organisation, and the table can be distributed by org_id.
 */
export const tasks = pgTable(
  'tasks',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    /** Who does it. */
    ownerUserId: uuid('owner_user_id').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    /** low | normal | high */
    priority: text('priority').notNull().default('normal'),
    /** open | done */
    status: text('status').notNull().default('open'),
    /** Out of the inbox until this day (inclusive of the day before). */
    snoozedUntil: date('snoozed_until', { mode: 'string' }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedByUserId: uuid('completed_by_user_id'),
    /** manual | playbook | … : what made it. */
    source: text('source').notNull().default('manual'),
    /** The cause that made it (a playbook and its trigger), unique: made once per cause. */
    sourceKey: text('source_key'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.ownerUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.completedByUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('tasks_org_account_idx').on(t.orgId, t.accountId, t.createdAt),
    // The inbox: a person's open tasks by due day.
    index('tasks_org_owner_open_idx').on(t.orgId, t.ownerUserId, t.dueOn).where(sql`${t.status} = 'open'`),
    uniqueIndex('tasks_org_source_key_uq').on(t.orgId, t.sourceKey),
  ],
);

/** A comment on a task, oldest first. */
export const taskComments = pgTable(
  'task_comments',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    taskId: uuid('task_id').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.taskId], foreignColumns: [tasks.orgId, tasks.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.authorUserId], foreignColumns: [users.orgId, users.id] }),
    index('task_comments_org_task_idx').on(t.orgId, t.taskId, t.createdAt),
  ],
);

/**
 * A person's calendar feed of their open tasks (an .ics address their calendar app subscribes to): only the
 * SHA-256 of its secret is kept; making a new one replaces the old, which then answers 404.
 */
export const taskCalendarFeeds = pgTable(
  'task_calendar_feeds',
  {
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
  ],
);
