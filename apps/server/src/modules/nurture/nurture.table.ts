import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { organisations } from '../organisations/organisations.table.ts';

/** The three languages a step is written in; a contact's language picks one, else the organisation's. */
export type TLocalised = { en: string; nl: string; da: string };
/** Who a programme writes to: contacts of accounts matching every value given (null: any). */
export type TNurtureAudience = {
  segment: string | null;
  edition: string | null;
  marketId: string | null;
  lifecycleStage: string | null;
  contactRole: string | null;
};
/** One e-mail of a programme: sent `weekOffset` weeks after the contact's enrolment. `id` keys its sends. */
export type TNurtureStep = { id: string; weekOffset: number; subject: TLocalised; body: TLocalised };

/** An organisation's nurture settings: the sending allowance, and the key that signs unsubscribe links. */
export const nurtureSettings = pgTable('nurture_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  /** At most this many nurture e-mails per window. */
  maxPerWindow: integer('max_per_window').notNull().default(100),
  /** 'minute' or 'hour'. */
  window: text('window').notNull().default('hour'),
  /** HMAC-SHA256 key of the unsubscribe links (random, never shown). */
  signingKey: text('signing_key').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** A nurture programme: a sequence of e-mails to the contacts of an audience. */
export const nurtureProgrammes = pgTable(
  'nurture_programmes',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** draft, running, paused, ended. */
    status: text('status').notNull().default('draft'),
    audience: jsonb('audience').$type<TNurtureAudience>().notNull(),
    steps: jsonb('steps').$type<TNurtureStep[]>().notNull(),
    /** The preloaded "Onboarding tips" programme (one per organisation). */
    isDefault: boolean('is_default').notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('nurture_programmes_org_name_uq').on(t.orgId, sql`lower(${t.name})`),
    uniqueIndex('nurture_programmes_org_default_uq').on(t.orgId).where(sql`${t.isDefault}`),
    index('nurture_programmes_running_idx').on(t.orgId).where(sql`${t.status} = 'running'`),
  ],
);

/** A contact in a programme, from the moment they joined its audience while it ran. */
export const nurtureEnrolments = pgTable(
  'nurture_enrolments',
  {
    orgId: uuid('org_id').notNull(),
    programmeId: uuid('programme_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    accountId: uuid('account_id').notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.programmeId, t.contactId] }),
    foreignKey({ columns: [t.orgId, t.programmeId], foreignColumns: [nurtureProgrammes.orgId, nurtureProgrammes.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    index('nurture_enrolments_contact_idx').on(t.orgId, t.contactId),
  ],
);

/**
 * One step sent to one contact: written in the transaction that queues its e-mail, its key unique, so a step
 * goes out once whatever runs twice.
 */
export const nurtureSends = pgTable(
  'nurture_sends',
  {
    orgId: uuid('org_id').notNull(),
    programmeId: uuid('programme_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    stepId: uuid('step_id').notNull(),
    /** The outbox e-mail (platform/mail): its delivery state is the send's. */
    outboxId: uuid('outbox_id'),
    language: text('language').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.programmeId, t.contactId, t.stepId] }),
    foreignKey({
      columns: [t.orgId, t.programmeId, t.contactId],
      foreignColumns: [nurtureEnrolments.orgId, nurtureEnrolments.programmeId, nurtureEnrolments.contactId],
    }).onDelete('cascade'),
    index('nurture_sends_org_sent_idx').on(t.orgId, t.sentAt),
  ],
);

/** A contact who unsubscribed: never sent nurture e-mail again. */
export const nurtureOptOuts = pgTable(
  'nurture_opt_outs',
  {
    orgId: uuid('org_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    /** The programme whose e-mail carried the link. */
    programmeId: uuid('programme_id'),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.contactId] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
  ],
);
