import { z } from 'zod';
import { ZPageQuery, zIsoDate, zIsoDateTime, zOptionalText, zPage, zText } from '../../platform/http/schemas.ts';
import { CATEGORIES, SURVEY_KINDS } from './surveys.nps.ts';

export const ZSurvey = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(SURVEY_KINDS),
  question: z.string().nullable(),
  createdByUserId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSurvey = z.infer<typeof ZSurvey>;

/** The survey with its figures over every answer (the surveys list). */
export const ZSurveyListItem = ZSurvey.extend({
  respondents: z.int(),
  promoters: z.int(),
  passives: z.int(),
  detractors: z.int(),
  score: z.number().nullable(),
  lastAnsweredAt: z.string().nullable(),
});
export type TSurveyListItem = z.infer<typeof ZSurveyListItem>;

/** Strict, like every request body: unknown fields are a 400 naming the field. */
export const ZCreateSurveyRequest = z.strictObject({
  name: zText(200),
  kind: z.enum(SURVEY_KINDS),
  question: zOptionalText(500),
});
export type TCreateSurvey = z.infer<typeof ZCreateSurveyRequest>;

export const SURVEY_SORTS = ['name', 'kind', 'respondents', 'score', 'createdAt'] as const;
export const ZSurveysQuery = ZPageQuery.extend({
  q: z.string().max(200).optional(),
  kind: z.enum(SURVEY_KINDS).optional(),
  sort: z.enum(SURVEY_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TSurveysQuery = z.infer<typeof ZSurveysQuery>;
export const ZSurveysExportQuery = ZSurveysQuery.omit({ page: true, pageSize: true });
export type TSurveysExportQuery = z.infer<typeof ZSurveysExportQuery>;
export const ZSurveysPage = zPage(ZSurveyListItem);

export const ZSurveyResponse = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  surveyName: z.string(),
  kind: z.enum(SURVEY_KINDS),
  accountId: z.uuid(),
  accountName: z.string(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  score: z.int(),
  category: z.enum(CATEGORIES),
  comment: z.string().nullable(),
  answeredAt: z.string(),
  source: z.enum(['api', 'manual', 'import']),
  createdAt: z.string(),
});
export type TSurveyResponse = z.infer<typeof ZSurveyResponse>;

/**
 * One answer: of a contact (its account follows) or of an account; the score in the survey's range (checked
 * against the survey: NPS 0–10, CSAT 1–5); answered now unless given. `sourceRef` is the sender's own id of the
 * answer: the same id sent again records nothing twice.
 */
export const ZRecordResponseRequest = z.strictObject({
  accountId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  score: z.int().min(0).max(10),
  comment: zOptionalText(5_000),
  answeredAt: zIsoDateTime.optional(),
  sourceRef: z.string().trim().min(1).max(200).optional(),
});
export type TRecordResponse = z.infer<typeof ZRecordResponseRequest>;

export const RESPONSE_SORTS = ['answeredAt', 'score', 'account', 'survey'] as const;
export const ZResponsesQuery = ZPageQuery.extend({
  q: z.string().max(200).optional(),
  surveyId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  category: z.enum(CATEGORIES).optional(),
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
  sort: z.enum(RESPONSE_SORTS).default('answeredAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TResponsesQuery = z.infer<typeof ZResponsesQuery>;
export const ZResponsesExportQuery = ZResponsesQuery.omit({ page: true, pageSize: true });
export type TResponsesExportQuery = z.infer<typeof ZResponsesExportQuery>;
export const ZResponsesPage = zPage(ZSurveyResponse);

const ZTally = z.object({
  respondents: z.int(),
  promoters: z.int(),
  passives: z.int(),
  detractors: z.int(),
  score: z.number().nullable(),
});

/** A survey's figure over a range, by month (trend) and by account segment. */
export const ZScoreReportQuery = z.strictObject({
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
  segment: z.string().max(100).optional(),
});
export type TScoreReportQuery = z.infer<typeof ZScoreReportQuery>;
export const ZScoreReport = z.object({
  surveyId: z.uuid(),
  kind: z.enum(SURVEY_KINDS),
  from: z.string(),
  to: z.string(),
  overall: ZTally,
  /** Every month of the range, also those without answers; `trailing` is the month with the two before it. */
  trend: z.array(ZTally.extend({ month: z.string(), trailing: ZTally })),
  bySegment: z.array(ZTally.extend({ segment: z.string().nullable() })),
});
export type TScoreReport = z.infer<typeof ZScoreReport>;

export const ZImportResult = z.object({
  received: z.int(),
  recorded: z.int(),
  duplicates: z.int(),
  rejectedCount: z.int(),
  rejected: z.array(z.object({ row: z.int(), field: z.string(), code: z.string(), message: z.string() })),
});
export type TImportResult = z.infer<typeof ZImportResult>;

export const ZAnswersCsvForm = z.object({ file: z.file().describe('A CSV file, UTF-8, comma, semicolon or tab separated') });
