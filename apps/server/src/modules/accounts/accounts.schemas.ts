import { z } from 'zod';
import { ZPageQuery, zInt, zOptionalText, zPage, zStringList, zText } from '../../platform/http/schemas.ts';
import { accountMessages } from './accounts.messages.ts';

export const EDITIONS = ['self_service', 'professional', 'enterprise'] as const;
export const SEGMENTS = ['enterprise', 'mid_market', 'smb'] as const;
export const LIFECYCLE_STAGES = ['trial', 'onboarding', 'adoption', 'renewal', 'at_risk', 'churned'] as const;
export const ACCOUNT_SORTS = [
  'name',
  'createdAt',
  'updatedAt',
  'segment',
  'edition',
  'lifecycleStage',
  'employees',
  'market',
  'owner',
] as const;

export const zEdition = z.enum(EDITIONS);
export const zSegment = z.enum(SEGMENTS);
export const zLifecycleStage = z.enum(LIFECYCLE_STAGES);
const zDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, accountMessages.domain_format.code);
const zTag = z.string().trim().min(1).max(50);
/** Values of admin-defined custom fields, keyed by field key; checked against the definitions in the service. */
export const zCustomValues = z.record(z.string().max(60), z.union([z.string().max(2000), z.number(), z.null()]));

export const ZAccount = z.object({
  id: z.uuid(),
  name: z.string(),
  domain: z.string().nullable(),
  externalId: z.string().nullable(),
  marketId: z.uuid().nullable(),
  marketCode: z.string().nullable(),
  marketName: z.string().nullable(),
  segment: zSegment.nullable(),
  edition: zEdition.nullable(),
  lifecycleStage: zLifecycleStage,
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  tags: z.array(z.string()),
  employees: z.int().nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  version: z.int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TAccount = z.infer<typeof ZAccount>;

const accountFields = {
  name: zText(200),
  domain: zDomain.nullable().optional(),
  externalId: zOptionalText(100),
  marketId: z.uuid().nullable().optional(),
  segment: zSegment.nullable().optional(),
  edition: zEdition.nullable().optional(),
  lifecycleStage: zLifecycleStage.optional(),
  ownerUserId: z.uuid().nullable().optional(),
  tags: z.array(zTag).max(50).optional(),
  employees: zInt(0).nullable().optional(),
  // http(s) with a dotted host name, as imports require: a javascript: or data: address would be a link that runs code.
  website: z
    .string()
    .trim()
    .max(500)
    .pipe(z.url({ protocol: /^https?$/, hostname: /\./, error: 'must be a web address such as https://example.com' }))
    .nullable()
    .optional(),
  notes: zOptionalText(10_000),
  custom: zCustomValues.optional(),
};

export const ZCreateAccountRequest = z.strictObject(accountFields);
export type TCreateAccount = z.infer<typeof ZCreateAccountRequest>;

export const ZUpdateAccountRequest = z.strictObject({
  ...accountFields,
  name: zText(200).optional(),
  /** Optimistic concurrency: when given, the update fails with 409 if someone else changed the account since. */
  expectedVersion: zInt(1).optional(),
});
export type TUpdateAccount = z.infer<typeof ZUpdateAccountRequest>;

export const ZAccountListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  marketId: zStringList(z.uuid()),
  segment: zStringList(zSegment),
  edition: zStringList(zEdition),
  lifecycleStage: zStringList(zLifecycleStage),
  ownerUserId: zStringList(z.union([z.uuid(), z.literal('me'), z.literal('none')])),
  tag: zStringList(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  /** Only the accounts this import created or updated ("Open accounts" after an import). */
  importId: z.uuid().optional(),
  sort: z.enum(ACCOUNT_SORTS).default('name'),
});
export type TAccountListQuery = z.infer<typeof ZAccountListQuery>;

export const ZAccountPage = zPage(ZAccount);
