import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';

/** One milestone of a template version, as stored (journeys.templates.schemas.ts validates it). */
export interface TStoredMilestone {
  key: string;
  name: string;
  /** The week it is due, counted from the journey's start (week 1 is its first week). */
  week: number;
  /** How many weeks it runs up to its due week (Achievement: weeks 12–52 is 41). */
  durationWeeks: number;
  checklist: string[];
  successCriteria: string | null;
  responsibleRole: string | null;
  /** low | medium | high */
  effort: string;
}

/**
 * A journey an organisation runs its customers through: the onboarding-and-renewal year is the default one
 * ("Customer365"), made for each organisation when it first needs it. Its milestones live in versions: an edit
 * publishes a new version, and a running journey keeps the one it started with. `triggers` say which causes
 * start it by themselves (subscription_start, renewal, account_created); by hand always works.
 * Tenancy: org_id leads the primary key and every foreign key.
 */
export const journeyTemplates = pgTable(
  'journey_templates',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    isDefault: boolean('is_default').notNull().default(false),
    triggers: text('triggers').array().notNull().default(sql`'{}'::text[]`),
    currentVersion: integer('current_version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('journey_templates_org_default_uq').on(t.orgId).where(sql`${t.isDefault}`),
    uniqueIndex('journey_templates_org_name_uq').on(t.orgId, sql`lower(${t.name})`),
  ],
);

/** A published version of a template: its milestones, never changed once written. */
export const journeyTemplateVersions = pgTable(
  'journey_template_versions',
  {
    orgId: uuid('org_id').notNull(),
    templateId: uuid('template_id').notNull(),
    version: integer('version').notNull(),
    milestones: jsonb('milestones').$type<TStoredMilestone[]>().notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.templateId, t.version] }),
    foreignKey({ columns: [t.orgId, t.templateId], foreignColumns: [journeyTemplates.orgId, journeyTemplates.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
  ],
);

/**
 * One account's run through a template version, from its start day. An account has at most one active journey:
 * a renewal (or a start by hand) replaces the one running. `cause_key` names what started it (a subscription
 * change, a playbook's trigger) and is unique, so a cause delivered twice starts it once.
 */
export const journeys = pgTable(
  'journeys',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    templateId: uuid('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    name: text('name').notNull(),
    /** manual | subscription_start | renewal | account_created | playbook */
    cause: text('cause').notNull(),
    causeKey: text('cause_key'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    /** active | completed | replaced | stopped */
    status: text('status').notNull().default('active'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({
      columns: [t.orgId, t.templateId, t.templateVersion],
      foreignColumns: [journeyTemplateVersions.orgId, journeyTemplateVersions.templateId, journeyTemplateVersions.version],
    }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('journeys_org_account_idx').on(t.orgId, t.accountId, t.createdAt),
    uniqueIndex('journeys_org_active_account_uq').on(t.orgId, t.accountId).where(sql`${t.status} = 'active'`),
    uniqueIndex('journeys_org_cause_key_uq').on(t.orgId, t.causeKey),
  ],
);

/**
 * A milestone of an account's journey, copied from its template version with its dates. `late_at` is set once,
 * by the daily job, the first day it is open past its due day: that is when `journey.milestone_late` is published.
 */
export const journeyMilestones = pgTable(
  'journey_milestones',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    journeyId: uuid('journey_id').notNull(),
    position: integer('position').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    successCriteria: text('success_criteria'),
    responsibleRole: text('responsible_role'),
    effort: text('effort').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedByUserId: uuid('completed_by_user_id'),
    lateAt: timestamp('late_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.journeyId], foreignColumns: [journeys.orgId, journeys.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.completedByUserId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('journey_milestones_org_journey_position_uq').on(t.orgId, t.journeyId, t.position),
    // The daily job: open milestones not yet marked late, by due day.
    index('journey_milestones_org_open_due_idx').on(t.orgId, t.dueOn).where(sql`${t.completedAt} is null and ${t.lateAt} is null`),
  ],
);

/** An outcome on a milestone's checklist ("CRM integrated"): ticked by someone, or not yet. */
export const journeyChecklistItems = pgTable(
  'journey_checklist_items',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    milestoneId: uuid('milestone_id').notNull(),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneByUserId: uuid('done_by_user_id'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.milestoneId], foreignColumns: [journeyMilestones.orgId, journeyMilestones.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.doneByUserId], foreignColumns: [users.orgId, users.id] }),
    index('journey_checklist_items_org_milestone_idx').on(t.orgId, t.milestoneId, t.position),
  ],
);

/** An entry of a milestone's two logs: a customer challenge ("Subdomain takes time") or our issue ("Blog migration is slow"). */
export const journeyLogEntries = pgTable(
  'journey_log_entries',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    milestoneId: uuid('milestone_id').notNull(),
    /** challenge | issue */
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    ownerUserId: uuid('owner_user_id').notNull(),
    /** open | resolved */
    state: text('state').notNull().default('open'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.milestoneId], foreignColumns: [journeyMilestones.orgId, journeyMilestones.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.ownerUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('journey_log_entries_org_milestone_idx').on(t.orgId, t.milestoneId, t.createdAt),
  ],
);
