import { z } from 'zod';
import { ROLES } from '../../platform/access/permissions.ts';
import { ZPageQuery, zInt, zOptionalText, zPage, zText } from '../../platform/http/schemas.ts';

export const JOURNEY_TRIGGERS = ['subscription_start', 'renewal', 'account_created'] as const;
export const JOURNEY_EFFORTS = ['low', 'medium', 'high'] as const;
export type TJourneyTrigger = (typeof JOURNEY_TRIGGERS)[number];

/** A milestone as an admin defines it: due in a week counted from the journey's start. */
export const ZMilestoneDefinition = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional()
    .describe('A stable name for playbooks (technical_setup); made from the name when left out'),
  name: zText(100),
  week: zInt(1, 104).describe('The week it is due, from the journey’s start (week 1 is the first week)'),
  durationWeeks: zInt(1, 104).optional().describe('How many weeks it runs up to its due week; 1 when left out'),
  checklist: z.array(zText(200)).max(30).describe('The outcomes that complete it'),
  successCriteria: zOptionalText(2_000),
  responsibleRole: z.enum(ROLES).nullable().optional(),
  effort: z.enum(JOURNEY_EFFORTS).describe('The level of effort it takes: low, medium or high'),
});
export type TMilestoneDefinition = z.infer<typeof ZMilestoneDefinition>;

/** Create a template, or publish a new version of one (running journeys keep the version they started with). */
export const ZSaveJourneyTemplateRequest = z.strictObject({
  name: zText(100),
  description: zOptionalText(2_000),
  triggers: z.array(z.enum(JOURNEY_TRIGGERS)).max(3).describe('What starts it by itself, besides a start by hand'),
  milestones: z.array(ZMilestoneDefinition).min(1).max(30),
});
export type TSaveJourneyTemplate = z.infer<typeof ZSaveJourneyTemplateRequest>;

export const ZMilestone = z.object({
  key: z.string(),
  name: z.string(),
  week: z.int(),
  durationWeeks: z.int(),
  checklist: z.array(z.string()),
  successCriteria: z.string().nullable(),
  responsibleRole: z.string().nullable(),
  effort: z.enum(JOURNEY_EFFORTS),
});

export const ZJourneyTemplate = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  isDefault: z.boolean(),
  triggers: z.array(z.enum(JOURNEY_TRIGGERS)),
  /** The version shown (the current one unless asked for another). */
  version: z.int(),
  currentVersion: z.int(),
  milestones: z.array(ZMilestone),
  /** Accounts running it now (any version). */
  activeJourneys: z.int(),
  versionCreatedAt: z.string(),
  versionCreatedByName: z.string().nullable(),
  updatedAt: z.string(),
  /** When it was archived: it starts no new journeys; those running keep going. */
  archivedAt: z.string().nullable(),
});
export type TJourneyTemplate = z.infer<typeof ZJourneyTemplate>;

export const ZJourneyTemplateSummary = ZJourneyTemplate.omit({
  milestones: true,
  versionCreatedAt: true,
  versionCreatedByName: true,
}).extend({ milestoneCount: z.int(), weeks: z.int() });
export type TJourneyTemplateSummary = z.infer<typeof ZJourneyTemplateSummary>;
export const ZJourneyTemplateList = zPage(ZJourneyTemplateSummary);

export const JOURNEY_TEMPLATE_SORTS = ['name', 'version', 'milestones', 'weeks', 'activeJourneys', 'updatedAt'] as const;
/** The list: the templates in use (default) or the archived ones, with words, a trigger, sort and paging. */
export const ZJourneyTemplateListQuery = ZPageQuery.extend({
  q: z.string().max(200).optional().describe('Words in the name or description'),
  status: z.enum(['active', 'archived']).default('active'),
  trigger: z.enum(JOURNEY_TRIGGERS).optional().describe('Only the templates this cause starts by itself'),
  sort: z.enum(JOURNEY_TEMPLATE_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TJourneyTemplateListQuery = z.infer<typeof ZJourneyTemplateListQuery>;
export const ZJourneyTemplateExportQuery = ZJourneyTemplateListQuery.omit({ page: true, pageSize: true });
export type TJourneyTemplateExportQuery = z.infer<typeof ZJourneyTemplateExportQuery>;
export const ZJourneyTemplateQuery = z.object({ version: z.coerce.number().int().min(1).max(100_000).optional() });
