import { z } from 'zod';
import { ZPageQuery, zInt, zPage, zStringList } from '../../platform/http/schemas.ts';
import { UPSELL_REASONS } from './upsell-candidates.rules.ts';

export const zUpsellReason = z.enum(UPSELL_REASONS);

export const ZUpsellReason = z.object({
  code: zUpsellReason,
  /** The plan the reason is about: the limited plan, the plan the segment usually buys, or the add-on others take. */
  planId: z.uuid().nullable(),
  planName: z.string().nullable(),
  /** Users or licences the subscription holds and its plan's limit (near_limit, at_limit, over_limit). */
  units: z.number().nullable(),
  maxUnits: z.int().nullable(),
  /** Share of the limit reached, or of the segment's customers on that plan, in percent. */
  percent: z.int().nullable(),
  /** Quantity increases in the last 180 days (growing_quantity). */
  increases: z.int().nullable(),
});
export type TUpsellReasonDto = z.infer<typeof ZUpsellReason>;

export const ZUpsellCandidate = z.object({
  accountId: z.uuid(),
  accountName: z.string(),
  marketId: z.uuid().nullable(),
  marketName: z.string().nullable(),
  segment: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  reasons: z.array(ZUpsellReason),
  planId: z.uuid().nullable(),
  planName: z.string().nullable(),
  nextPlanId: z.uuid().nullable(),
  nextPlanName: z.string().nullable(),
  /** What the move to the next plan adds per month at list prices, in major units of `currency`. */
  mrrDifference: z.number().nullable(),
  currency: z.string().nullable(),
  /** The highest share of a plan's user limit the account's subscription reached, in percent. */
  limitPercent: z.int().nullable(),
  since: z.string(),
  computedAt: z.string(),
});
export type TUpsellCandidate = z.infer<typeof ZUpsellCandidate>;

export const UPSELL_CANDIDATE_SORTS = ['account', 'owner', 'mrrDifference', 'limitPercent', 'since'] as const;
/** The list: reason, market, owner, plan and a search on the account name; sort and order; paging. The CSV takes the same without paging. */
export const ZUpsellCandidatesQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  reason: zStringList(zUpsellReason),
  marketId: zStringList(z.uuid()),
  ownerUserId: zStringList(z.union([z.uuid(), z.literal('me'), z.literal('none')])),
  planId: zStringList(z.uuid()),
  sort: z.enum(UPSELL_CANDIDATE_SORTS).default('mrrDifference'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TUpsellCandidatesQuery = z.infer<typeof ZUpsellCandidatesQuery>;
export const ZUpsellCandidatesExportQuery = ZUpsellCandidatesQuery.omit({ page: true, pageSize: true });
export type TUpsellCandidatesExportQuery = z.infer<typeof ZUpsellCandidatesExportQuery>;
export const ZUpsellCandidatesPage = zPage(ZUpsellCandidate);

/** The account page's answer: the account's candidacy, or null when it is none. */
export const ZAccountUpsell = z.object({ candidate: ZUpsellCandidate.nullable() });

export const ZUpsellSettings = z.object({
  /** A subscription at or above this share of its plan's user limit makes the account a candidate. */
  limitThresholdPercent: z.int(),
});
export type TUpsellSettings = z.infer<typeof ZUpsellSettings>;
export const ZUpdateUpsellSettingsRequest = z.strictObject({ limitThresholdPercent: zInt(1, 100) });

/** What a recompute did. */
export const ZRecomputeResult = z.object({ candidates: z.int(), identified: z.int(), cleared: z.int() });
export type TRecomputeResult = z.infer<typeof ZRecomputeResult>;
