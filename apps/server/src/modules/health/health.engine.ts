/**
 * The scoring arithmetic (pure): a measure's value → 0–100 points by its thresholds, the overall score as the
 * weighted mean of the measures that have a value, and the band of a score. METRICS.md H1–H3 run here.
 */

import type { TMeasureValue, TScorecardMeasure, TThresholds } from './health.table.ts';

export type {
  TChoiceThresholds,
  TFitSummary,
  TMeasureValue,
  TNumberThresholds,
  TScorecardMeasure,
  TThresholds,
  TYesNoThresholds,
} from './health.table.ts';

export interface TBands {
  /** Scores up to and including `redMax` are red; up to `yellowMax` yellow; above green (H2: 50 and 75). */
  redMax: number;
  yellowMax: number;
}
export const DEFAULT_BANDS: TBands = { redMax: 50, yellowMax: 75 };
export type TBand = 'red' | 'yellow' | 'green';

const clampPoints = (p: number) => Math.max(0, Math.min(100, p));

/** Reads "yes", "true", "1", "ja", "y" (any case) as yes and "no", "false", "0", "nee", "nej", "n" as no; anything else is unknown. */
export function parseYesNo(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const s = v.trim().toLowerCase();
  if (['yes', 'true', '1', 'y', 'ja', 'j'].includes(s)) return true;
  if (['no', 'false', '0', 'n', 'nee', 'nej'].includes(s)) return false;
  return null;
}

/** The points of one value, or null when the value cannot be scored (it then counts as missing). */
export function pointsFor(t: TThresholds, value: TMeasureValue | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (t.kind === 'number') {
    const v = typeof value === 'number' ? value : Number(value);
    const bps = t.breakpoints;
    if (!Number.isFinite(v) || !bps.length) return null;
    const first = bps[0] as { from: number; points: number };
    if (v <= first.from) return clampPoints(first.points);
    for (let i = 1; i < bps.length; i++) {
      const a = bps[i - 1] as { from: number; points: number };
      const b = bps[i] as { from: number; points: number };
      if (v <= b.from)
        return clampPoints(b.from === a.from ? b.points : a.points + ((b.points - a.points) * (v - a.from)) / (b.from - a.from));
    }
    return clampPoints((bps[bps.length - 1] as { points: number }).points);
  }
  if (t.kind === 'yesno') {
    const yes = parseYesNo(value);
    return yes === null ? null : clampPoints(yes ? t.yes : t.no);
  }
  const s = String(value).trim().toLowerCase();
  const hit = t.options.find((o) => o.option.trim().toLowerCase() === s);
  return hit ? clampPoints(hit.points) : t.otherPoints === null ? null : clampPoints(t.otherPoints);
}

export interface TScoredMeasure {
  source: string;
  value: TMeasureValue | null;
  points: number | null;
  weight: number;
}

/** The weighted mean of the points of the measures that have them (H1); null when none has. */
export function weightedScore(measures: readonly { points: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const m of measures) {
    if (m.points === null || m.weight <= 0) continue;
    sum += m.points * m.weight;
    weights += m.weight;
  }
  return weights > 0 ? sum / weights : null;
}

/** Scores one account: each measure's value and points, and the overall score rounded to two decimals. */
export function scoreAccount(
  measures: readonly TScorecardMeasure[],
  readValue: (source: string, index: number) => TMeasureValue | null | undefined,
): { score: number | null; measures: TScoredMeasure[] } {
  const scored = measures.map((m, i) => {
    const value = readValue(m.source, i) ?? null;
    return { source: m.source, value, points: pointsFor(m.thresholds, value), weight: m.weight };
  });
  const score = weightedScore(scored);
  return { score: score === null ? null : Math.round(score * 100) / 100, measures: scored };
}

/** The band of a score (H2): whole points up to `redMax` red, up to `yellowMax` yellow, above green. A fraction rounds first. */
export function bandOf(score: number | null, bands: TBands = DEFAULT_BANDS): TBand | null {
  if (score === null) return null;
  const s = Math.round(score);
  return s <= bands.redMax ? 'red' : s <= bands.yellowMax ? 'yellow' : 'green';
}
