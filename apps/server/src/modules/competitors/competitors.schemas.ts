import { z } from 'zod';
import { zInt, zIsoDate, zOptionalText, zStringList, zText } from '../../platform/http/schemas.ts';
import { zAmount, zCurrency, zInterval } from '../plans/index.ts';

export const ACCOUNT_COMPETITOR_STATUSES = ['uses', 'evaluating', 'lost_to', 'won_from'] as const;
export const zAccountCompetitorStatus = z.enum(ACCOUNT_COMPETITOR_STATUSES);

const zWebsite = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, hostname: /\./, error: 'must be a web address such as https://example.com' }));

export const ZPrice = z.strictObject({ currency: zCurrency, intervalMonths: zInterval, amount: zAmount });
const ZPriceOut = z.object({
  currency: z.string(),
  intervalMonths: z.int(),
  amount: z.number(),
  /** Our comparable plan's list price for the same currency and interval (null: none, or no comparable plan). */
  ourAmount: z.number().nullable(),
});

export const ZCompetitorPlan = z.object({
  id: z.uuid(),
  competitorId: z.uuid(),
  name: z.string(),
  comparablePlanId: z.uuid().nullable(),
  comparablePlanName: z.string().nullable(),
  comparablePlanCode: z.string().nullable(),
  notes: z.string().nullable(),
  sortOrder: z.int(),
  prices: z.array(ZPriceOut),
});
export type TCompetitorPlan = z.infer<typeof ZCompetitorPlan>;

export const ZCompetitor = z.object({
  id: z.uuid(),
  name: z.string(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  planCount: z.int(),
  /** Accounts that use it or evaluate it now. */
  accountCount: z.int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCompetitor = z.infer<typeof ZCompetitor>;
export const ZCompetitorDetail = ZCompetitor.extend({ plans: z.array(ZCompetitorPlan) });
export type TCompetitorDetail = z.infer<typeof ZCompetitorDetail>;

const competitorFields = { name: zText(120), website: zWebsite.nullable().optional(), notes: zOptionalText(5000) };
export const ZCreateCompetitorRequest = z.strictObject(competitorFields);
export type TCreateCompetitor = z.infer<typeof ZCreateCompetitorRequest>;
export const ZUpdateCompetitorRequest = z.strictObject({
  ...competitorFields,
  name: zText(120).optional(),
  archived: z.boolean().optional(),
});
export type TUpdateCompetitor = z.infer<typeof ZUpdateCompetitorRequest>;
export const ZCompetitorListQuery = z.object({ status: z.enum(['active', 'archived', 'all']).default('active') });
export const ZCompetitorList = z.object({ items: z.array(ZCompetitor) });

const planFields = {
  name: zText(120),
  comparablePlanId: z.uuid().nullable().optional(),
  notes: zOptionalText(2000),
  sortOrder: zInt(0, 10_000).optional(),
  prices: z.array(ZPrice).max(50).optional(),
};
export const ZCreateCompetitorPlanRequest = z.strictObject(planFields);
export type TCreateCompetitorPlan = z.infer<typeof ZCreateCompetitorPlanRequest>;
export const ZUpdateCompetitorPlanRequest = z.strictObject({ ...planFields, name: zText(120).optional() });
export type TUpdateCompetitorPlan = z.infer<typeof ZUpdateCompetitorPlanRequest>;

export const ZAccountCompetitor = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  competitorId: z.uuid(),
  competitorName: z.string(),
  status: zAccountCompetitorStatus,
  since: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TAccountCompetitor = z.infer<typeof ZAccountCompetitor>;
const linkFields = {
  competitorId: z.uuid(),
  status: zAccountCompetitorStatus,
  since: zIsoDate.nullable().optional(),
  note: zOptionalText(2000),
};
export const ZCreateAccountCompetitorRequest = z.strictObject(linkFields);
export type TCreateAccountCompetitor = z.infer<typeof ZCreateAccountCompetitorRequest>;
export const ZUpdateAccountCompetitorRequest = z.strictObject({
  ...linkFields,
  competitorId: z.uuid().optional(),
  status: zAccountCompetitorStatus.optional(),
});
export type TUpdateAccountCompetitor = z.infer<typeof ZUpdateAccountCompetitorRequest>;
export const ZAccountCompetitorList = z.object({ items: z.array(ZAccountCompetitor) });
export const ZCompetitorAccountsQuery = z.object({ status: zStringList(zAccountCompetitorStatus) });

export const ZCompetitionQuery = z.object({
  currency: zCurrency.default('EUR'),
  interval: z.coerce.number().pipe(zInterval).default(12),
});
export type TCompetitionQuery = z.infer<typeof ZCompetitionQuery>;
export const ZCompetition = z.object({
  currency: z.string(),
  intervalMonths: z.int(),
  rows: z.array(
    z.object({
      planId: z.uuid(),
      planCode: z.string(),
      planName: z.string(),
      /** Our list price for the interval; null when the plan has none in this currency. */
      ourPrice: z.number().nullable(),
      competitors: z.array(
        z.object({
          competitorId: z.uuid(),
          competitorName: z.string(),
          competitorPlanId: z.uuid(),
          competitorPlanName: z.string(),
          /** Their price for the interval: their own for it, else scaled from another interval in the currency. */
          price: z.number().nullable(),
          /** True when scaled from another interval. */
          estimated: z.boolean(),
          /** Their price minus ours, as a fraction of ours (-0.1: they are 10% cheaper). */
          difference: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type TCompetition = z.infer<typeof ZCompetition>;

/** What DELETE did: removed, or archived because accounts are linked to it. */
export const ZRemoved = z.object({ outcome: z.enum(['deleted', 'archived']) });
