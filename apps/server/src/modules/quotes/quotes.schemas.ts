import { z } from 'zod';
import { ZPageQuery, zInt, zIsoDate, zOptionalText, zPage, zStringList, zText } from '../../platform/http/schemas.ts';
import { APPROVAL_REASONS } from './quotes.money.ts';

export const QUOTE_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'sent', 'accepted', 'declined'] as const;
export type TQuoteStatus = (typeof QUOTE_STATUSES)[number];
export const QUOTE_KINDS = ['renewal', 'winback'] as const;
export const LINE_KINDS = ['renewal', 'upsell', 'cross_sell', 'custom'] as const;
export const QUOTE_LANGUAGES = ['en', 'nl', 'da'] as const;
export const QUOTE_OUTCOMES = ['renewed', 'upgraded', 'downgraded'] as const;

const zPercent = z.number().min(0).max(100);
const zCents = zInt(0, 2_000_000_000).describe('Minor units of the quote’s currency');

export const ZQuoteLineInput = z.strictObject({
  kind: z.enum(LINE_KINDS).default('custom'),
  planId: z.uuid().nullable().optional(),
  description: zText(200),
  quantity: zInt(1, 1_000_000),
  unitPriceCents: zCents.describe('Per unit and billing interval, minor units'),
  discountPercent: zPercent.default(0),
});
export type TQuoteLineInput = z.infer<typeof ZQuoteLineInput>;

export const ZQuoteLine = z.object({
  position: z.int(),
  kind: z.enum(LINE_KINDS),
  planId: z.uuid().nullable(),
  description: z.string(),
  quantity: z.int(),
  unitPriceCents: z.number(),
  listPriceCents: z.number().nullable(),
  discountPercent: z.number(),
  totalCents: z.number().describe('For the whole term, after the line discount'),
});

