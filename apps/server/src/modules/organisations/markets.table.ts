import { foreignKey, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.table.ts';
import { organisations } from './organisations.table.ts';

/** A market is a country the organisation sells in, with its language, currency and country manager. */
export const markets = pgTable(
  'markets',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    language: text('language').notNull(),
    currency: text('currency').notNull(),
    countryManagerUserId: uuid('country_manager_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('markets_org_code_uq').on(t.orgId, t.code),
    foreignKey({ columns: [t.orgId, t.countryManagerUserId], foreignColumns: [users.orgId, users.id] }),
  ],
);
