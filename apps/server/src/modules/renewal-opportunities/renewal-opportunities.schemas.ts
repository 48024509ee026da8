import { z } from 'zod';
import { ZPageQuery, zInt, zIsoDate, zOptionalText, zPage, zStringList } from '../../platform/http/schemas.ts';
import { renewalOpportunitiesMessages as m } from './renewal-opportunities.messages.ts';

export const OPEN_STAGES = ['upcoming', 'contacted', 'negotiating', 'quote_sent', 'quote_accepted'] as const;
export const CLOSED_STAGES = ['renewed', 'downgraded', 'churned'] as const;
export const RENEWAL_STAGES = [...OPEN_STAGES, ...CLOSED_STAGES] as const;
export type TRenewalStage = (typeof RENEWAL_STAGES)[number];
export const RENEWAL_CATEGORIES = ['renew', 'upsell', 'downgrade', 'churn_risk'] as const;
export const RISK_REASONS = ['health_red', 'health_yellow', 'cancel_requested', 'no_owner'] as const;
/** overdue: open past its renewal date; due_soon: open, 30 days or fewer to go; on_track: open; closed. */
export const RENEWAL_TIMING = ['overdue', 'due_soon', 'on_track', 'closed'] as const;
const zStage = z.enum(RENEWAL_STAGES);
const zCategory = z.enum(RENEWAL_CATEGORIES);
/** Cents, within PostgreSQL's integer range like every integer the API takes (up to 21,474,836.47 a renewal). */
const zCents = zInt(0);

export const ZRenewalOpportunity = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  subscriptionId: z.uuid(),
  subscriptionReference: z.string().nullable(),
  termNo: z.int(),
  currency: z.string(),
  termLastDay: z.string(),
  dueOn: z.string().describe('The renewal date: the day after the term’s last day'),
  daysLeft: z.int().describe('Days from today to the renewal date (negative when past)'),
  timing: z.enum(RENEWAL_TIMING),
  openedOn: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  stage: zStage,
  category: zCategory,
  targetCents: z.number().describe('The term’s ARR on its last day, cents of currency'),
  forecastCents: z.number(),
  likelihood: z.int().nullable().describe('0–100, from the account’s health score'),
  riskReasons: z.array(z.string()),
  closeReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  quoteStatus: z.string().nullable(),
  notes: z.string().nullable(),
  stageChangedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TRenewalOpportunity = z.infer<typeof ZRenewalOpportunity>;

/** Strict, like every request body: unknown fields are a 400 naming the field. */
export const ZUpdateRenewalOpportunityRequest = z.strictObject({
  stage: zStage.optional(),
  category: zCategory.optional(),
  forecastCents: zCents.optional(),
  ownerUserId: z.uuid().nullable().optional(),
  closeReason: zOptionalText(1000).describe('Why it closed; required to close as churned'),
  notes: zOptionalText(10_000),
});
export type TUpdateRenewalOpportunity = z.infer<typeof ZUpdateRenewalOpportunityRequest>;

export const ZRenewalOpportunityListQuery = ZPageQuery.extend({ order: z.enum(['asc', 'desc']).default('desc') });
export type TRenewalOpportunityListQuery = z.infer<typeof ZRenewalOpportunityListQuery>;
export const ZRenewalOpportunityPage = zPage(ZRenewalOpportunity);

