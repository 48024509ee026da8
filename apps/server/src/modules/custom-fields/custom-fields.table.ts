import { boolean, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../organisations/organisations.table.ts';

/** An admin-defined field on accounts or contacts; values live in the entity's `custom` jsonb under `key`. */
export const customFields = pgTable(
  'custom_fields',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    entity: text('entity').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').notNull(),
    options: text('options').array().notNull().default([]),
    required: boolean('required').notNull().default(false),
    showInList: boolean('show_in_list').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('custom_fields_org_entity_key_uq').on(t.orgId, t.entity, t.key)],
);
