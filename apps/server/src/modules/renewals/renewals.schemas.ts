import { z } from 'zod';
import { ZPageQuery, zPage } from '../../platform/http/schemas.ts';
import { renewalsMessages as m } from './renewals.messages.ts';

/** "2019-01": a calendar month. */
const zMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, m.renewals_month_format.code);

export const RENEWAL_PERIODS = ['month', 'quarter', 'year'] as const;
export const RENEWAL_OUTCOMES = ['renewed', 'churned', 'pending'] as const;

/** Which accounts the report covers: their owner (CSM), segment and market as they are today. */
const ZRenewalFilters = z.object({
  owner: z.uuid().optional().describe('The CSM owning the accounts'),
  segment: z.string().trim().min(1).max(40).optional(),
  market: z.string().trim().min(1).max(20).optional().describe('Market code, e.g. NL'),
});

export const ZRenewalReportQuery = ZRenewalFilters.extend({
  from: zMonth.optional().describe('First month, e.g. 2019-01; default: eleven months before `to`'),
  to: zMonth.optional().describe('Last month, e.g. 2019-12; default: this month'),
  by: z.enum(RENEWAL_PERIODS).default('month'),
});
export type TRenewalReportQuery = z.infer<typeof ZRenewalReportQuery>;

const zMoney = z.number().describe('Major units of the reporting currency');
const zRate = z.number().nullable().describe('A fraction (0.8 = 80%); null when nothing was due');

/** One period's figures (METRICS.md, "Renewal metrics"): the terms whose last day falls in it. */
export const ZRenewalPeriod = z.object({
  period: z.string().describe('2019-01, 2019-Q1 or 2019'),
  due: z.int(),
  dueArr: zMoney,
  renewed: z.int(),
  renewedArr: zMoney.describe('ARR of the terms that followed (net: upsell included)'),
  churned: z.int(),
  pending: z.int().describe('Not renewed yet, within the grace period'),
  downgraded: z.int(),
  upgraded: z.int(),
  renewalRateCount: zRate,
  renewalRateValueGross: zRate,
  renewalRateValueNet: zRate,
  eligibleChurnRate: zRate,
  revenueChurn: zRate,
  averageDealValue: zMoney.nullable(),
  winbackOffers: z.int().describe("Win-back offers sent for the period's churn-risk or churned renewals"),
  winbackWon: z.int().describe('Win-back offers the customer accepted'),
  winbackLost: z.int().describe('Win-back offers declined or expired unanswered'),
  winbackWonArr: zMoney.describe('ARR of the accepted win-back offers'),
});
export type TRenewalPeriod = z.infer<typeof ZRenewalPeriod>;

export const ZRenewalReport = z.object({
  currency: z.string(),
  graceDays: z.int(),
  periods: z.array(ZRenewalPeriod),
});
export type TRenewalReport = z.infer<typeof ZRenewalReport>;

/** The drill-down: the terms behind the figures of a range, by outcome. */
export const RENEWAL_TERM_SORTS = ['lastDay', 'account', 'dueArr', 'nextArr'] as const;
export const ZRenewalTermsQuery = ZPageQuery.extend({
  ...ZRenewalFilters.shape,
  from: zMonth.optional(),
  to: zMonth.optional(),
  outcome: z.enum([...RENEWAL_OUTCOMES, 'downgraded', 'upgraded']).optional(),
  sort: z.enum(RENEWAL_TERM_SORTS).default('lastDay'),
});
export type TRenewalTermsQuery = z.infer<typeof ZRenewalTermsQuery>;
export const ZRenewalTermsExportQuery = ZRenewalTermsQuery.omit({ page: true, pageSize: true });
export type TRenewalTermsExportQuery = z.infer<typeof ZRenewalTermsExportQuery>;

export const ZRenewalTerm = z.object({
  accountId: z.uuid(),
  accountName: z.string(),
  subscriptionId: z.uuid(),
  subscriptionReference: z.string(),
  termStart: z.string(),
  lastDay: z.string(),
  dueArr: zMoney,
  outcome: z.enum(RENEWAL_OUTCOMES),
  change: z.enum(['upgraded', 'downgraded', 'same']).nullable(),
  nextTermStart: z.string().nullable(),
  nextArr: zMoney.nullable(),
});
export type TRenewalTerm = z.infer<typeof ZRenewalTerm>;
export const ZRenewalTermsPage = zPage(ZRenewalTerm);