/** The pipeline list: stages, status, timing, owners, category, renewal dates, search, sort, paging; the CSV takes the same. */
export const RENEWAL_OPPORTUNITY_SORTS = ['dueOn', 'account', 'owner', 'stage', 'targetCents', 'forecastCents', 'likelihood'] as const;
export const ZRenewalOpportunitiesQuery = ZPageQuery.extend({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  stage: zStringList(zStage),
  category: zStringList(zCategory),
  timing: z.enum(['overdue', 'due_soon', 'on_track']).optional(),
  ownerUserId: zStringList(z.uuid()),
  accountId: z.uuid().optional(),
  dueFrom: zIsoDate.optional().describe('Renewal date on or after'),
  dueTo: zIsoDate.optional().describe('Renewal date on or before'),
  q: z.string().max(200).optional(),
  sort: z.enum(RENEWAL_OPPORTUNITY_SORTS).default('dueOn'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TRenewalOpportunitiesQuery = z.infer<typeof ZRenewalOpportunitiesQuery>;
export const ZRenewalOpportunitiesExportQuery = ZRenewalOpportunitiesQuery.omit({ page: true, pageSize: true });
export type TRenewalOpportunitiesExportQuery = z.infer<typeof ZRenewalOpportunitiesExportQuery>;
export const ZRenewalOpportunitiesPage = zPage(ZRenewalOpportunity);

/** The board: per stage its count, target and forecast sums per currency, and its first renewals by renewal date. */
export const ZRenewalBoardQuery = ZRenewalOpportunitiesExportQuery.omit({ sort: true, order: true, stage: true, status: true }).extend({
  perStage: z.coerce.number().int().min(1).max(200).default(50),
  closedDays: z.coerce.number().int().min(0).max(3650).default(90).describe('Closed renewals of the last N days'),
});
export type TRenewalBoardQuery = z.infer<typeof ZRenewalBoardQuery>;
export const ZRenewalBoard = z.object({
  stages: z.array(
    z.object({
      stage: zStage,
      count: z.int(),
      totals: z.array(z.object({ currency: z.string(), targetCents: z.number(), forecastCents: z.number() })),
      items: z.array(ZRenewalOpportunity),
    }),
  ),
});

const zDays = z.int().min(0).max(730);
const ZLeadRule = z.strictObject({
  segment: z.string().trim().min(1).max(200).nullable().optional(),
  edition: z.string().trim().min(1).max(200).nullable().optional(),
  days: zDays,
});
export const ZRenewalSettings = z.object({
  leadDays: z.int(),
  leadDaysRules: z.array(z.object({ segment: z.string().nullable(), edition: z.string().nullable(), days: z.int() })),
  reminderOffsets: z.array(z.int()),
  overdueReminder: z.boolean(),
  customerEmails: z.boolean(),
  customerReminderOffsets: z.array(z.int()),
});
export type TRenewalSettings = z.infer<typeof ZRenewalSettings>;
export const ZUpdateRenewalSettingsRequest = z.strictObject({
  leadDays: zDays.optional().describe('Days before the renewal date an opportunity opens (default 90)'),
  leadDaysRules: z.array(ZLeadRule).max(50).optional().describe('Per segment and/or edition; the first that matches the account wins'),
  reminderOffsets: z
    .array(z.int().min(1).max(730))
    .max(10)
    .refine((xs) => new Set(xs).size === xs.length, { message: m.renewal_offsets_unique.code })
    .optional()
    .describe('Days before the renewal date the owner is reminded (default 120, 90, 60, 30, 7)'),
  overdueReminder: z.boolean().optional().describe('Remind once when the renewal date passed while still open'),
  customerEmails: z
    .boolean()
    .optional()
    .describe('E-mail the account’s billing and decision-maker contacts: reminders, and a confirmation when it renews (default off)'),
  customerReminderOffsets: z
    .array(z.int().min(1).max(730))
    .max(10)
    .refine((xs) => new Set(xs).size === xs.length, { message: m.renewal_offsets_unique.code })
    .optional()
    .describe('Days before the renewal date the customer’s contacts are reminded (default 60, 30)'),
});
export type TUpdateRenewalSettings = z.infer<typeof ZUpdateRenewalSettingsRequest>;

/** The customer e-mails' templates: per kind and language, with `{placeholders}` (RENEWAL_EMAIL_PLACEHOLDERS). */
export const RENEWAL_EMAIL_KINDS = ['reminder', 'confirmation'] as const;
export const RENEWAL_EMAIL_LANGUAGES = ['en', 'nl', 'da'] as const;
export const RENEWAL_EMAIL_PLACEHOLDERS = ['contactName', 'accountName', 'renewalDate', 'daysLeft', 'amount', 'organisationName'] as const;
export const ZRenewalEmailTemplate = z.object({
  kind: z.enum(RENEWAL_EMAIL_KINDS),
  language: z.enum(RENEWAL_EMAIL_LANGUAGES),
  subject: z.string(),
  body: z.string(),
  /** False: the built-in text. */
  custom: z.boolean(),
});
export type TRenewalEmailTemplate = z.infer<typeof ZRenewalEmailTemplate>;
export const ZRenewalEmailTemplates = z.object({ items: z.array(ZRenewalEmailTemplate), placeholders: z.array(z.string()) });
export const ZRenewalEmailTemplateKey = z.strictObject({ kind: z.enum(RENEWAL_EMAIL_KINDS), language: z.enum(RENEWAL_EMAIL_LANGUAGES) });
const zTemplateText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((t) => [...t.matchAll(/\{(\w+)\}/g)].every((x) => (RENEWAL_EMAIL_PLACEHOLDERS as readonly string[]).includes(x[1] ?? '')), {
      message: m.renewal_unknown_placeholder.code,
    });
export const ZPutRenewalEmailTemplateRequest = z.strictObject({
  kind: z.enum(RENEWAL_EMAIL_KINDS),
  language: z.enum(RENEWAL_EMAIL_LANGUAGES),
  subject: zTemplateText(300),
  body: zTemplateText(10_000),
});
export type TPutRenewalEmailTemplate = z.infer<typeof ZPutRenewalEmailTemplateRequest>;
export const ZPreviewRenewalEmailRequest = z.strictObject({
  kind: z.enum(RENEWAL_EMAIL_KINDS),
  language: z.enum(RENEWAL_EMAIL_LANGUAGES),
  subject: zTemplateText(300),
  body: zTemplateText(10_000),
});
export type TPreviewRenewalEmail = z.infer<typeof ZPreviewRenewalEmailRequest>;
export const ZRenewalEmailPreview = z.object({ subject: z.string(), text: z.string() });

/** For a quotes module: what became of the renewal's quote. */
export interface TQuoteOutcome {
  status: 'sent' | 'accepted' | 'declined';
  /** Closes the renewal when given. */
  outcome?: 'renewed' | 'downgraded' | 'churned';
  reason?: string | null;
}

export const ZDailyRunResult = z.object({
  opened: z.int(),
  refreshed: z.int(),
  closed: z.int(),
  reminders: z.int(),
  emails: z.int(),
  customerEmails: z.int(),
});
export type TDailyRunResult = z.infer<typeof ZDailyRunResult>;
