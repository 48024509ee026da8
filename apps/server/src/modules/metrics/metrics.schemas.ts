import { z } from 'zod';
import { ZPageQuery, zIsoDate, zPage, zText } from '../../platform/http/schemas.ts';
import { metricMessages as m } from './metrics.messages.ts';

/** The organisation's metric conventions (METRICS.md): each default is the one stated there. */
export const ZMetricSettings = z.object({
  /** Discounts deducted from MRR (a discount added is contraction, expiring is expansion), or ignored. */
  discounts: z.enum(['deduct', 'ignore']).default('deduct'),
  /** A subscriber of a free plan (or a 100% discount) is a lead, or kept as an active customer. */
  freeCustomers: z.enum(['lead', 'active']).default('lead'),
  /** Churn recognised at the end of the paid period, or on the day of the cancel request. */
  churnRecognised: z.enum(['period_end', 'request']).default('period_end'),
  /** A churned customer paying again is a reactivation whatever the gap (null), or only within N days (else new). */
  reactivationWindowDays: z.int().min(1).max(3650).nullable().default(null),
  /** A customer who joins and churns in the same period: left out of the customer churn rate, or counted. */
  joinAndChurn: z.enum(['exclude', 'include']).default('exclude'),
  /** Days after a term's end within which a next term counts as its renewal (renewal metrics). */
  renewalGraceDays: z.int().min(0).max(365).default(30),
  /** Months of customer churn averaged for LTV and CLV (the current month excluded). */
  ltvChurnMonths: z.int().min(1).max(24).default(6),
});
export type TMetricSettingsStored = z.infer<typeof ZMetricSettings>;
/** The conventions with the organisation's reporting currency (organisations.reporting_currency). */
export type TMetricSettings = TMetricSettingsStored & { reportingCurrency: string };
export const ZMetricSettingsOut = ZMetricSettings.extend({ reportingCurrency: z.string() });
export const ZMetricSettingsPatch = z.strictObject({
  discounts: z.enum(['deduct', 'ignore']).optional(),
  freeCustomers: z.enum(['lead', 'active']).optional(),
  churnRecognised: z.enum(['period_end', 'request']).optional(),
  reactivationWindowDays: z.int().min(1).max(3650).nullable().optional(),
  joinAndChurn: z.enum(['exclude', 'include']).optional(),
  renewalGraceDays: z.int().min(0).max(365).optional(),
  ltvChurnMonths: z.int().min(1).max(24).optional(),
});

export const GRANULARITIES = ['day', 'month', 'quarter', 'year'] as const;
export const GROUP_BYS = ['market', 'edition', 'plan', 'owner', 'segment'] as const;
export const MOVEMENTS = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
export type TGranularity = (typeof GRANULARITIES)[number];
export type TMovement = (typeof MOVEMENTS)[number];

/** "2019-01" (a month: its first or last day as the range needs), or a day "2019-01-15". */
const zMonthOrDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, m.metrics_month_or_day.code);

/** Which accounts a figure covers: their current market, edition, primary plan, owner, segment, tag or custom field. */
export const ZMetricFilters = z.object({
  market: z.string().trim().min(1).max(20).optional().describe('Market code, e.g. NL'),
  edition: z.string().trim().min(1).max(40).optional(),
  plan: z.string().trim().min(1).max(60).optional().describe('Plan code: accounts whose primary plan it is'),
  owner: z.uuid().optional().describe('The CSM owning the accounts'),
  segment: z.string().trim().min(1).max(40).optional(),
  tag: z.string().trim().min(1).max(50).optional(),
  field: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,59}:.{1,200}$/, m.metrics_key_value.code)
    .optional()
    .describe('A custom field as key:value'),
});
export type TMetricFilters = z.infer<typeof ZMetricFilters>;

export const ZSeriesQuery = ZMetricFilters.extend({
  from: zMonthOrDay.optional().describe('Default: eleven months before `to`'),
  to: zMonthOrDay.optional().describe('Default: this month'),
  by: z.enum(GRANULARITIES).default('month'),
  groupBy: z.enum(GROUP_BYS).optional().describe('Also return one series per value of this account attribute'),
});
export type TSeriesQuery = z.infer<typeof ZSeriesQuery>;

