import { z } from 'zod';
import { ZPageQuery, zInt, zIsoDateTime, zPage, zStringList, zText } from '../../platform/http/schemas.ts';

export const INTERACTION_KINDS = ['note', 'call', 'email', 'meeting', 'chat', 'support_request'] as const;
export const zInteractionKind = z.enum(INTERACTION_KINDS);
/** Entries other modules write on the timeline (users cannot log these by hand). */
export const SYSTEM_ENTRY_KINDS = ['subscription', 'churn_signal', 'renewal', 'nurture', 'success_plan'] as const;
export const TIMELINE_KINDS = [...INTERACTION_KINDS, ...SYSTEM_ENTRY_KINDS] as const;
export const zTimelineKind = z.enum(TIMELINE_KINDS);

export const ZInteraction = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  kind: zTimelineKind,
  direction: z.enum(['inbound', 'outbound']).nullable(),
  subject: z.string(),
  body: z.string(),
  durationMinutes: z.int().nullable(),
  occurredAt: z.string(),
  authorUserId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  source: z.string(),
  data: z.record(z.string(), z.unknown()).nullable().describe('For entries of other modules: what the entry is about'),
  createdAt: z.string(),
});
export type TInteraction = z.infer<typeof ZInteraction>;

export const ZCreateInteractionRequest = z.strictObject({
  kind: zInteractionKind,
  subject: zText(300),
  /**
   * Kept as typed (no trim), except a leading U+FEFF (a byte order mark pasted along): the embedded database's
   * driver drops it when reading, so it is dropped on the way in and both databases give back the same text.
   */
  body: z
    .string()
    .overwrite((s) => s.replace(/^\uFEFF+/, ''))
    .max(20_000)
    .optional(),
  contactId: z.uuid().nullable().optional(),
  direction: z.enum(['inbound', 'outbound']).nullable().optional(),
  durationMinutes: zInt(0, 24 * 60)
    .nullable()
    .optional(),
  /** Defaults to now; may be in the past (logging a call after the fact) but not more than a day ahead. */
  occurredAt: zIsoDateTime.optional(),
});
export type TCreateInteraction = z.infer<typeof ZCreateInteractionRequest>;

export const ZTimelineQuery = ZPageQuery.extend({
  kind: zStringList(zTimelineKind),
  /** Words in the subject or the text; `%`, `_` and `\` typed into a search box are literal characters, not patterns. */
  q: z.string().trim().max(200).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TTimelineQuery = z.infer<typeof ZTimelineQuery>;
/** The timeline's filters and order, without paging (what an export takes). */
export type TTimelineFilter = Omit<TTimelineQuery, 'page' | 'pageSize'>;
export const ZTimelinePage = zPage(ZInteraction);
