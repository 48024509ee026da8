import { z } from 'zod';
import { ZPageQuery, zPage } from '../../platform/http/schemas.ts';
import { SOURCES, TEAMS } from './capacity-plans.plan.ts';

const zHours = (max: number) => z.number().min(0).max(max);
const zTeamHours = z
  .object(Object.fromEntries(SOURCES.map((s) => [s, z.number()])) as Record<(typeof SOURCES)[number], z.ZodNumber>)
  .extend({
    total: z.number(),
  });

export const ZCapacitySettings = z.object({
  lowEffortHours: z.number(),
  mediumEffortHours: z.number(),
  highEffortHours: z.number(),
  renewalHours: z.number(),
  upsellCsHours: z.number(),
  upsellPsHours: z.number(),
  csSpendPercent: z.number(),
  /** In major units of the reporting currency; null until entered. */
  teamCostPerMonth: z.number().nullable(),
  currency: z.string(),
});
export type TCapacitySettings = z.infer<typeof ZCapacitySettings>;

/** Strict, like every request body: unknown fields are a 400 naming the field. */
export const ZUpdateCapacitySettingsRequest = z
  .strictObject({
    lowEffortHours: zHours(1000),
    mediumEffortHours: zHours(1000),
    highEffortHours: zHours(1000),
    renewalHours: zHours(1000),
    upsellCsHours: zHours(1000),
    upsellPsHours: zHours(1000),
    csSpendPercent: zHours(100),
    teamCostPerMonth: z.number().min(0).max(10_000_000).nullable(),
  })
  .partial();
export type TUpdateCapacitySettings = z.infer<typeof ZUpdateCapacitySettingsRequest>;

export const ZCapacityPerson = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.string(),
  team: z.enum(TEAMS),
  hoursPerWeek: z.number(),
});
export type TCapacityPerson = z.infer<typeof ZCapacityPerson>;
export const ZPutCapacityPersonRequest = z.strictObject({ team: z.enum(TEAMS), hoursPerWeek: zHours(80) });

export const ZCapacityWeek = z.object({
  weekStart: z.string(),
  demand: z.object({ customer_success: zTeamHours, professional_services: zTeamHours }),
  capacity: z.object({ customer_success: z.number(), professional_services: z.number() }),
  over: z.object({ customer_success: z.boolean(), professional_services: z.boolean() }),
});

/** The capacity page: the weeks ahead, the team, the settings, and CS spend against the 12 % of ACV. */
export const ZCapacityOverview = z.object({
  weeks: z.array(ZCapacityWeek),
  people: z.array(ZCapacityPerson),
  settings: ZCapacitySettings,
  csSpend: z.object({
    currency: z.string(),
    /** Annual contract value: today's MRR of every customer × 12. */
    acv: z.number(),
    percent: z.number(),
    /** What the percentage of ACV allows per month. */
    budgetPerMonth: z.number(),
    actualPerMonth: z.number().nullable(),
    /** The actual cost as a share of ACV (percent), when entered. */
    actualPercent: z.number().nullable(),
  }),
});
export type TCapacityOverview = z.infer<typeof ZCapacityOverview>;
export const ZCapacityQuery = z.object({ weeks: z.coerce.number().int().min(1).max(26).default(12) });

/** The team's people as a list: words of the name, the team, sort and order, paging; the CSV the same without paging. */
export const CAPACITY_PEOPLE_SORTS = ['name', 'team', 'hoursPerWeek'] as const;
export const ZCapacityPeopleQuery = ZPageQuery.extend({
  q: z.string().max(200).optional().describe("Words of the person's name"),
  team: z.enum(TEAMS).optional(),
  sort: z.enum(CAPACITY_PEOPLE_SORTS).default('name'),
});
export type TCapacityPeopleQuery = z.infer<typeof ZCapacityPeopleQuery>;
export const ZCapacityPeopleExportQuery = ZCapacityPeopleQuery.omit({ page: true, pageSize: true });
export type TCapacityPeopleExportQuery = z.infer<typeof ZCapacityPeopleExportQuery>;
export const ZCapacityPeoplePage = zPage(ZCapacityPerson);
