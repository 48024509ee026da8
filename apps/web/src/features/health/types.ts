// The health feature's shapes, from the generated contract (npm run generate).
import i18n from 'i18next';
import type { ResponseOf } from '../../lib/types.ts';

export type AccountHealth = ResponseOf<'/api/v1/accounts/{id}/health', 'get'>;
export type ScoredMeasure = AccountHealth['measures'][number];
export type Pulse = ResponseOf<'/api/v1/accounts/{id}/health/pulses', 'get'>['items'][number];
export type Scorecard = ResponseOf<'/api/v1/health/scorecards', 'get'>['items'][number];
export type ScorecardMeasure = Scorecard['measures'][number];
export type Thresholds = ScorecardMeasure['thresholds'];
export type MeasureDef = ResponseOf<'/api/v1/health/measures', 'get'>['items'][number];
export type Evaluation = ResponseOf<'/api/v1/health/evaluate', 'post'>;
export type Band = 'red' | 'yellow' | 'green';

export const BAND_COLORS: Record<Band, string> = { red: 'red', yellow: 'yellow', green: 'teal' };

/** A measure's readable name in the UI language (custom fields: their label). */
export function measureLabel(label: { en: string; nl: string; da: string } | null | undefined, fallback: string): string {
  if (!label) return fallback;
  const lang = (i18n.language ?? 'en').slice(0, 2) as 'en' | 'nl' | 'da';
  return label[lang] ?? label.en;
}

export type Portfolio = ResponseOf<'/api/v1/health/portfolio', 'get'>;
export type PoorHealthAccount = ResponseOf<'/api/v1/health/portfolio/poor-health', 'get'>['items'][number];
export type LowActivityAccount = ResponseOf<'/api/v1/health/portfolio/low-activity', 'get'>['items'][number];
export type LowActivityReason = LowActivityAccount['reason'];
