import { z } from 'zod';
import { ZPageQuery, zIsoDate, zStringList, zText } from '../../platform/http/schemas.ts';
import { JOURNEY_EFFORTS } from './journeys.templates.schemas.ts';

export const JOURNEY_CAUSES = ['manual', 'subscription_start', 'renewal', 'account_created', 'playbook'] as const;
export const JOURNEY_STATUSES = ['active', 'completed', 'replaced', 'stopped'] as const;
export const MILESTONE_STATUSES = ['upcoming', 'on_track', 'late', 'done'] as const;
export const LOG_KINDS = ['challenge', 'issue'] as const;
export const LOG_STATES = ['open', 'resolved'] as const;
export type TJourneyCause = (typeof JOURNEY_CAUSES)[number];
const zDay = zIsoDate.describe('A day, e.g. 2026-12-07');

export const ZJourneyLogEntry = z.object({
  id: z.uuid(),
  kind: z.enum(LOG_KINDS).describe('challenge: the customer’s; issue: ours'),
  body: z.string(),
  ownerUserId: z.uuid(),
  ownerName: z.string(),
  state: z.enum(LOG_STATES),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const ZChecklistItem = z.object({
  id: z.uuid(),
  label: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
});

export const ZJourneyMilestone = z.object({
  id: z.uuid(),
  position: z.int(),
  key: z.string(),
  name: z.string(),
  startsOn: z.string(),
  dueOn: z.string(),
  successCriteria: z.string().nullable(),
  responsibleRole: z.string().nullable(),
  effort: z.enum(JOURNEY_EFFORTS),
  status: z.enum(MILESTONE_STATUSES),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
  checklist: z.array(ZChecklistItem),
  logs: z.array(ZJourneyLogEntry),
});

export const ZJourney = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  templateId: z.uuid(),
  templateVersion: z.int(),
  name: z.string(),
  cause: z.enum(JOURNEY_CAUSES),
  startedOn: z.string(),
  status: z.enum(JOURNEY_STATUSES),
  endedAt: z.string().nullable(),
  milestones: z.array(ZJourneyMilestone),
});
export type TJourney = z.infer<typeof ZJourney>;

/** An account's journey now (or none) and the ones before it. */
export const ZAccountJourneys = z.object({
  current: ZJourney.nullable(),
  past: z.array(ZJourney.pick({ id: true, name: true, templateVersion: true, cause: true, startedOn: true, status: true, endedAt: true })),
});

export const ZStartJourneyRequest = z.strictObject({
  templateId: z.uuid().optional().describe('The default journey when left out'),
  startedOn: zDay.optional().describe('Today when left out'),
});
export type TStartJourney = z.infer<typeof ZStartJourneyRequest>;

/** Stop a running journey (the account then has none until one starts). */
export const ZUpdateJourneyRequest = z.strictObject({ status: z.literal('stopped').optional().describe('stopped ends a running journey') });
export const ZUpdateMilestoneRequest = z.strictObject({ done: z.boolean().optional().describe('Complete it, or open it again') });
export const ZUpdateChecklistItemRequest = z.strictObject({ done: z.boolean().optional().describe('Tick it, or untick it') });
export const ZCreateLogEntryRequest = z.strictObject({
  kind: z.enum(LOG_KINDS),
  body: zText(2_000),
  ownerUserId: z.uuid().optional().describe('Who follows it up; yourself when left out'),
});
export type TCreateLogEntry = z.infer<typeof ZCreateLogEntryRequest>;
export const ZUpdateLogEntryRequest = z.strictObject({
  state: z.enum(LOG_STATES).optional(),
  ownerUserId: z.uuid().optional(),
  body: zText(2_000).optional(),
});
export type TUpdateLogEntry = z.infer<typeof ZUpdateLogEntryRequest>;

/** A row of the portfolio: an account's journey by its current milestone and lateness. */
export const ZJourneyPortfolioItem = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  ownerName: z.string().nullable(),
  name: z.string(),
  templateVersion: z.int(),
  status: z.enum(JOURNEY_STATUSES),
  startedOn: z.string(),
  currentMilestone: z.string().nullable(),
  currentMilestoneKey: z.string().nullable(),
  currentDueOn: z.string().nullable(),
  /** late when a milestone is open past its due day; done when every milestone is. */
  lateness: z.enum(['on_track', 'late', 'done']),
  lateMilestones: z.int(),
  daysLate: z.int(),
  checklistDone: z.int(),
  checklistTotal: z.int(),
  openChallenges: z.int(),
  openIssues: z.int(),
});
export type TJourneyPortfolioItem = z.infer<typeof ZJourneyPortfolioItem>;

export const JOURNEY_SORTS = ['account', 'milestone', 'dueOn', 'daysLate', 'startedOn', 'progress'] as const;
export const ZJourneysQuery = ZPageQuery.extend({
  q: z.string().max(200).optional().describe('Words of the account’s name'),
  status: z.enum([...JOURNEY_STATUSES, 'all']).default('active'),
  lateness: z.enum(['on_track', 'late', 'done']).optional(),
  milestone: zStringList(z.string().max(40)).describe('The current milestone’s key'),
  templateId: z.uuid().optional(),
  ownerUserId: zStringList(z.uuid()).describe('The accounts’ owners'),
  sort: z.enum(JOURNEY_SORTS).default('daysLate'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TJourneysQuery = z.infer<typeof ZJourneysQuery>;
export const ZJourneysExportQuery = ZJourneysQuery.omit({ page: true, pageSize: true });
export type TJourneysExportQuery = z.infer<typeof ZJourneysExportQuery>;
export const ZJourneysPage = z.object({
  items: z.array(ZJourneyPortfolioItem),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
  /** Over the filtered journeys: how many are late and on track. */
  summary: z.object({ late: z.int(), onTrack: z.int(), done: z.int() }),
});
