import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { plans } from '../plans/plans.table.ts';

/**
 * A source of usage events: one product (or environment) sending Segment-compatible calls with its own write
 * key. The key is shown once; only its SHA-256 is kept (`key_hash`, unique across organisations: the key alone
 * says which organisation and source an event belongs to). `kind` 'native' is the organisation's one source of
 * the bulk API and CSV imports (no key).
 */
export const usageSources = pgTable(
  'usage_sources',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull().$type<'segment' | 'native'>(),
    /** How an event finds its account: `group_id` (Segment's groupId) or `trait` (the trait named in accountTrait). */
    accountMapping: text('account_mapping').notNull().$type<'group_id' | 'trait'>(),
    accountTrait: text('account_trait'),
    keyHash: text('key_hash'),
    /** The key's first characters, so a person can tell keys apart in the list. */
    keyHint: text('key_hint'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('usage_sources_key_hash_uq').on(t.keyHash),
    uniqueIndex('usage_sources_org_native_uq').on(t.orgId).where(sql`kind = 'native'`),
  ],
);

/**
 * The events, as received. PARTITIONED BY RANGE (ts), one partition a month (the migration and
 * usage.partitions.repository.ts make them; Drizzle does not know partitioning). Only what rollups, mapping
 * and later analysis need, and the properties as jsonb. The primary key is the idempotence key: a message id
 * is stored once per source and event time (a retried batch carries the same messageId and timestamp), and as
 * every unique index of a partitioned table it holds the partition key. The time comes before the message id:
 * a live stream's events are near now, so its key entries land on the index's last pages instead of anywhere
 * in it (random message ids), which halves what a COPY of live events costs PostgreSQL (docs/benchmarks.md). No foreign keys: the hot path writes
 * 200k rows a second, and the accounts are resolved before the insert.
 */
export const usageEvents = pgTable(
  'usage_events',
  {
    orgId: uuid('org_id').notNull(),
    sourceId: uuid('source_id').notNull(),
    messageId: text('message_id').notNull(),
    ts: timestamp('ts', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    event: text('event'),
    accountId: uuid('account_id'),
    /** The account key (groupId or trait value) while no account is known for it; null once mapped. */
    groupKey: text('group_key'),
    userId: text('user_id'),
    anonymousId: text('anonymous_id'),
    properties: jsonb('properties'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sourceId, t.ts, t.messageId] }),
    index('usage_events_unmapped_idx').on(t.orgId, t.sourceId, t.groupKey).where(sql`account_id is null`),
  ],
);

/** Per account, day and event name: how many events (track, page and screen calls). Maintained at ingestion. */
export const usageDailyEvents = pgTable(
  'usage_daily_events',
  {
    orgId: uuid('org_id').notNull(),
    accountId: uuid('account_id').notNull(),
    day: date('day').notNull(),
    event: text('event').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId, t.day, t.event] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
  ],
);

/** Per account, day and user: the user was active that day (count of events); active users of any window count distinct users. */
export const usageDailyUsers = pgTable(
  'usage_daily_users',
  {
    orgId: uuid('org_id').notNull(),
    accountId: uuid('account_id').notNull(),
    day: date('day').notNull(),
    userId: text('user_id').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId, t.day, t.userId] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
  ],
);

/** Per account: first and last event seen, and how many. */
export const usageAccountActivity = pgTable(
  'usage_account_activity',
  {
    orgId: uuid('org_id').notNull(),
    accountId: uuid('account_id').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    events: bigint('events', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
  ],
);

/**
 * The account keys a source has sent that match no account's external id: listed as "unmapped" with counts and
 * last seen until an admin maps one to an account (`account_id`) or ignores it. `kind` 'user' is a user whose
 * events carried no account key at all (no group call seen for them).
 */
export const usageKeys = pgTable(
  'usage_keys',
  {
    orgId: uuid('org_id').notNull(),
    sourceId: uuid('source_id').notNull(),
    kind: text('kind').notNull().$type<'group' | 'user'>(),
    key: text('key').notNull(),
    accountId: uuid('account_id'),
    ignoredAt: timestamp('ignored_at', { withTimezone: true }),
    events: bigint('events', { mode: 'number' }).notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    mappedAt: timestamp('mapped_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sourceId, t.kind, t.key] }),
    foreignKey({ columns: [t.orgId, t.sourceId], foreignColumns: [usageSources.orgId, usageSources.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
  ],
);

/**
 * A source's users: the account key their group (or identify) call named, and the contact an identify linked them to
 * (no foreign key: a deleted contact leaves a stale id that reads find nothing for).
 */
export const usageUsers = pgTable(
  'usage_users',
  {
    orgId: uuid('org_id').notNull(),
    sourceId: uuid('source_id').notNull(),
    userId: text('user_id').notNull(),
    groupKey: text('group_key'),
    contactId: uuid('contact_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sourceId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.sourceId], foreignColumns: [usageSources.orgId, usageSources.id] }).onDelete('cascade'),
  ],
);

/**
 * Rollup deltas not yet merged: one row per ingested batch, its new events already aggregated (per account, day and
 * event; per account, day and user; per account first, last and count) as JSON arrays. Written in the batch's
 * transaction (one row instead of hundreds of upserts on the rollups' indexes), merged into the rollups and deleted
 * in one transaction by the usage.rollup job, so every event counts exactly once. JSON kept as text, stored
 * uncompressed (STORAGE EXTERNAL, in the migration): written once and read once, so parsing it into jsonb and
 * compressing it on the hot path cost more than the batch's COPY itself (measured: docs/benchmarks.md).
 */
export const usageRollupDeltas = pgTable(
  'usage_rollup_deltas',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    dailyEvents: text('daily_events').notNull(),
    dailyUsers: text('daily_users').notNull(),
    activity: text('activity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('usage_rollup_deltas_created_idx').on(t.orgId, t.createdAt)],
);

/** The organisation's usage settings: how many months of raw events to keep (rollups are kept). */
export const usageSettings = pgTable('usage_settings', {
  orgId: uuid('org_id').primaryKey(),
  retentionMonths: integer('retention_months').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Per account, day and event name: how many distinct users sent it that day (adoption's users per feature). Built from
 * the raw events by the usage.feature-users job (today and yesterday, every few minutes) rather than at ingestion:
 * distinct users do not add up, so this rollup is recounted, never merged from batch deltas.
 */
export const usageDailyFeatureUsers = pgTable(
  'usage_daily_feature_users',
  {
    orgId: uuid('org_id').notNull(),
    accountId: uuid('account_id').notNull(),
    day: date('day').notNull(),
    event: text('event').notNull(),
    users: integer('users').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId, t.day, t.event] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
  ],
);

/**
 * The event names an admin marks as key features: of one plan, or of every plan (`plan_id` null). An account's feature
 * breadth is the share of its plan's key features (and the every-plan ones) it used in the last 30 days.
 */
export const usageKeyFeatures = pgTable(
  'usage_key_features',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    event: text('event').notNull(),
    planId: uuid('plan_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [plans.orgId, plans.id] }).onDelete('cascade'),
    index('usage_key_features_org_event_idx').on(t.orgId, t.event),
  ],
);

/** The organisation's adoption thresholds (defaults in usage.adoption.ts when it has set none). */
export const usageAdoptionSettings = pgTable('usage_adoption_settings', {
  orgId: uuid('org_id').primaryKey(),
  lowActivityDays: integer('low_activity_days').notNull(),
  lowActivityDropPercent: integer('low_activity_drop_percent').notNull(),
  poorBreadthPercent: integer('poor_breadth_percent').notNull(),
  poorLicencePercent: integer('poor_licence_percent').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
