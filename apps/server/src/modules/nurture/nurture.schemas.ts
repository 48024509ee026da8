import { z } from 'zod';
import { ZPageQuery, zInt, zPage, zStringList, zText } from '../../platform/http/schemas.ts';
import { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../accounts/index.ts';
import { CONTACT_ROLES } from '../contacts/index.ts';

export const PROGRAMME_STATUSES = ['draft', 'running', 'paused', 'ended'] as const;
export const NURTURE_WINDOWS = ['minute', 'hour'] as const;
/** The placeholders a subject or body may use. */
export const NURTURE_PLACEHOLDERS = ['firstName', 'lastName', 'accountName', 'organisationName'] as const;

const zLocalised = (max: number) => z.strictObject({ en: zText(max), nl: zText(max), da: zText(max) });

export const ZNurtureAudience = z.strictObject({
  segment: z.enum(SEGMENTS).nullable().default(null),
  edition: z.enum(EDITIONS).nullable().default(null),
  marketId: z.uuid().nullable().default(null),
  lifecycleStage: z.enum(LIFECYCLE_STAGES).nullable().default(null),
  contactRole: z.enum(CONTACT_ROLES).nullable().default(null),
});

export const ZNurtureStepInput = z.strictObject({
  /** An existing step's id keeps its sends; a step without one is new. */
  id: z.uuid().optional(),
  weekOffset: zInt(0, 520).describe('Weeks after the contact’s enrolment'),
  subject: zLocalised(200),
  body: zLocalised(10_000),
});

export const ZNurtureProgrammeInput = z.strictObject({
  name: zText(120),
  audience: ZNurtureAudience,
  steps: z.array(ZNurtureStepInput).min(1).max(20),
});
export type TNurtureProgrammeInput = z.infer<typeof ZNurtureProgrammeInput>;

export const ZUpdateNurtureProgramme = ZNurtureProgrammeInput.partial().extend({
  status: z.enum(PROGRAMME_STATUSES).optional(),
});
export type TUpdateNurtureProgramme = z.infer<typeof ZUpdateNurtureProgramme>;

const ZLocalisedOut = z.object({ en: z.string(), nl: z.string(), da: z.string() });
export const ZNurtureStep = z.object({ id: z.uuid(), weekOffset: z.int(), subject: ZLocalisedOut, body: ZLocalisedOut });

export const ZNurtureFigures = z.object({ enrolled: z.int(), sent: z.int(), unsubscribed: z.int(), failed: z.int() });

export const ZNurtureProgramme = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(PROGRAMME_STATUSES),
  audience: z.object({
    segment: z.string().nullable(),
    edition: z.string().nullable(),
    marketId: z.uuid().nullable(),
    marketName: z.string().nullable(),
    lifecycleStage: z.string().nullable(),
    contactRole: z.string().nullable(),
  }),
  steps: z.array(ZNurtureStep),
  isDefault: z.boolean(),
  startedAt: z.string().nullable(),
  figures: ZNurtureFigures,
  /** Per step: how many contacts were sent it. */
  sentByStep: z.array(z.object({ stepId: z.uuid(), sent: z.int() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TNurtureProgramme = z.infer<typeof ZNurtureProgramme>;
export const ZNurtureProgrammeList = z.object({ items: z.array(ZNurtureProgramme) });

export const CONTACT_PROGRESS_STATES = ['active', 'completed', 'unsubscribed', 'failed'] as const;
export const CONTACT_PROGRESS_SORTS = ['name', 'accountName', 'enrolledAt', 'stepsSent', 'nextDueAt'] as const;

export const ZNurtureContactsQuery = ZPageQuery.extend({
  q: z.string().max(200).optional().describe('Words of the contact’s or account’s name'),
  state: zStringList(z.enum(CONTACT_PROGRESS_STATES)),
  sort: z.enum(CONTACT_PROGRESS_SORTS).default('enrolledAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TNurtureContactsQuery = z.infer<typeof ZNurtureContactsQuery>;
export const ZNurtureContactsExportQuery = ZNurtureContactsQuery.omit({ page: true, pageSize: true });
export type TNurtureContactsExportQuery = z.infer<typeof ZNurtureContactsExportQuery>;

export const ZNurtureContactProgress = z.object({
  contactId: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  language: z.string(),
  accountId: z.uuid(),
  accountName: z.string(),
  enrolledAt: z.string(),
  state: z.enum(CONTACT_PROGRESS_STATES),
  stepsSent: z.int(),
  stepsTotal: z.int(),
  lastSentAt: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  unsubscribedAt: z.string().nullable(),
  /** Each step sent: when, and what the outbox knows of its delivery (pending, sent, failed). */
  sends: z.array(z.object({ stepId: z.uuid(), sentAt: z.string(), delivery: z.string() })),
});
export type TNurtureContactProgress = z.infer<typeof ZNurtureContactProgress>;
export const ZNurtureContactsPage = zPage(ZNurtureContactProgress);

/** A contact's nurture standing, for the contact page. */
export const ZContactNurture = z.object({
  unsubscribedAt: z.string().nullable(),
  programmes: z.array(
    z.object({ programmeId: z.uuid(), name: z.string(), enrolledAt: z.string(), stepsSent: z.int(), stepsTotal: z.int() }),
  ),
});

export const ZNurtureSettings = z.object({ maxPerWindow: z.int(), window: z.enum(NURTURE_WINDOWS) });
export const ZUpdateNurtureSettings = z.strictObject({ maxPerWindow: zInt(1, 100_000), window: z.enum(NURTURE_WINDOWS) });
export type TNurtureSettings = z.infer<typeof ZNurtureSettings>;

export const ZNurturePreviewRequest = z.strictObject({
  language: z.enum(['en', 'nl', 'da']),
  subject: z.string().max(200),
  body: z.string().max(10_000),
  contactId: z.uuid().optional(),
});
export const ZNurturePreview = z.object({ subject: z.string(), text: z.string() });

export const ZProgrammeIdParams = z.strictObject({ id: z.uuid() });
export const ZContactIdParams = z.strictObject({ id: z.uuid() });
export const ZUnsubscribeParams = z.strictObject({ token: z.string().max(300) });
