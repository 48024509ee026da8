import { z } from 'zod';
import { ZPageQuery, zInt, zIsoDate, zOptionalText, zPage, zStringList, zText } from '../../platform/http/schemas.ts';

/**
 * The kinds of churn signal. The product raises all but `manual` itself: downgrade and cancel_request from the
 * subscriptions, champion_left from the contacts; usage_drop, no_login, health_red and detractor come from the
 * modules that measure them (they call `services.churnSignals.raise`). `manual` is a CSM's own worry.
 */
export const SIGNAL_KINDS = [
  'downgrade',
  'cancel_request',
  'champion_left',
  'usage_drop',
  'no_login',
  'health_red',
  'detractor',
  'manual',
] as const;
export type TSignalKind = (typeof SIGNAL_KINDS)[number];
export const zSignalKind = z.enum(SIGNAL_KINDS);

export const ZChurnSignal = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  kind: zSignalKind,
  occurredAt: z.string(),
  details: z.record(z.string(), z.unknown()).describe('What the kind says about it: dates, MRR in cents, a contact’s name'),
  note: z.string().nullable(),
  createdByUserId: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  acknowledgeNote: z.string().nullable(),
  createdAt: z.string(),
});
export type TChurnSignal = z.infer<typeof ZChurnSignal>;

/** A CSM raising a signal by hand: the worry, in words. Strict, like every request body. */
export const ZCreateChurnSignalRequest = z.strictObject({ note: zText(2000) });
export type TCreateChurnSignal = z.infer<typeof ZCreateChurnSignalRequest>;

export const ZAcknowledgeChurnSignalRequest = z.strictObject({ note: zOptionalText(2000) });
export type TAcknowledgeChurnSignal = z.infer<typeof ZAcknowledgeChurnSignalRequest>;

export const ZChurnSignalListQuery = ZPageQuery.extend({ order: z.enum(['asc', 'desc']).default('desc') });
export type TChurnSignalListQuery = z.infer<typeof ZChurnSignalListQuery>;
export const ZChurnSignalPage = zPage(ZChurnSignal);

/** A row of the organisation-wide list: the signal with its account's name and owner. */
export const ZChurnSignalListItem = ZChurnSignal.extend({ accountName: z.string(), ownerName: z.string().nullable() });
export type TChurnSignalListItem = z.infer<typeof ZChurnSignalListItem>;

/** The organisation-wide list: kinds, open or acknowledged, an account, an owner, a date range, search, sort, paging. */
export const CHURN_SIGNAL_SORTS = ['occurredAt', 'account', 'kind'] as const;
export const ZChurnSignalsQuery = ZPageQuery.extend({
  q: z.string().max(200).optional().describe('Words in the account’s name or the notes'),
  kind: zStringList(zSignalKind).describe('One or more kinds (`kind=a&kind=b` or `kind=a,b`)'),
  status: z.enum(['open', 'acknowledged']).optional(),
  accountId: z.uuid().optional(),
  ownerUserId: z.uuid().optional(),
  from: zIsoDate.optional().describe('First day (occurred on or after)'),
  to: zIsoDate.optional().describe('Last day (occurred on or before)'),
  sort: z.enum(CHURN_SIGNAL_SORTS).default('occurredAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TChurnSignalsQuery = z.infer<typeof ZChurnSignalsQuery>;
export const ZChurnSignalsExportQuery = ZChurnSignalsQuery.omit({ page: true, pageSize: true });
export type TChurnSignalsExportQuery = z.infer<typeof ZChurnSignalsExportQuery>;
export const ZChurnSignalsPage = zPage(ZChurnSignalListItem);

/** Raising a signal (other modules, in their own transaction): once per `sourceRef`. */
export interface TRaiseSignal {
  accountId: string;
  kind: TSignalKind;
  occurredAt: Date;
  details?: Record<string, unknown>;
  sourceRef: string;
  note?: string | null;
  createdByUserId?: string | null;
}

/** The thresholds of the usage signals (churn-signals.usage.ts): an admin setting per organisation. */
export const ZChurnSignalSettings = z.object({
  usageDropPct: z.int().describe('usage_drop: events down at least this % on the window before'),
  usageWindowDays: z.int().describe('The window compared with the one before it: 14 or 30 days'),
  noLoginDays: z.int().describe('no_login: no activity for at least this many days'),
});
export type TChurnSignalSettings = z.infer<typeof ZChurnSignalSettings>;
export const ZUpdateChurnSignalSettingsRequest = z.strictObject({
  usageDropPct: zInt(10, 95),
  usageWindowDays: z.union([z.literal(14), z.literal(30)]),
  noLoginDays: zInt(7, 365),
});
