import { z } from 'zod';
import { ZPageQuery, zIsoDate, zOptionalText, zPage, zStringList, zText } from '../../platform/http/schemas.ts';

export const INTERVALS = [1, 3, 12, 24, 36] as const;
export const STATUSES = ['scheduled', 'trial', 'active', 'cancelling', 'ended'] as const;
export const CHANGE_KINDS = [
  'start',
  'upgrade',
  'downgrade',
  'plan_change',
  'add_on',
  'remove_line',
  'quantity',
  'price',
  'discount_added',
  'discount_removed',
  'terms',
  'cancel_request',
  'cancel_withdrawn',
  'end',
  'reactivation',
  'renewal',
] as const;
export const DISCOUNT_KINDS = ['lasting', 'once', 'until'] as const;
export type TChangeKind = (typeof CHANGE_KINDS)[number];

const zCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR');
const zInterval = z.union(INTERVALS.map((n) => z.literal(n))).describe('Months in the billing interval: 1, 3, 12, 24 or 36');
const zQuantity = z.number().positive().max(1_000_000);
const zPrice = z.number().min(0).max(100_000_000).describe('Per unit and billing interval, major units');
const zDate = zIsoDate.describe('A day, e.g. 2024-03-01');

export const ZDiscount = z.strictObject({
  percent: z.number().gt(0).max(100),
  kind: z.enum(DISCOUNT_KINDS).describe('lasting: until removed; once: one invoice, no MRR effect; until: to a date'),
  until: zDate.nullable().optional().describe('For "until": the last day it applies'),
});

export const ZLineInput = z.strictObject({
  planId: z.uuid().nullable().optional(),
  description: zOptionalText(200).describe('Defaults to the plan’s name'),
  quantity: zQuantity.default(1),
  unitPrice: zPrice.optional().describe('Defaults to the plan’s list price for the currency and interval'),
  discount: ZDiscount.nullable().optional(),
});
export type TLineInputBody = z.infer<typeof ZLineInput>;

const terms = {
  termEnd: zDate.nullable().optional().describe('Last day of the term'),
  autoRenew: z.boolean().optional(),
  trialEnd: zDate.nullable().optional().describe('Last day of the trial'),
};

export const ZCreateSubscription = z.strictObject({
  currency: zCurrency,
  intervalMonths: zInterval,
  termStart: zDate,
  noticeDays: z.int().min(0).max(730).optional(),
  lines: z.array(ZLineInput).min(1).max(50),
  comment: zOptionalText(2000),
  ...terms,
});
export type TCreateSubscription = z.infer<typeof ZCreateSubscription>;

const common = {
  effectiveDate: zDate.describe('The day the change takes effect (back-dated changes are allowed)'),
  comment: zOptionalText(2000),
};
export const ZChangeInput = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('change_plan'),
    lineKey: zText(20),
    planId: z.uuid(),
    unitPrice: zPrice.optional(),
    quantity: zQuantity.optional(),
    ...common,
  }),
  z.strictObject({ op: z.literal('add_line'), line: ZLineInput, ...common }),
  z.strictObject({ op: z.literal('remove_line'), lineKey: zText(20), ...common }),
  z.strictObject({ op: z.literal('quantity'), lineKey: zText(20), quantity: zQuantity, ...common }),
  z.strictObject({ op: z.literal('price'), lineKey: zText(20), unitPrice: zPrice, ...common }),
  z.strictObject({ op: z.literal('discount'), lineKey: zText(20), discount: ZDiscount, ...common }),
  z.strictObject({ op: z.literal('remove_discount'), lineKey: zText(20), ...common }),
  z.strictObject({ op: z.literal('terms'), noticeDays: z.int().min(0).max(730).optional(), ...terms, ...common }),
  z.strictObject({
    op: z.literal('cancel'),
    endsOn: zDate.optional().describe('Last day paid for; defaults to the end of the current term or billing period'),
    reasonId: z.uuid(),
    competitorId: z.uuid().nullable().optional(),
    ...common,
  }),
  z.strictObject({ op: z.literal('withdraw_cancel'), ...common }),
  z.strictObject({
    op: z.literal('end'),
    reasonId: z.uuid().nullable().optional(),
    competitorId: z.uuid().nullable().optional(),
    ...common,
  }),
  z.strictObject({ op: z.literal('reactivate'), lines: z.array(ZLineInput).min(1).max(50).optional(), ...terms, ...common }),
  z.strictObject({ op: z.literal('renew'), termEnd: zDate.nullable(), lines: z.array(ZLineInput).min(1).max(50).optional(), ...common }),
]);
export type TChangeInput = z.infer<typeof ZChangeInput>;

