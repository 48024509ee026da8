import type { THealthMeasureDef, THealthMeasureProvider, TMeasureReading } from '../health/index.ts';
import { readAccountNps } from './surveys.health.repository.ts';

/** The window of the account NPS measure. */
export const NPS_WINDOW_DAYS = 180;

/**
 * The survey measures health scorecards can use: the account's latest NPS answer (0–10) and its NPS over the
 * last 180 days (−100…100). An account nobody answered for has neither: the measure is missing and skipped.
 */
export const SURVEY_MEASURES: THealthMeasureDef[] = [
  {
    key: 'surveys.latest_nps',
    kind: 'number',
    label: { en: 'Latest NPS answer', nl: 'Laatste NPS-antwoord', da: 'Seneste NPS-svar' },
    unit: 'points',
    expectedIntervalDays: 180,
    defaultThresholds: {
      kind: 'number',
      breakpoints: [
        { from: 0, points: 0 },
        { from: 6, points: 30 },
        { from: 8, points: 70 },
        { from: 9, points: 100 },
      ],
    },
  },
  {
    key: 'surveys.account_nps',
    kind: 'number',
    label: { en: 'Account NPS (180 days)', nl: 'NPS van het account (180 dagen)', da: 'Kontoens NPS (180 dage)' },
    unit: 'points',
    expectedIntervalDays: NPS_WINDOW_DAYS,
    defaultThresholds: {
      kind: 'number',
      breakpoints: [
        { from: -100, points: 0 },
        { from: 0, points: 50 },
        { from: 50, points: 100 },
      ],
    },
  },
];

/** The surveys provider, registered with health by the surveys module (after health in the module list). */
export const surveyMeasureProvider: THealthMeasureProvider = {
  name: 'surveys',
  measures: async () => SURVEY_MEASURES,
  async read(db, scope, keys) {
    const out = new Map<string, Map<string, TMeasureReading>>();
    const rows = await readAccountNps(db, scope, NPS_WINDOW_DAYS);
    if (keys.includes('surveys.latest_nps'))
      out.set('surveys.latest_nps', new Map(rows.map((r) => [r.account_id, { value: Number(r.latest), observedOn: r.answered_on }])));
    if (keys.includes('surveys.account_nps'))
      out.set(
        'surveys.account_nps',
        new Map(
          rows
            .filter((r) => Number(r.n) > 0)
            .map((r) => [
              r.account_id,
              { value: Math.round(((Number(r.promoters) - Number(r.detractors)) / Number(r.n)) * 1000) / 10, observedOn: r.answered_on },
            ]),
        ),
      );
    return out;
  },
};
