import { z } from 'zod';
import { ZPageQuery, zInt, zPage, zText } from '../../platform/http/schemas.ts';
import { usageMessages as m } from './usage.messages.ts';

export const ACCOUNT_MAPPINGS = ['group_id', 'trait'] as const;

export const ZUsageSource = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['segment', 'native']),
  accountMapping: z.enum(ACCOUNT_MAPPINGS),
  accountTrait: z.string().nullable(),
  keyHint: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type TUsageSource = z.infer<typeof ZUsageSource>;
export const ZUsageSourceList = z.object({ items: z.array(ZUsageSource) });

/** Strict, like every request body: unknown fields are a 400 naming the field. */
export const ZCreateUsageSourceRequest = z
  .strictObject({
    name: zText(200),
    accountMapping: z.enum(ACCOUNT_MAPPINGS).default('group_id'),
    accountTrait: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.$-]+$/, m.usage_trait_format.code)
      .nullable()
      .optional(),
  })
  .refine((v) => v.accountMapping !== 'trait' || !!v.accountTrait, { path: ['accountTrait'], message: m.usage_trait_required.code });
export type TCreateUsageSource = z.infer<typeof ZCreateUsageSourceRequest>;

/** The made source and its write key: the only time the key is shown. */
export const ZCreatedUsageSource = ZUsageSource.extend({ writeKey: z.string() });

export const KEY_STATUSES = ['unmapped', 'mapped', 'ignored', 'all'] as const;
export const KEY_SORTS = ['key', 'events', 'lastSeenAt', 'firstSeenAt'] as const;
export const ZUnmappedQuery = ZPageQuery.extend({
  q: z.string().max(200).optional(),
  status: z.enum(KEY_STATUSES).default('unmapped'),
  sourceId: z.uuid().optional(),
  sort: z.enum(KEY_SORTS).default('lastSeenAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TUnmappedQuery = z.infer<typeof ZUnmappedQuery>;
export const ZUnmappedExportQuery = ZUnmappedQuery.omit({ page: true, pageSize: true });
export type TUnmappedExportQuery = z.infer<typeof ZUnmappedExportQuery>;

export const ZUsageKey = z.object({
  sourceId: z.uuid(),
  sourceName: z.string(),
  kind: z.enum(['group', 'user']),
  key: z.string(),
  accountId: z.uuid().nullable(),
  accountName: z.string().nullable(),
  ignoredAt: z.string().nullable(),
  events: z.int(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export type TUsageKey = z.infer<typeof ZUsageKey>;
export const ZUsageKeysPage = zPage(ZUsageKey);

const zKeyRef = {
  kind: z.enum(['group', 'user']),
  key: z.string().min(1).max(200),
};
export const ZMapKeyRequest = z.strictObject({ ...zKeyRef, accountId: z.uuid() });
export type TMapKey = z.infer<typeof ZMapKeyRequest>;
export const ZIgnoreKeyRequest = z.strictObject({ ...zKeyRef, ignored: z.boolean() });
export type TIgnoreKey = z.infer<typeof ZIgnoreKeyRequest>;
export const ZMapKeyResponse = z.object({ key: ZUsageKey, eventsMoved: z.int() });

export const ZUsageSettings = z.object({ retentionMonths: z.int() });
export const ZUsageSettingsRequest = z.strictObject({ retentionMonths: zInt(1, 120) });

/** The native bulk API: accounts by id or external id, the same idempotence on messageId. */
export const ZNativeEvent = z.strictObject({
  messageId: z.string().min(1).max(200).optional(),
  accountId: z.uuid().optional(),
  accountExternalId: z.string().min(1).max(200).optional(),
  userId: z.string().min(1).max(200).optional(),
  event: z.string().min(1).max(200),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type TNativeEvent = z.infer<typeof ZNativeEvent>;
export const ZNativeEventsRequest = z.strictObject({ events: z.array(ZNativeEvent).min(1).max(5000) });
export const ZEventError = z.object({
  index: z.int(),
  messageId: z.string().nullable(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export const ZIngestResult = z.object({ received: z.int(), stored: z.int(), duplicates: z.int(), rejected: z.array(ZEventError) });
export type TIngestResult = z.infer<typeof ZIngestResult>;
export const ZCsvRowError = z.object({
  row: z.int().describe('The row number a spreadsheet shows (the header is row 1)'),
  messageId: z.string().nullable(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export const ZCsvIngestResult = z.object({
  received: z.int(),
  stored: z.int(),
  duplicates: z.int(),
  rejectedCount: z.int(),
  rejected: z.array(ZCsvRowError).describe('The first 100 refused rows'),
});
export const ZUsageCsvForm = z.object({ file: z.file().describe('A CSV file, UTF-8, comma, semicolon or tab separated') });
