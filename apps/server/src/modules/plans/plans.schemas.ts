import { z } from 'zod';
import { ZPageQuery, zInt, zOptionalText, zPage, zStringList, zText } from '../../platform/http/schemas.ts';
import { EDITIONS } from '../accounts/index.ts';
import { plansMessages as m } from './plans.messages.ts';

export const PRODUCT_KINDS = ['edition', 'addon', 'service'] as const;
/** Billing intervals in months: monthly, quarterly, yearly, two and three years. */
export const INTERVALS = [1, 3, 12, 24, 36] as const;
export const PLAN_SORTS = ['name', 'code', 'tier', 'product', 'createdAt', 'updatedAt'] as const;

export const zProductKind = z.enum(PRODUCT_KINDS);
export const zCurrency = z.string().regex(/^[A-Z]{3}$/, m.plan_currency_format.code);
export const zInterval = z.int().refine((v) => (INTERVALS as readonly number[]).includes(v), m.plan_interval_months.code);
/** A list price in major units with at most two decimals (stored as numeric(14,2)). */
export const zAmount = z
  .number()
  .min(0)
  .max(999_999_999_999)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, m.plan_amount_cents.code);
const zStatus = z.enum(['active', 'archived', 'all']).default('active');

// ── Products ─────────────────────────────────────────────────────────────────────────────────────────────
export const ZProduct = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: zProductKind,
  description: z.string().nullable(),
  sortOrder: z.int(),
  planCount: z.int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TProduct = z.infer<typeof ZProduct>;

const productFields = {
  name: zText(120),
  kind: zProductKind,
  description: zOptionalText(2000),
  sortOrder: zInt(0, 10_000).optional(),
};
export const ZCreateProductRequest = z.strictObject(productFields);
export type TCreateProduct = z.infer<typeof ZCreateProductRequest>;
export const ZUpdateProductRequest = z.strictObject({
  ...productFields,
  name: zText(120).optional(),
  kind: zProductKind.optional(),
  /** false restores an archived product. */
  archived: z.boolean().optional(),
});
export type TUpdateProduct = z.infer<typeof ZUpdateProductRequest>;
export const ZProductListQuery = z.object({ status: zStatus });
export const ZProductList = z.object({ items: z.array(ZProduct) });

// ── Features ─────────────────────────────────────────────────────────────────────────────────────────────
export const ZFeature = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  groupName: z.string().nullable(),
  description: z.string().nullable(),
  sortOrder: z.int(),
  planCount: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TFeature = z.infer<typeof ZFeature>;
const featureFields = {
  key: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9][a-z0-9._]*$/, m.plan_feature_key_format.code),
  name: zText(120),
  groupName: zOptionalText(80),
  description: zOptionalText(2000),
  sortOrder: zInt(0, 10_000).optional(),
};
export const ZCreateFeatureRequest = z.strictObject(featureFields);
export type TCreateFeature = z.infer<typeof ZCreateFeatureRequest>;
export const ZUpdateFeatureRequest = z.strictObject({ ...featureFields, key: featureFields.key.optional(), name: zText(120).optional() });
export type TUpdateFeature = z.infer<typeof ZUpdateFeatureRequest>;
export const ZFeatureList = z.object({ items: z.array(ZFeature) });

// ── Plans ────────────────────────────────────────────────────────────────────────────────────────────────
export const ZPlanPrice = z.strictObject({ currency: zCurrency, intervalMonths: zInterval, amount: zAmount });
export type TPlanPrice = z.infer<typeof ZPlanPrice>;
export const ZPlanFeatureInput = z.strictObject({
  featureId: z.uuid(),
  /** A numeric limit (users, contacts); null or absent: unlimited. */
  limitValue: z.number().min(0).max(999_999_999_999).nullable().optional(),
  note: zOptionalText(120),
  isKey: z.boolean().optional(),
});
export type TPlanFeatureInput = z.infer<typeof ZPlanFeatureInput>;
export const ZPlanFeature = z.object({
  featureId: z.uuid(),
  key: z.string(),
  name: z.string(),
  groupName: z.string().nullable(),
  limitValue: z.number().nullable(),
  note: z.string().nullable(),
  isKey: z.boolean(),
});

