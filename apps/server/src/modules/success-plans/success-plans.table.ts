import { date, foreignKey, index, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';

/**
 * An objective of an account's success plan: what the customer wants to achieve with the product, measured
 * ("+40 % inbound leads by June": metric leads, baseline 120, target 170, unit leads/month). Its progress is
 * the latest measured value against baseline and target. `source` says where measurements come from: by hand,
 * or linked to the product's data (`usage_event`: the account's count of one usage event since the objective
 * was set; `custom_field`: a numeric custom field of the account), named by `source_key`.
 * Tenancy: org_id leads the primary key and every foreign key.
 */
export const successObjectives = pgTable(
  'success_objectives',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    title: text('title').notNull(),
    /** leads | new_sales | custom */
    metric: text('metric').notNull(),
    baseline: numeric('baseline', { precision: 16, scale: 2, mode: 'number' }).notNull(),
    target: numeric('target', { precision: 16, scale: 2, mode: 'number' }).notNull(),
    unit: text('unit').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    ownerUserId: uuid('owner_user_id'),
    /** on_track | at_risk | achieved | missed | dropped */
    status: text('status').notNull(),
    /** manual | usage_event | custom_field */
    source: text('source').notNull(),
    sourceKey: text('source_key'),
    /** The first day counted by a linked usage event. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.ownerUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('success_objectives_org_account_idx').on(t.orgId, t.accountId, t.createdAt),
  ],
);

/** A measured value of an objective on a day, by hand or read from the linked metric. */
export const successProgressEntries = pgTable(
  'success_progress_entries',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    objectiveId: uuid('objective_id').notNull(),
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    value: numeric('value', { precision: 16, scale: 2, mode: 'number' }).notNull(),
    note: text('note'),
    /** manual | usage_event | custom_field */
    source: text('source').notNull(),
    recordedByUserId: uuid('recorded_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.objectiveId], foreignColumns: [successObjectives.orgId, successObjectives.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.recordedByUserId], foreignColumns: [users.orgId, users.id] }),
    index('success_progress_org_objective_idx').on(t.orgId, t.objectiveId, t.measuredOn),
  ],
);

/** Value the customer got from us ("3 extra deals from nurture: €18,000"), summed for the renewal conversation. */
export const successValueItems = pgTable(
  'success_value_items',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    objectiveId: uuid('objective_id'),
    description: text('description').notNull(),
    amount: numeric('amount', { precision: 16, scale: 2, mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    deliveredOn: date('delivered_on', { mode: 'string' }).notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    // The migration makes it SET NULL (objective_id) only: deleting an objective keeps its value items, and their org_id.
    foreignKey({ columns: [t.orgId, t.objectiveId], foreignColumns: [successObjectives.orgId, successObjectives.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('success_value_items_org_account_idx').on(t.orgId, t.accountId, t.deliveredOn),
  ],
);
