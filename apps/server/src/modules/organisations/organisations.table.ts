import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant root. Every other tenant table carries org_id first in its primary key and foreign keys. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  reportingCurrency: text('reporting_currency').notNull().default('EUR'),
  defaultLanguage: text('default_language').notNull().default('en'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