export const ZPlan = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  productKind: zProductKind,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  tier: z.int(),
  isFree: z.boolean(),
  trialDays: z.int(),
  edition: z.enum(EDITIONS).nullable(),
  /** Users or licences one unit of the plan gives (an edition priced per account: the users it includes); null: none. */
  includedUnits: z.int().nullable(),
  /** The most users or licences a subscription on this plan may hold; null: no limit. */
  maxUnits: z.int().nullable(),
  prices: z.array(ZPlanPrice),
  featureCount: z.int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPlan = z.infer<typeof ZPlan>;
export const ZPlanDetail = ZPlan.extend({ features: z.array(ZPlanFeature) });
export type TPlanDetail = z.infer<typeof ZPlanDetail>;

const planFields = {
  productId: z.uuid(),
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, m.plan_code_format.code),
  name: zText(120),
  description: zOptionalText(2000),
  tier: zInt(0, 100).optional(),
  isFree: z.boolean().optional(),
  trialDays: zInt(0, 365).optional(),
  edition: z.enum(EDITIONS).nullable().optional(),
  includedUnits: zInt(0, 1_000_000).nullable().optional(),
  maxUnits: zInt(1, 1_000_000).nullable().optional(),
};
const { productId: _productId, ...planBodyFields } = planFields;
/** The body of POST /products/:id/plans (the product is the path's). */
export const ZCreatePlanRequest = z.strictObject({
  ...planBodyFields,
  prices: z.array(ZPlanPrice).max(50).optional(),
  features: z.array(ZPlanFeatureInput).max(500).optional(),
});
export type TCreatePlan = z.infer<typeof ZCreatePlanRequest> & { productId: string };
export const ZUpdatePlanRequest = z.strictObject({
  ...planFields,
  productId: z.uuid().optional(),
  code: planFields.code.optional(),
  name: zText(120).optional(),
  /** false restores an archived plan. */
  archived: z.boolean().optional(),
});
export type TUpdatePlan = z.infer<typeof ZUpdatePlanRequest>;
export const ZSetPricesRequest = z.strictObject({ prices: z.array(ZPlanPrice).max(50) });
export const ZSetPlanFeaturesRequest = z.strictObject({ features: z.array(ZPlanFeatureInput).max(500) });

export const ZPlanListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  productId: zStringList(z.uuid()),
  kind: zStringList(zProductKind),
  status: zStatus,
  sort: z.enum(PLAN_SORTS).default('tier'),
});
export type TPlanListQuery = z.infer<typeof ZPlanListQuery>;
export const ZPlanPage = zPage(ZPlan);

/** What DELETE did: removed, or archived because something (a subscription) still refers to it. */
export const ZRemoved = z.object({ outcome: z.enum(['deleted', 'archived']) });

// ── Comparison ───────────────────────────────────────────────────────────────────────────────────────────
export const ZComparisonQuery = z.object({
  currency: zCurrency.default('EUR'),
  interval: z.coerce.number().pipe(zInterval).default(12),
  /** The plans of these products (default: every edition product). */
  productId: zStringList(z.uuid()),
  /** Exactly these plans (default: every active plan of the products). */
  planId: zStringList(z.uuid()),
});
export type TComparisonQuery = z.infer<typeof ZComparisonQuery>;
export const ZComparison = z.object({
  currency: z.string(),
  intervalMonths: z.int(),
  plans: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      productName: z.string(),
      tier: z.int(),
      isFree: z.boolean(),
      trialDays: z.int(),
      includedUnits: z.int().nullable(),
      maxUnits: z.int().nullable(),
      /** The list price for the interval in the currency; null when the plan has none. */
      price: z.number().nullable(),
      /** The same per month, for comparing intervals. */
      monthlyPrice: z.number().nullable(),
    }),
  ),
  groups: z.array(
    z.object({
      name: z.string().nullable(),
      features: z.array(
        z.object({
          id: z.uuid(),
          key: z.string(),
          name: z.string(),
          description: z.string().nullable(),
          /** One per plan, in the order of `plans`. */
          cells: z.array(
            z.object({
              planId: z.uuid(),
              included: z.boolean(),
              limitValue: z.number().nullable(),
              note: z.string().nullable(),
              isKey: z.boolean(),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type TComparison = z.infer<typeof ZComparison>;

/** A plan as other modules' services see it (PlanService.lookup, findByCode). */
export interface TPlanInfo {
  id: string;
  code: string;
  name: string;
  productId: string;
  productName: string;
  productKind: 'edition' | 'addon' | 'service';
  tier: number;
  isFree: boolean;
  trialDays: number;
  edition: string | null;
  includedUnits: number | null;
  maxUnits: number | null;
  archived: boolean;
}
