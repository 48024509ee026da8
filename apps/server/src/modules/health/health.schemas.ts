import { z } from 'zod';
import { ZPageQuery, zInt, zIsoDate, zPage, zText } from '../../platform/http/schemas.ts';
import { healthMessages } from './health.messages.ts';

const zPoints = z.number().min(0).max(100);
export const ZThresholds = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('number'),
    breakpoints: z
      .array(z.strictObject({ from: z.number(), points: zPoints }))
      .min(1)
      .max(50),
  }),
  z.strictObject({
    kind: z.literal('choice'),
    options: z
      .array(z.strictObject({ option: z.string().trim().min(1).max(200), points: zPoints }))
      .min(1)
      .max(100),
    otherPoints: zPoints.nullable(),
  }),
  z.strictObject({ kind: z.literal('yesno'), yes: zPoints, no: zPoints }),
]);
export const ZScorecardMeasure = z.strictObject({
  source: z.string().min(1).max(200),
  weight: z.number().min(0).max(1000),
  thresholds: ZThresholds,
});

const ZPart = z.object({ n: z.int(), positives: z.int(), auc: z.number().nullable() });
const ZSplit = z.object({
  kind: z.enum(['field', 'share', 'none']),
  field: z.string().nullable(),
  share: z.number().nullable(),
  seed: z.int().nullable(),
});
/** How the fitter chose its penalty: k-fold cross-validation on the training part, the mean held-out AUC. */
const ZCrossValidation = z.object({ folds: z.int(), auc: z.number().nullable(), penalty: z.number() });
export const ZFitSummary = z.object({
  outcome: z.string(),
  split: ZSplit,
  train: ZPart,
  test: ZPart,
  unfittedTestAuc: z.number().nullable(),
  candidates: z.int(),
  dropped: z.array(z.object({ name: z.string(), why: z.string() })),
  /** Versions fitted before the fitter cross-validated have none. */
  crossValidation: ZCrossValidation.nullable().optional(),
});

