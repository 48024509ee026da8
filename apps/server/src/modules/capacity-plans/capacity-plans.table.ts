import { foreignKey, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.table.ts';
import { organisations } from '../organisations/organisations.table.ts';

/**
 * An organisation's capacity figures: the hours a journey milestone takes by its level of effort, an open renewal
 * and an upsell candidate take per team, the share of ACV customer success may spend (the documents' 12 %) and the
 * team's actual cost per month. One row per organisation, made with the defaults when first changed.
 */
export const capacitySettings = pgTable('capacity_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  lowEffortHours: numeric('low_effort_hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  mediumEffortHours: numeric('medium_effort_hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  highEffortHours: numeric('high_effort_hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  renewalHours: numeric('renewal_hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  upsellCsHours: numeric('upsell_cs_hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  upsellPsHours: numeric('upsell_ps_hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  csSpendPercent: numeric('cs_spend_percent', { precision: 5, scale: 2, mode: 'number' }).notNull(),
  /** The customer-success team's cost per month, in cents of the organisation's reporting currency. */
  teamCostPerMonthCents: integer('team_cost_per_month_cents'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** A person's hours per week for customer work, and the team they count in (customer_success | professional_services). */
export const capacityPeople = pgTable(
  'capacity_people',
  {
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    team: text('team').notNull(),
    hoursPerWeek: numeric('hours_per_week', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
  ],
);
