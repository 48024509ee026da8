import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.table.ts';
import { markets } from '../organisations/markets.table.ts';
import { organisations } from '../organisations/organisations.table.ts';

/** A customer organisation. */
export const accounts = pgTable(
  'accounts',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    domain: text('domain'),
    /** The id of this account in the CRM or billing system; imports match on it first. */
    externalId: text('external_id'),
    marketId: uuid('market_id'),
    segment: text('segment'),
    edition: text('edition'),
    lifecycleStage: text('lifecycle_stage').notNull().default('onboarding'),
    ownerUserId: uuid('owner_user_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    employees: integer('employees'),
    website: text('website'),
    notes: text('notes'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.marketId], foreignColumns: [markets.orgId, markets.id] }),
    foreignKey({ columns: [t.orgId, t.ownerUserId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('accounts_org_external_id_uq').on(t.orgId, t.externalId),
    uniqueIndex('accounts_org_domain_uq').on(t.orgId, sql`lower(${t.domain})`),
    index('accounts_org_name_idx').on(t.orgId, sql`lower(${t.name})`, t.id),
    index('accounts_org_updated_idx').on(t.orgId, t.updatedAt),
    index('accounts_org_owner_idx').on(t.orgId, t.ownerUserId),
    index('accounts_org_market_idx').on(t.orgId, t.marketId),
    // The list's filters, for counting matches of a filtered list: an index-only scan instead of visiting
    // every matching row (40 ms → 3 ms for one segment in one market of 100k accounts).
    index('accounts_org_filters_idx')
      .on(t.orgId, t.marketId, t.segment, t.edition, t.lifecycleStage, t.ownerUserId)
      .where(sql`${t.archivedAt} is null`),
    index('accounts_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('accounts_tags_idx').using('gin', t.tags),
  ],
);
