import { date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';
import { organisations } from '../organisations/organisations.table.ts';

/**
 * One churn signal of an account: something that happened which often comes before a customer leaves (a downgrade,
 * a cancel request, the champion leaving, usage dropping, health turning red, a detractor's answer, no login for a
 * while) or a CSM's own worry. Raised once per cause (`source_ref`), published as `churn_signal.raised` for
 * playbooks, shown on the account's timeline; a CSM acknowledges it with a note.
 * Tenancy: org_id leads the primary key and every foreign key, so the database itself refuses a row
 * that points into another organisation, and the table can be distributed by org_id.
 */
export const churnSignals = pgTable(
  'churn_signals',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** churn-signals.schemas.ts SIGNAL_KINDS */
    kind: text('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** What the kind says about it (the change's dates and MRR, the contact's name, the drop …), for the UI's wording. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    /** The cause, unique per organisation: a signal is raised once per cause however often it is reported. */
    sourceRef: text('source_ref').notNull(),
    /** A CSM's words: the worry of a signal raised by hand. */
    note: text('note'),
    createdByUserId: uuid('created_by_user_id'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedByUserId: uuid('acknowledged_by_user_id'),
    acknowledgeNote: text('acknowledge_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.acknowledgedByUserId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('churn_signals_org_source_uq').on(t.orgId, t.sourceRef),
    index('churn_signals_org_account_idx').on(t.orgId, t.accountId, t.occurredAt),
    index('churn_signals_org_occurred_idx').on(t.orgId, t.occurredAt),
  ],
);

/**
 * The organisation's thresholds for the usage signals (one row, absent until changed): usage_drop when the events of
 * the last `usage_window_days` complete days are down at least `usage_drop_pct` % on the same number of days before,
 * no_login when an account that had activity has none for `no_login_days` days (churn-signals.usage.ts).
 */
export const churnSignalSettings = pgTable('churn_signal_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  usageDropPct: integer('usage_drop_pct').notNull().default(50),
  usageWindowDays: integer('usage_window_days').notNull().default(30),
  noLoginDays: integer('no_login_days').notNull().default(30),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * A usage drop that is going on: opened (and its signal raised) the day the drop first crossed the threshold,
 * closed when usage has recovered (down less than half the threshold), so one drop raises one signal, not one a day.
 */
export const churnSignalEpisodes = pgTable(
  'churn_signal_episodes',
  {
    orgId: uuid('org_id').notNull(),
    accountId: uuid('account_id').notNull(),
    kind: text('kind').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    signalId: uuid('signal_id'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId, t.kind] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
  ],
);