export const ZScorecard = z.object({
  id: z.uuid(),
  version: z.int(),
  name: z.string(),
  /** The segment whose accounts it scores; null: the default, for every other account. */
  segment: z.string().nullable(),
  measures: z.array(ZScorecardMeasure),
  explanation: z.string().nullable(),
  fit: ZFitSummary.nullable(),
  createdByUserId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type TScorecard = z.infer<typeof ZScorecard>;
export const ZScorecardList = z.object({ items: z.array(ZScorecard) });
export const ZScorecardWithVersions = ZScorecard.extend({ versions: z.array(ZScorecard) });

export const ZSaveScorecardRequest = z.strictObject({
  name: zText(100),
  segment: z.string().trim().min(1).max(100).nullable(),
  measures: z.array(ZScorecardMeasure).min(1).max(100),
  explanation: z.string().trim().max(4000).nullable().optional(),
});
export type TSaveScorecard = z.infer<typeof ZSaveScorecardRequest>;

export const ZMeasureDef = z.object({
  key: z.string(),
  kind: z.enum(['number', 'choice', 'yesno']),
  label: z.object({ en: z.string(), nl: z.string(), da: z.string() }),
  unit: z.enum(['months', 'days', 'money', 'percent', 'points', 'count']).nullable(),
  options: z.array(z.string()).optional(),
  expectedIntervalDays: z.int().nullable(),
  defaultThresholds: ZThresholds,
});
export const ZMeasureList = z.object({ items: z.array(ZMeasureDef) });

export const ZHealthSettings = z.object({
  redMax: z.int(),
  yellowMax: z.int(),
  /** The target for the unhealthy share (red among the scored customer accounts), in %. */
  unhealthyTargetPct: z.int(),
});
export type THealthSettings = z.infer<typeof ZHealthSettings>;
export type TUpdateHealthSettings = z.infer<typeof ZUpdateHealthSettingsRequest>;
export const ZUpdateHealthSettingsRequest = z
  .strictObject({ redMax: zInt(0, 99), yellowMax: zInt(1, 99), unhealthyTargetPct: zInt(0, 100).optional() })
  .refine((v) => v.yellowMax > v.redMax, { path: ['yellowMax'], message: healthMessages.health_yellow_above_red.code });

const ZScoredMeasure = z.object({
  source: z.string(),
  label: z.object({ en: z.string(), nl: z.string(), da: z.string() }).nullable(),
  value: z.union([z.number(), z.string(), z.boolean()]).nullable(),
  points: z.number().nullable(),
  weight: z.number(),
  observedOn: z.string().nullable(),
  stale: z.boolean(),
  /** Points a week ago (null: no score then, or the measure had no value). */
  pointsWeekAgo: z.number().nullable(),
});

export const ZAccountHealth = z.object({
  accountId: z.uuid(),
  score: z.number().nullable(),
  band: z.enum(['red', 'yellow', 'green']).nullable(),
  scorecard: z.object({ id: z.uuid(), version: z.int(), name: z.string() }).nullable(),
  computedAt: z.string().nullable(),
  measures: z.array(ZScoredMeasure),
  weekAgo: z.object({ day: z.string(), score: z.number().nullable(), band: z.string().nullable() }).nullable(),
  history: z.array(z.object({ day: z.string(), score: z.number().nullable(), band: z.string().nullable(), scorecardVersion: z.int() })),
  /** Where a scorecard got a new version during the history: the chart's markers. */
  versionMarkers: z.array(z.object({ day: z.string(), name: z.string(), version: z.int() })),
  pulse: z
    .object({
      value: z.int(),
      reason: z.string(),
      expiresOn: z.string().nullable(),
      createdAt: z.string(),
      createdByName: z.string().nullable(),
    })
    .nullable(),
});
export type TAccountHealth = z.infer<typeof ZAccountHealth>;

export const ZPulse = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  value: z.int(),
  reason: z.string(),
  expiresOn: z.string().nullable(),
  createdByUserId: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TPulse = z.infer<typeof ZPulse>;
export const ZCreatePulseRequest = z.strictObject({
  value: zInt(0, 100),
  reason: zText(2000),
  expiresOn: zIsoDate.nullable().optional(),
});
export type TCreatePulse = z.infer<typeof ZCreatePulseRequest>;
export const ZPulseListQuery = ZPageQuery;
export const ZPulsePage = zPage(ZPulse);

export const ZRecomputeResult = z.object({ accounts: z.int(), scored: z.int(), red: z.int(), yellow: z.int(), green: z.int() });
export type TRecomputeResult = z.infer<typeof ZRecomputeResult>;

// ── Evaluation ───────────────────────────────────────────────────────────────────────────────────────────
export const ZEvaluateRequest = z.strictObject({
  /** A custom field whose value yes/true/1 means churned, or `churned`: the churn the subscriptions show. */
  outcome: z.string().trim().min(1).max(200),
  /** A yes/no custom field that puts an account in the test part; or a seeded random share. Neither: all accounts are both. */
  testField: z.string().trim().min(1).max(200).optional(),
  testShare: z.number().gt(0).lt(1).optional(),
  seed: zInt().optional(),
  /** The scorecard to evaluate (default: the organisation's default scorecard). */
  scorecardId: z.uuid().optional(),
  fit: z.boolean().optional(),
  /** With fit: save the fitted scorecard as a new version of the evaluated one. */
  save: z.boolean().optional(),
});
export type TEvaluateRequest = z.infer<typeof ZEvaluateRequest>;

const ZConfusion = z.object({
  boundary: z.enum(['red', 'yellow']),
  maxScore: z.int(),
  truePositives: z.int(),
  falsePositives: z.int(),
  falseNegatives: z.int(),
  trueNegatives: z.int(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
});
export const ZEvaluation = z.object({
  outcome: z.string(),
  split: ZSplit,
  fitted: z.boolean(),
  test: ZPart.extend({
    lift: z.array(z.object({ decile: z.int(), n: z.int(), churned: z.int(), churnRate: z.number(), lift: z.number() })),
    confusion: z.array(ZConfusion),
  }),
  train: ZPart,
  /** The evaluated scorecard's measures (the fitted one's with fit): name is the measure's key. */
  inputs: z.array(z.object({ name: z.string(), label: z.string(), weight: z.number(), thresholds: ZThresholds })),
  /** With fit: the scorecard before fitting, on the same parts. */
  unfitted: z.object({ test: ZPart, train: ZPart }).nullable(),
  dropped: z.array(z.object({ name: z.string(), why: z.string() })),
  candidates: z.int(),
  /** With fit: the cross-validation on the training part that chose the fitter's penalty. */
  crossValidation: ZCrossValidation.nullable(),
  saved: ZScorecard.nullable(),
});
export type TEvaluation = z.infer<typeof ZEvaluation>;
