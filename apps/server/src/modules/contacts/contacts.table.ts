import { sql } from 'drizzle-orm';
import { date, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';

/** A person at a customer account. */
export const contacts = pgTable(
  'contacts',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    jobTitle: text('job_title'),
    /** Role on the account: champion, decision_maker, billing, technical, user, executive_sponsor. */
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    language: text('language'),
    externalId: text('external_id'),
    /** The day the person left the customer (null: still there); a champion leaving is a churn signal. */
    leftOn: date('left_on', { mode: 'string' }),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    index('contacts_org_account_idx').on(t.orgId, t.accountId),
    uniqueIndex('contacts_org_external_id_uq').on(t.orgId, t.externalId),
    uniqueIndex('contacts_org_account_email_uq').on(t.orgId, t.accountId, sql`lower(${t.email})`),
  ],
);