export const ZQuote = z.object({
  id: z.uuid(),
  number: z.int(),
  reference: z.string().describe('Q-0001'),
  kind: z.enum(QUOTE_KINDS),
  renewalId: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  subscriptionId: z.uuid(),
  subscriptionReference: z.string().nullable(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  templateId: z.uuid(),
  templateName: z.string(),
  language: z.enum(QUOTE_LANGUAGES),
  currency: z.string(),
  intervalMonths: z.int(),
  termStart: z.string(),
  termEnd: z.string(),
  validUntil: z.string(),
  upliftPercent: z.number(),
  incentivePercent: z.number(),
  incentiveUntil: z.string().nullable(),
  notes: z.string().nullable(),
  status: z.enum(QUOTE_STATUSES),
  approvalReasons: z.array(z.enum(APPROVAL_REASONS)).describe('Why a director must approve it (the rules as they stand now)'),
  needsApproval: z.boolean(),
  listTotalCents: z.number(),
  subtotalCents: z.number(),
  incentiveCents: z.number(),
  totalCents: z.number(),
  discountPercent: z.number(),
  decidedByName: z.string().nullable(),
  decisionComment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  sentTo: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptedName: z.string().nullable(),
  acceptedIp: z.string().nullable(),
  declinedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  outcome: z.enum(QUOTE_OUTCOMES).nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(ZQuoteLine),
});
export type TQuote = z.infer<typeof ZQuote>;
export const ZQuoteSummary = ZQuote.omit({ lines: true });
export type TQuoteSummary = z.infer<typeof ZQuoteSummary>;

export const ZCreateQuoteRequest = z.strictObject({
  kind: z.enum(QUOTE_KINDS).default('renewal').describe('winback: an offer to a churn-risk or churned renewal'),
  upliftPercent: z.number().min(-50).max(100).default(0).describe('Raises (or lowers) the renewal lines’ prices'),
  contactId: z.uuid().nullable().optional().describe('Defaults to the account’s decision maker, billing contact or champion'),
  templateId: z.uuid().optional().describe('Defaults to the organisation’s template in the contact’s language'),
  upsell: z.boolean().default(false).describe('Add the next edition up as an upsell line'),
  extraSeats: zInt(0, 100_000).default(0).describe('More seats on the main renewal line, as an upsell line'),
  crossSellPlanIds: z.array(z.uuid()).max(20).default([]).describe('Add-ons from the catalogue'),
  incentivePercent: zPercent.optional().describe('Early-renewal (or win-back) discount off the total'),
  incentiveUntil: zIsoDate.nullable().optional().describe('Last day the incentive holds'),
});
export type TCreateQuote = z.infer<typeof ZCreateQuoteRequest>;

export const ZUpdateQuoteRequest = z.strictObject({
  contactId: z.uuid().nullable().optional(),
  templateId: z.uuid().optional(),
  language: z.enum(QUOTE_LANGUAGES).optional(),
  termStart: zIsoDate.optional(),
  termEnd: zIsoDate.optional(),
  validUntil: zIsoDate.optional(),
  incentivePercent: zPercent.optional(),
  incentiveUntil: zIsoDate.nullable().optional(),
  notes: zOptionalText(5000),
  lines: z.array(ZQuoteLineInput).min(1).max(50).optional(),
});
export type TUpdateQuote = z.infer<typeof ZUpdateQuoteRequest>;

export const ZDecisionRequest = z.strictObject({ comment: zOptionalText(2000) });
export const ZRejectRequest = z.strictObject({ comment: zText(2000).describe('Why (the creator reads it)') });
export const ZSendRequest = z.strictObject({
  to: z.email().optional().describe('Defaults to the quote’s contact'),
  message: zOptionalText(2000),
});
export const ZSentQuote = z.object({ quote: ZQuote, link: z.string().describe('The customer’s link (also in the e-mail)') });

export const QUOTE_SORTS = ['createdAt', 'number', 'account', 'status', 'totalCents', 'validUntil'] as const;
export const ZQuotesQuery = ZPageQuery.extend({
  status: zStringList(z.enum(QUOTE_STATUSES)),
  kind: z.enum(QUOTE_KINDS).optional(),
  accountId: z.uuid().optional(),
  renewalId: z.uuid().optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(QUOTE_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TQuotesQuery = z.infer<typeof ZQuotesQuery>;
export const ZQuotesExportQuery = ZQuotesQuery.omit({ page: true, pageSize: true });
export type TQuotesExportQuery = z.infer<typeof ZQuotesExportQuery>;
export const ZQuotesPage = zPage(ZQuoteSummary);

export const ZQuoteSettings = z.object({
  maxDiscountPercent: z.number(),
  approveBelowList: z.boolean(),
  linkValidDays: z.int(),
});
export type TQuoteSettings = z.infer<typeof ZQuoteSettings>;
export const ZUpdateQuoteSettingsRequest = z.strictObject({
  maxDiscountPercent: zPercent.optional().describe('A total discount above this needs a director’s approval (default 10)'),
  approveBelowList: z.boolean().optional().describe('A line below its list price needs approval (default true)'),
  linkValidDays: zInt(1, 365).optional().describe('Days a customer link stays valid (default 30)'),
});
export type TUpdateQuoteSettings = z.infer<typeof ZUpdateQuoteSettingsRequest>;

const zColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1c7ed6');
const zLogo = z
  .string()
  .max(300_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'a PNG or JPEG data: URL');
export const ZQuoteTemplate = z.object({
  id: z.uuid(),
  name: z.string(),
  language: z.enum(QUOTE_LANGUAGES),
  isDefault: z.boolean(),
  companyName: z.string(),
  accentColor: z.string(),
  logoDataUrl: z.string().nullable(),
  introText: z.string(),
  termsText: z.string(),
  footerText: z.string(),
  updatedAt: z.string(),
});
export type TQuoteTemplate = z.infer<typeof ZQuoteTemplate>;
export const ZQuoteTemplateInput = z.strictObject({
  name: zText(120),
  language: z.enum(QUOTE_LANGUAGES),
  isDefault: z.boolean().default(false).describe('The template quotes in this language start from'),
  companyName: zText(200),
  accentColor: zColor.default('#1c7ed6'),
  logoDataUrl: zLogo.nullable().optional(),
  introText: zText(5000).describe('Placeholders: {account}, {contact}, {renewalDate}, {validUntil}'),
  termsText: zText(10_000),
  footerText: zOptionalText(1000),
});
export type TQuoteTemplateInput = z.infer<typeof ZQuoteTemplateInput>;
export const ZQuoteTemplateUpdate = ZQuoteTemplateInput.partial();
export type TQuoteTemplateUpdate = z.infer<typeof ZQuoteTemplateUpdate>;
export const ZQuoteTemplateList = z.object({ items: z.array(ZQuoteTemplate) });

/** What the customer sees through the link: no ids but the quote's own, nothing internal. */
export const ZPublicQuote = z.object({
  reference: z.string(),
  status: z.enum(['open', 'accepted', 'declined', 'expired']),
  language: z.enum(QUOTE_LANGUAGES),
  companyName: z.string(),
  accentColor: z.string(),
  logoDataUrl: z.string().nullable(),
  introText: z.string(),
  termsText: z.string(),
  footerText: z.string(),
  accountName: z.string(),
  contactName: z.string().nullable(),
  currency: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  validUntil: z.string(),
  incentivePercent: z.number(),
  incentiveUntil: z.string().nullable(),
  lines: z.array(ZQuoteLine.omit({ planId: true, listPriceCents: true, position: true })),
  subtotalCents: z.number(),
  incentiveCents: z.number(),
  totalCents: z.number(),
  acceptedAt: z.string().nullable(),
  acceptedName: z.string().nullable(),
  declinedAt: z.string().nullable(),
});
export type TPublicQuote = z.infer<typeof ZPublicQuote>;
/** Any string: what is not a valid link is a plain 404 from the service, never a validation message about the token. */
export const ZTokenParams = z.strictObject({ token: z.string().max(300) });
export const ZAcceptRequest = z.strictObject({ name: zText(200).describe('The signer types their full name') });
export const ZDeclineRequest = z.strictObject({ reason: zText(2000) });
