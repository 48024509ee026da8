import { z } from 'zod';
import { ZPageQuery } from '../../platform/http/schemas.ts';

export const OUTBOX_SORTS = ['createdAt', 'sentAt', 'to', 'subject', 'status', 'attempts'] as const;
export const JOB_SORTS = ['createdAt', 'runAt', 'finishedAt', 'name', 'status', 'attempts'] as const;
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type TOutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  time: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean(), version: z.string().nullable() }),
  mail: z.object({ smtpConfigured: z.boolean() }),
});
export type THealth = z.infer<typeof ZHealth>;

export const ZOutboxEmail = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z
    .string()
    .describe(
      "The body; sign-in links (password reset, invitation) and customer links (a quote's, an unsubscribe link) are shown with their token masked",
    ),
  html: z.string().nullable(),
  template: z.string(),
  attachments: z.array(z.string()).describe('Names of the files it carries; rendered by their module when it is delivered'),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable().describe('When a pending e-mail is tried (again); null once sent or failed'),
});
export type TOutboxEmail = z.infer<typeof ZOutboxEmail>;

export const ZJob = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(JOB_STATUSES),
  attempts: z.int(),
  progress: z.unknown(),
  result: z.unknown(),
  lastError: z.string().nullable(),
  runAt: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  emailId: z
    .uuid()
    .nullable()
    .describe("The outbox e-mail an e-mail delivery job is for; its status, attempts and error are that e-mail's"),
});
export type TJob = z.infer<typeof ZJob>;

export const ZOutboxQuery = ZPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  sort: z.enum(OUTBOX_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const ZOutboxExportQuery = ZOutboxQuery.omit({ page: true, pageSize: true });
export type TOutboxQuery = z.infer<typeof ZOutboxExportQuery>;
export type TOutboxPageQuery = z.infer<typeof ZOutboxQuery>;

export const ZJobsQuery = ZPageQuery.extend({
  status: z.enum(JOB_STATUSES).optional(),
  /** Exact job name. */
  name: z.string().max(100).optional(),
  /** Part of the job name. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(JOB_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const ZJobsExportQuery = ZJobsQuery.omit({ page: true, pageSize: true });
export type TJobsQuery = z.infer<typeof ZJobsExportQuery>;
export type TJobsPageQuery = z.infer<typeof ZJobsQuery>;
