import { z } from 'zod';
import { ZPageQuery, zInt, zPage, zStringList, zText } from '../../platform/http/schemas.ts';

export const SUPPORT_STATUSES = ['new', 'open', 'waiting', 'solved', 'closed'] as const;
export const SUPPORT_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TSupportStatus = (typeof SUPPORT_STATUSES)[number];
export type TSupportPriority = (typeof SUPPORT_PRIORITIES)[number];
const zStatus = z.enum(SUPPORT_STATUSES);
const zPriority = z.enum(SUPPORT_PRIORITIES);

export const ZSupportSla = z.object({
  firstResponseDueAt: z.string(),
  resolutionDueAt: z.string(),
  firstResponseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
  breached: z.boolean().describe('Over either target'),
  nextDueAt: z.string().nullable().describe('The target still running; null once solved or closed'),
  minutesLeft: z.int().nullable().describe('Minutes to that target, negative when over it'),
});

export const ZSupportRequest = z.object({
  id: z.uuid(),
  number: z.int().describe('The organisation’s running number, shown as #1042'),
  subject: z.string(),
  status: zStatus,
  priority: zPriority,
  channel: z.enum(['email', 'manual']),
  accountId: z.uuid().nullable().describe('Null while unmatched'),
  accountName: z.string().nullable(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  requesterEmail: z.string().nullable(),
  requesterName: z.string().nullable(),
  assigneeUserId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  messageCount: z.int(),
  sla: ZSupportSla,
  firstRespondedAt: z.string().nullable(),
  solvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  lastMessageAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSupportRequest = z.infer<typeof ZSupportRequest>;

export const ZSupportMessage = z.object({
  id: z.uuid(),
  direction: z.enum(['inbound', 'outbound', 'note']),
  fromAddress: z.string().nullable(),
  fromName: z.string().nullable(),
  toAddress: z.string().nullable(),
  authorUserId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  /** Outbound: the outbox's delivery state (pending, sent, failed). */
  delivery: z.string().nullable(),
  createdAt: z.string(),
});
export type TSupportMessage = z.infer<typeof ZSupportMessage>;
export const ZSupportRequestDetail = ZSupportRequest.extend({ messages: z.array(ZSupportMessage) });

/** Strict, like every request body: unknown fields are a 400 naming the field. */
export const ZCreateSupportRequest = z.strictObject({
  accountId: z.uuid(),
  contactId: z.uuid().nullable().optional(),
  subject: zText(300),
  body: zText(50_000).describe('What the customer asked'),
  priority: zPriority.optional(),
  assigneeUserId: z.uuid().nullable().optional().describe('Who handles it; nobody when left out'),
});
export type TCreateSupportRequest = z.infer<typeof ZCreateSupportRequest>;

export const ZUpdateSupportRequest = z.strictObject({
  subject: zText(300).optional(),
  status: zStatus.optional(),
  priority: zPriority.optional(),
  assigneeUserId: z.uuid().nullable().optional().describe('Assign; null: nobody'),
  accountId: z.uuid().optional().describe('Assign an account (an unmatched request gets one)'),
  contactId: z.uuid().nullable().optional(),
});
export type TUpdateSupportRequest = z.infer<typeof ZUpdateSupportRequest>;

export const ZSupportReply = z.strictObject({
  body: zText(50_000),
  /** note: an internal note, not sent. */
  kind: z.enum(['reply', 'note']).default('reply'),
  status: zStatus.optional().describe('The status after a reply; waiting (on the customer) when left out'),
});
export type TSupportReply = z.infer<typeof ZSupportReply>;

/** The inbox: status, priority, assignee, account or unmatched, breached, search, sort, paging; the CSV export the same. */
export const SUPPORT_SORTS = [
  'due',
  'number',
  'priority',
  'subject',
  'account',
  'assignee',
  'status',
  'lastMessageAt',
  'createdAt',
] as const;
export const ZSupportQuery = ZPageQuery.extend({
  status: zStringList(z.enum([...SUPPORT_STATUSES, 'active'])).describe('active: new, open and waiting'),
  priority: zStringList(zPriority),
  assignee: z
    .union([z.literal('me'), z.literal('none'), z.uuid()])
    .optional()
    .describe('me, none, or a person'),
  accountId: z.uuid().optional(),
  unmatched: z.enum(['true', 'false']).optional().describe('true: only requests without an account'),
  breached: z.enum(['true', 'false']).optional().describe('true: over a target; false: within them'),
  q: z.string().max(200).optional(),
  sort: z.enum(SUPPORT_SORTS).default('due'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TSupportQuery = z.infer<typeof ZSupportQuery>;
export const ZSupportExportQuery = ZSupportQuery.omit({ page: true, pageSize: true });
export type TSupportExportQuery = z.infer<typeof ZSupportExportQuery>;
export const ZSupportPage = zPage(ZSupportRequest);

export const ZAccountSupportQuery = ZPageQuery.extend({
  status: z.enum(['active', 'all', ...SUPPORT_STATUSES]).default('all'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TAccountSupportQuery = z.infer<typeof ZAccountSupportQuery>;

const zMinutes = zInt(1, 365 * 24 * 60);
const zTarget = z.strictObject({ firstResponseMinutes: zMinutes, resolutionMinutes: zMinutes });
export const ZSupportSettings = z.object({
  targets: z.object({ low: zTarget, normal: zTarget, high: zTarget, urgent: zTarget }),
  /** The organisation's inbound address, when the receiver is configured (INBOUND_EMAIL_DOMAIN). */
  inboundAddress: z.string().nullable(),
  isDefault: z.boolean(),
});
export const ZUpdateSupportSettings = z.strictObject({
  targets: z.strictObject({ low: zTarget, normal: zTarget, high: zTarget, urgent: zTarget }),
});
export type TUpdateSupportSettings = z.infer<typeof ZUpdateSupportSettings>;
