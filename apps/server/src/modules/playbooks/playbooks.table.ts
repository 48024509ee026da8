import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';

/**
 * A playbook: *when* a trigger fires for an account (`trigger` and its `trigger_params`), *if* the account meets
 * every condition (`conditions`: field, operator, value), *then* its actions run (`actions`: tasks, e-mails, a
 * journey, a field, a signed webhook). The five preloaded ones carry a `preset` key (unique per organisation),
 * made for an organisation the first time it needs them. `webhook_secret` signs its webhook calls (HMAC-SHA256).
 * Tenancy: org_id leads the primary key and every foreign key.
 */
export const playbooks = pgTable(
  'playbooks',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    preset: text('preset'),
    name: text('name').notNull(),
    description: text('description'),
    enabled: boolean('enabled').notNull().default(true),
    trigger: text('trigger').notNull(),
    triggerParams: jsonb('trigger_params').$type<Record<string, unknown>>().notNull().default({}),
    conditions: jsonb('conditions').$type<unknown[]>().notNull().default([]),
    actions: jsonb('actions').$type<unknown[]>().notNull().default([]),
    webhookSecret: text('webhook_secret').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('playbooks_org_preset_uq').on(t.orgId, t.preset),
    index('playbooks_org_trigger_idx').on(t.orgId, t.trigger).where(sql`${t.enabled}`),
  ],
);

/**
 * The run log: one row each time a playbook fired for an account, for one cause (a milestone, a signal, a renewal,
 * the account's creation). Unique on (playbook, account, cause), so a cause that arrives twice — a redelivered
 * event, two workers, two daily runs — runs its actions once: the actions run only for the rows this insert made.
 */
export const playbookRuns = pgTable(
  'playbook_runs',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    playbookId: uuid('playbook_id').notNull(),
    accountId: uuid('account_id').notNull(),
    causeKey: text('cause_key').notNull(),
    trigger: text('trigger').notNull(),
    /** What it did: tasks, e-mails, journey, field, webhook (counts). */
    outcome: jsonb('outcome').$type<Record<string, number>>().notNull().default({}),
    /** pending | delivered | failed, when the playbook calls a webhook. */
    webhookStatus: text('webhook_status'),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.playbookId], foreignColumns: [playbooks.orgId, playbooks.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    uniqueIndex('playbook_runs_cause_uq').on(t.orgId, t.playbookId, t.accountId, t.causeKey),
    index('playbook_runs_org_playbook_idx').on(t.orgId, t.playbookId, t.firedAt),
  ],
);
