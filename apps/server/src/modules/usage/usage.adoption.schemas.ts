import { z } from 'zod';
import { zInt, zIsoDate, zStringList } from '../../platform/http/schemas.ts';
import { SEGMENTS } from '../accounts/index.ts';

/** The organisation's adoption thresholds (defaults: usage.adoption.ts DEFAULT_ADOPTION_SETTINGS). */
export const ZAdoptionSettings = z.strictObject({
  /** "Low activity": no usage at all in this many days … */
  lowActivityDays: zInt(1, 365),
  /** … or events in the last 30 days fell by at least this share against the 30 before. */
  lowActivityDropPercent: zInt(1, 100),
  /** "Poor adoption": feature breadth under this share of the plan's key features … */
  poorBreadthPercent: zInt(0, 100),
  /** … or active users (30 days) under this share of the licences bought. */
  poorLicencePercent: zInt(0, 100),
});
export type TAdoptionSettings = z.infer<typeof ZAdoptionSettings>;

export const ADOPTION_FLAGS = ['low_activity', 'poor_adoption'] as const;
export const ADOPTION_REASONS = ['no_recent_usage', 'usage_drop', 'narrow_breadth', 'unused_licences'] as const;

export const ZAdoptionSummary = z.object({
  accountId: z.uuid(),
  asOf: z.string(),
  hasUsage: z.boolean(),
  firstSeenOn: z.string().nullable(),
  lastSeenOn: z.string().nullable(),
  daysSinceLastSeen: z.int().nullable(),
  activeUsers7d: z.int(),
  activeUsers30d: z.int(),
  activeUsersPrev30d: z.int(),
  events30d: z.number(),
  eventsPrev30d: z.number(),
  /** Events of the last 30 days against the 30 before, in percent; null when there were none before. */
  usageTrendPercent: z.number().nullable(),
  activeUsersTrendPercent: z.number().nullable(),
  planId: z.uuid().nullable(),
  planName: z.string().nullable(),
  keyFeatures: z.int(),
  keyFeaturesUsed: z.int(),
  /** Share of the plan's key features used in the last 30 days; null when the plan has none marked. */
  featureBreadthPercent: z.number().nullable(),
  licences: z.number().nullable(),
  /** Active users (30 days) against the licences bought, in percent. */
  licencesUsedPercent: z.number().nullable(),
  flags: z.array(z.enum(ADOPTION_FLAGS)),
  reasons: z.array(z.enum(ADOPTION_REASONS)),
});
export type TAdoptionSummary = z.infer<typeof ZAdoptionSummary>;

export const ZAccountFeature = z.object({
  event: z.string(),
  isKey: z.boolean(),
  events30d: z.number(),
  eventsPrev30d: z.number(),
  trendPercent: z.number().nullable(),
  /** Days of the last 30 the feature was used on. */
  activeDays30d: z.int(),
  /** Distinct users per day, averaged over the last 30 days. */
  usersPerDay30d: z.number(),
  lastUsedOn: z.string().nullable(),
});
export type TAccountFeature = z.infer<typeof ZAccountFeature>;

export const ZAccountAdoption = z.object({
  summary: ZAdoptionSummary,
  from: z.string(),
  to: z.string(),
  /** Per day of the range: events and active users (days without usage are 0). */
  days: z.array(z.object({ day: z.string(), events: z.number(), users: z.int() })),
  /** Per day and feature: events and distinct users (days without use of the feature are left out). */
  featureDays: z.array(z.object({ day: z.string(), event: z.string(), events: z.number(), users: z.int() })),
  features: z.array(ZAccountFeature),
});
export type TAccountAdoption = z.infer<typeof ZAccountAdoption>;

export const ZAccountAdoptionQuery = z.object({ from: zIsoDate.optional(), to: zIsoDate.optional() });
export type TAccountAdoptionQuery = z.infer<typeof ZAccountAdoptionQuery>;

export const FEATURE_ADOPTION_SORTS = ['event', 'accounts', 'share', 'events', 'users', 'trend'] as const;
export const ZFeatureAdoptionQuery = z.object({
  planId: zStringList(z.uuid()),
  segment: zStringList(z.enum(SEGMENTS)),
  marketId: zStringList(z.uuid()),
  ownerUserId: zStringList(z.union([z.uuid(), z.literal('me'), z.literal('none')])),
});
export type TFeatureAdoptionQuery = z.infer<typeof ZFeatureAdoptionQuery>;

export const ZFeatureAdoption = z.object({
  event: z.string(),
  isKey: z.boolean(),
  /** Accounts that used it in the last 30 days, and their share of the accounts the filter keeps. */
  accounts: z.int(),
  sharePercent: z.number(),
  events30d: z.number(),
  eventsPrev30d: z.number(),
  trendPercent: z.number().nullable(),
  usersPerDay30d: z.number(),
});
export type TFeatureAdoption = z.infer<typeof ZFeatureAdoption>;
export const ZFeatureAdoptionList = z.object({ asOf: z.string(), accounts: z.int(), items: z.array(ZFeatureAdoption) });

export const ZKeyFeature = z.object({ event: z.string(), planId: z.uuid().nullable(), planName: z.string().nullable() });
export const ZKeyFeatures = z.object({
  items: z.array(ZKeyFeature),
  /** Event names the organisation's accounts sent, for choosing new key features. */
  seen: z.array(z.object({ event: z.string(), lastSeenOn: z.string(), events: z.number() })),
});
export const ZSaveKeyFeaturesRequest = z.strictObject({
  items: z.array(z.strictObject({ event: z.string().trim().min(1).max(200), planId: z.uuid().nullable() })).max(500),
});
export type TSaveKeyFeatures = z.infer<typeof ZSaveKeyFeaturesRequest>;
