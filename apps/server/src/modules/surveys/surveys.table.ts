import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { users } from '../identity/identity.table.ts';

/**
 * A survey the organisation asks its customers: an NPS question (0–10) or a CSAT question (1–5).
 * Tenancy: org_id leads the primary key and every foreign key, so the database itself refuses a row
 * that points into another organisation, and the table can be distributed by org_id.
 */
export const surveys = pgTable(
  'surveys',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** 'nps' (0–10) or 'csat' (1–5). */
    kind: text('kind').notNull(),
    question: text('question'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
  ],
);

/**
 * One answer to a survey, of an account (and of one of its contacts when known: a contact's answer is always
 * on the contact's own account). `source_ref` makes a re-sent answer (an import's row, an API client's id)
 * land once.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    surveyId: uuid('survey_id').notNull(),
    accountId: uuid('account_id').notNull(),
    contactId: uuid('contact_id'),
    score: integer('score').notNull(),
    comment: text('comment'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
    /** 'api', 'manual' or 'import'. */
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.surveyId], foreignColumns: [surveys.orgId, surveys.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('survey_responses_org_survey_idx').on(t.orgId, t.surveyId, t.answeredAt),
    index('survey_responses_org_account_idx').on(t.orgId, t.accountId, t.answeredAt),
    uniqueIndex('survey_responses_source_ref_idx').on(t.orgId, t.surveyId, t.sourceRef),
  ],
);