export const ZLine = z.object({
  lineKey: z.string(),
  planId: z.uuid().nullable(),
  planName: z.string().nullable(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: z.number(),
  discountPercent: z.number(),
  trial: z.boolean(),
  mrr: z.number().describe('Major units of the subscription’s currency'),
  validFrom: zIsoDate,
  validTo: zIsoDate.nullable(),
});

export const ZSubscription = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  reference: z.string(),
  currency: z.string(),
  intervalMonths: z.int(),
  termStart: zIsoDate,
  termEnd: zIsoDate.nullable(),
  autoRenew: z.boolean(),
  noticeDays: z.int(),
  trialEnd: zIsoDate.nullable(),
  status: z.enum(STATUSES),
  endsOn: zIsoDate.nullable(),
  mrr: z.number(),
  arr: z.number(),
  lines: z.array(ZLine),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSubscription = z.infer<typeof ZSubscription>;

export const ZChange = z.object({
  id: z.uuid(),
  subscriptionId: z.uuid(),
  subscriptionReference: z.string(),
  accountId: z.uuid(),
  accountName: z.string(),
  kind: z.enum(CHANGE_KINDS),
  effectiveDate: zIsoDate,
  payload: z.record(z.string(), z.unknown()),
  reasonId: z.uuid().nullable(),
  reasonLabel: z.string().nullable(),
  competitorId: z.uuid().nullable(),
  comment: z.string().nullable(),
  currency: z.string(),
  mrrBefore: z.number(),
  mrrAfter: z.number(),
  source: z.string(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});
export type TChange = z.infer<typeof ZChange>;

export const ZSubscriptionDetail = ZSubscription.extend({ changes: z.array(ZChange), versions: z.array(ZLine) });

export const SUBSCRIPTION_SORTS = ['reference', 'account', 'mrr', 'termEnd', 'status', 'createdAt'] as const;
export const ZSubscriptionListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Reference or account name contains'),
  accountId: z.uuid().optional(),
  status: zStringList(z.enum(STATUSES)).optional(),
  currency: zCurrency.optional(),
  planId: z.uuid().optional(),
  sort: z.enum(SUBSCRIPTION_SORTS).default('reference'),
});
export type TSubscriptionListQuery = z.infer<typeof ZSubscriptionListQuery>;
export const ZSubscriptionExportQuery = ZSubscriptionListQuery.omit({ page: true, pageSize: true });
export type TSubscriptionExportQuery = z.infer<typeof ZSubscriptionExportQuery>;
export const ZSubscriptionPage = zPage(ZSubscription);

export const CHANGE_SORTS = ['effectiveDate', 'account', 'kind', 'reason', 'mrrBefore', 'mrrAfter', 'mrrChange', 'reference'] as const;
export const ZChangeListQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Account name, subscription reference or comment contains'),
  sort: z.enum(CHANGE_SORTS).default('effectiveDate'),
  order: z.enum(['asc', 'desc']).default('desc'),
  accountId: z.uuid().optional(),
  kind: zStringList(z.enum(CHANGE_KINDS)).optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  reasonId: z.uuid().optional(),
  competitorId: z.uuid().optional(),
});
export type TChangeListQuery = z.infer<typeof ZChangeListQuery>;
export const ZChangeExportQuery = ZChangeListQuery.omit({ page: true, pageSize: true });
export type TChangeExportQuery = z.infer<typeof ZChangeExportQuery>;
export const ZChangePage = zPage(ZChange);

export const ZCancelReason = z.object({
  id: z.uuid(),
  label: z.string(),
  asksCompetitor: z.boolean(),
  sortOrder: z.int(),
  archived: z.boolean(),
});
export const ZCancelReasonInput = z.strictObject({
  label: zText(100),
  asksCompetitor: z.boolean().optional(),
  sortOrder: z.int().min(0).max(1000).optional(),
  archived: z.boolean().optional(),
});