const zMoney = z.number().describe('Major units of the reporting currency');
const zRate = z.number().nullable().describe('A fraction (0.05 = 5%); null when the denominator is 0');

export const ZPeriodMetrics = z.object({
  period: z.string().describe('2019-01 (month), 2019-Q1, 2019, or a day'),
  from: zIsoDate,
  to: zIsoDate,
  mrr: zMoney,
  arr: zMoney,
  customers: z.int(),
  startMrr: zMoney,
  startCustomers: z.int(),
  new: zMoney,
  expansion: zMoney,
  contraction: zMoney,
  churn: zMoney,
  reactivation: zMoney,
  newCustomers: z.int(),
  expandedCustomers: z.int(),
  contractedCustomers: z.int(),
  churnedCustomers: z.int(),
  reactivatedCustomers: z.int(),
  customerChurnRate: zRate,
  grossMrrChurnRate: zRate,
  netMrrChurnRate: zRate,
  nrr: zRate,
  grr: zRate,
  quickRatio: z.number().nullable(),
  arpa: z.number().nullable(),
  ltv: z.number().nullable(),
  clv: z.number().nullable(),
  grossMarginPct: zRate,
  recurringRevenue: zMoney,
  costOfService: zMoney,
  newAcv: zMoney,
  trialsStarted: z.int(),
  trialConversions: z.int(),
});
export type TPeriodMetrics = z.infer<typeof ZPeriodMetrics>;

export const ZSeries = z.object({
  currency: z.string(),
  by: z.enum(GRANULARITIES),
  periods: z.array(ZPeriodMetrics),
  groups: z
    .array(z.object({ key: z.string().nullable(), label: z.string(), periods: z.array(ZPeriodMetrics) }))
    .optional()
    .describe('With groupBy: one series per value (accounts without a value under key null)'),
  /** Currencies that had no exchange rate for some month (converted at the nearest month's rate, or 1). */
  missingRates: z.array(z.string()),
});
export type TSeries = z.infer<typeof ZSeries>;

export const ZMovementsQuery = ZMetricFilters.extend({
  from: zMonthOrDay.optional().describe('Default: the first day of this month'),
  to: zMonthOrDay.optional().describe('Default: today'),
  type: z.enum(MOVEMENTS).optional(),
}).merge(ZPageQuery);
export const ZMovementRow = z.object({
  accountId: z.uuid(),
  accountName: z.string(),
  type: z.enum(MOVEMENTS),
  mrrBefore: zMoney,
  mrrAfter: zMoney,
  amount: zMoney.describe('Signed MRR change'),
  firstChangeOn: zIsoDate,
});
export const ZMovementsPage = zPage(ZMovementRow);

export const ZRate = z.object({ currency: z.string(), month: zIsoDate, rate: z.number() });
export const ZRatesPut = z.strictObject({
  rates: z
    .array(
      z.strictObject({
        currency: z.string().regex(/^[A-Z]{3}$/, m.metrics_currency_code.code),
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, m.metrics_month.code),
        rate: z.number().positive().max(1_000_000),
      }),
    )
    .min(1)
    .max(5000),
});
export const ZCost = z.object({ month: z.string(), amount: zMoney, note: z.string().nullable() });
export const ZCostsPut = z.strictObject({
  costs: z
    .array(
      z.strictObject({
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, m.metrics_month.code),
        amount: z.number().min(0).max(1e12),
        note: zText(200).nullable().optional(),
      }),
    )
    .min(1)
    .max(600),
});

export const ZChurnReasonsQuery = z.strictObject({ from: zMonthOrDay.optional(), to: zMonthOrDay.optional() });
export const ZChurnReasons = z.object({
  currency: z.string(),
  from: zIsoDate,
  to: zIsoDate,
  reasons: z.array(
    z.object({
      reasonId: z.uuid().nullable(),
      reasonLabel: z.string().nullable(),
      competitorId: z.uuid().nullable(),
      competitorName: z.string().nullable().describe('For "lost to a competitor": which one'),
      accounts: z.int(),
      cancellations: z.int(),
      mrr: zMoney.describe('MRR given up (at the request), reporting currency'),
    }),
  ),
});
