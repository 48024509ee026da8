import { z } from 'zod';
import { ZPageQuery, zPage, zStringList } from '../../platform/http/schemas.ts';
import { SEGMENTS } from '../accounts/index.ts';

/** How many of the scored customer accounts are unhealthy (red): the counts and their share in % (null: none scored). */
const ZShare = z.object({ scored: z.int(), unhealthy: z.int(), unhealthyPct: z.number().nullable() });
export type TShare = z.infer<typeof ZShare>;

export const ZPortfolioQuery = z.strictObject({
  by: z.enum(['month', 'week']).default('month').describe('The trend’s periods'),
  periods: z.coerce.number().int().min(2).max(36).default(12).describe('How many periods, the current one last'),
});
export type TPortfolioQuery = z.infer<typeof ZPortfolioQuery>;

export const ZPortfolio = z.object({
  asOf: z.string(),
  /** The organisation's target for the unhealthy share, in % (health settings). */
  targetPct: z.int(),
  current: ZShare,
  /** Each period's share as of its last day (the current period: today), from the score history. */
  trend: z.array(ZShare.extend({ period: z.string().describe('YYYY-MM, or the Monday of the week'), end: z.string() })),
  byOwner: z.array(ZShare.extend({ ownerUserId: z.uuid().nullable(), name: z.string().nullable() })),
  bySegment: z.array(ZShare.extend({ segment: z.enum(SEGMENTS).nullable() })),
  byMarket: z.array(ZShare.extend({ marketId: z.uuid().nullable(), name: z.string().nullable() })),
});
export type TPortfolio = z.infer<typeof ZPortfolio>;

const listFilters = {
  q: z.string().max(200).optional().describe('Words in the account’s name'),
  ownerUserId: z.uuid().optional(),
  segment: zStringList(z.enum(SEGMENTS)).describe('One or more segments (`segment=a,b`)'),
  marketId: z.uuid().optional(),
};

export const POOR_HEALTH_SORTS = ['score', 'account', 'owner', 'computedAt'] as const;
export const ZPoorHealthQuery = ZPageQuery.extend({
  ...listFilters,
  sort: z.enum(POOR_HEALTH_SORTS).default('score'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TPoorHealthQuery = z.infer<typeof ZPoorHealthQuery>;
export const ZPoorHealthExportQuery = ZPoorHealthQuery.omit({ page: true, pageSize: true });
export type TPoorHealthExportQuery = z.infer<typeof ZPoorHealthExportQuery>;

const ZAccountCells = {
  accountId: z.uuid(),
  accountName: z.string(),
  ownerName: z.string().nullable(),
  segment: z.enum(SEGMENTS).nullable(),
  marketName: z.string().nullable(),
};
export const ZPoorHealthItem = z.object({
  ...ZAccountCells,
  score: z.number().nullable(),
  /** The score a week ago (null: no score then). */
  scoreWeekAgo: z.number().nullable(),
  computedAt: z.string(),
});
export type TPoorHealthItem = z.infer<typeof ZPoorHealthItem>;
export const ZPoorHealthPage = zPage(ZPoorHealthItem);

export const LOW_ACTIVITY_REASONS = ['no_login', 'usage_drop'] as const;
export const LOW_ACTIVITY_SORTS = ['lastSeen', 'account', 'owner', 'drop', 'score'] as const;
export const ZLowActivityQuery = ZPageQuery.extend({
  ...listFilters,
  reason: z.enum(LOW_ACTIVITY_REASONS).optional(),
  sort: z.enum(LOW_ACTIVITY_SORTS).default('lastSeen'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TLowActivityQuery = z.infer<typeof ZLowActivityQuery>;
export const ZLowActivityExportQuery = ZLowActivityQuery.omit({ page: true, pageSize: true });
export type TLowActivityExportQuery = z.infer<typeof ZLowActivityExportQuery>;

export const ZLowActivityItem = z.object({
  ...ZAccountCells,
  reason: z.enum(LOW_ACTIVITY_REASONS),
  lastSeenAt: z.string(),
  idleDays: z.int(),
  windowDays: z.int(),
  recentEvents: z.int(),
  previousEvents: z.int(),
  /** Events down this % on the window before (null: nothing before to compare). */
  dropPct: z.int().nullable(),
  score: z.number().nullable(),
  band: z.enum(['red', 'yellow', 'green']).nullable(),
});
export type TLowActivityItem = z.infer<typeof ZLowActivityItem>;
export const ZLowActivityPage = zPage(ZLowActivityItem);
