import { z } from 'zod';
import { ZPageQuery, zIsoDate, zOptionalText, zPage, zText } from '../../platform/http/schemas.ts';

export const OBJECTIVE_METRICS = ['leads', 'new_sales', 'custom'] as const;
export const OBJECTIVE_STATUSES = ['on_track', 'at_risk', 'achieved', 'missed', 'dropped'] as const;
export const OBJECTIVE_SOURCES = ['manual', 'usage_event', 'custom_field'] as const;
export const PDF_LANGUAGES = ['en', 'nl', 'da'] as const;

const zAmount = z.number().min(-1e13).max(1e13);

export const ZProgressEntry = z.object({
  id: z.uuid(),
  objectiveId: z.uuid(),
  measuredOn: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  source: z.enum(OBJECTIVE_SOURCES),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TProgressEntry = z.infer<typeof ZProgressEntry>;

export const ZObjective = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  title: z.string(),
  metric: z.enum(OBJECTIVE_METRICS),
  baseline: z.number(),
  target: z.number(),
  unit: z.string(),
  dueOn: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(OBJECTIVE_STATUSES),
  source: z.enum(OBJECTIVE_SOURCES),
  sourceKey: z.string().nullable(),
  startsOn: z.string(),
  /** The latest measured value (the baseline before any). */
  current: z.number(),
  lastMeasuredOn: z.string().nullable(),
  /** (current − baseline) ÷ (target − baseline) × 100, rounded; 0 before any measurement. */
  percentAchieved: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TObjective = z.infer<typeof ZObjective>;

export const ZObjectiveWithProgress = ZObjective.extend({ progress: z.array(ZProgressEntry) });

export const ZValueItem = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  objectiveId: z.uuid().nullable(),
  objectiveTitle: z.string().nullable(),
  description: z.string(),
  amount: z.number(),
  currency: z.string(),
  deliveredOn: z.string(),
  createdAt: z.string(),
});
export type TValueItem = z.infer<typeof ZValueItem>;

/** An account's success plan: its objectives with their measurements, and the value delivered, summed per currency. */
export const ZSuccessPlan = z.object({
  accountId: z.uuid(),
  accountName: z.string(),
  currency: z.string(),
  language: z.enum(PDF_LANGUAGES),
  objectives: z.array(ZObjectiveWithProgress),
  valueItems: z.array(ZValueItem),
  valueTotals: z.array(z.object({ currency: z.string(), amount: z.number() })),
});
export type TSuccessPlan = z.infer<typeof ZSuccessPlan>;

const objectiveFields = {
  title: zText(200),
  metric: z.enum(OBJECTIVE_METRICS),
  baseline: zAmount,
  target: zAmount,
  unit: zText(40),
  dueOn: zIsoDate.nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  status: z.enum(OBJECTIVE_STATUSES).optional(),
  source: z.enum(OBJECTIVE_SOURCES).optional(),
  sourceKey: zOptionalText(200),
};

/** Strict, like every request body: unknown fields are a 400 naming the field. */
export const ZCreateObjectiveRequest = z.strictObject(objectiveFields);
export type TCreateObjective = z.infer<typeof ZCreateObjectiveRequest>;
export const ZUpdateObjectiveRequest = z.strictObject(objectiveFields).partial();
export type TUpdateObjective = z.infer<typeof ZUpdateObjectiveRequest>;

export const ZRecordProgressRequest = z.strictObject({
  value: zAmount,
  measuredOn: zIsoDate.optional(),
  note: zOptionalText(1000),
});
export type TRecordProgress = z.infer<typeof ZRecordProgressRequest>;

export const ZCreateValueItemRequest = z.strictObject({
  description: zText(300),
  amount: zAmount,
  /** ISO 4217; the account's currency (its market's, else the organisation's reporting currency) when left out. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  deliveredOn: zIsoDate,
  objectiveId: z.uuid().nullable().optional(),
});
export type TCreateValueItem = z.infer<typeof ZCreateValueItemRequest>;

export const ZSuccessPlanPdfQuery = z.strictObject({ language: z.enum(PDF_LANGUAGES).optional() });

/** The portfolio: every objective across the accounts the actor may see. */
export const OBJECTIVE_SORTS = ['title', 'account', 'dueOn', 'percentAchieved', 'status', 'updatedAt'] as const;
export const ZObjectivesQuery = ZPageQuery.extend({
  q: z.string().max(200).optional(),
  accountId: z.uuid().optional(),
  ownerUserId: z.uuid().optional(),
  status: z.enum(OBJECTIVE_STATUSES).optional(),
  metric: z.enum(OBJECTIVE_METRICS).optional(),
  sort: z.enum(OBJECTIVE_SORTS).default('dueOn'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TObjectivesQuery = z.infer<typeof ZObjectivesQuery>;
export const ZObjectivesExportQuery = ZObjectivesQuery.omit({ page: true, pageSize: true });
export type TObjectivesExportQuery = z.infer<typeof ZObjectivesExportQuery>;
export const ZObjectiveListItem = ZObjective.extend({ accountName: z.string() });
export type TObjectiveListItem = z.infer<typeof ZObjectiveListItem>;
export const ZObjectivesPage = zPage(ZObjectiveListItem);
