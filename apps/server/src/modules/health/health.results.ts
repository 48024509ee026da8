import type { TMeasureResult, TMeasureValue, TScorecardMeasure, TStoredMeasure } from './health.table.ts';

/**
 * A score's measures as stored: per measure of its scorecard version, in that order, only what is the account's
 * own (value, points, day observed, stale). The source and weight are the version's, so a row does not repeat them
 * 100,000 times: about a fifth of the explained document's size to serialise, send and write.
 */
export function compactResult(
  value: TMeasureValue | null,
  points: number | null,
  observedOn: string | null,
  stale: boolean,
): TMeasureResult {
  if (observedOn === null) return [value, points];
  return stale ? [value, points, observedOn, 1] : [value, points, observedOn];
}

/**
 * The explained measures of a stored score: its scorecard version's measures (source, weight) with the account's
 * results. A version's measures never change (a change saves a new version), so a row read with the version it
 * names explains as it was written, however old.
 */
export function explainMeasures(measures: readonly TScorecardMeasure[], results: readonly TMeasureResult[]): TStoredMeasure[] {
  return measures.map((m, i) => {
    const r = results[i];
    return {
      source: m.source,
      value: r?.[0] ?? null,
      points: r?.[1] ?? null,
      weight: m.weight,
      observedOn: r?.[2] ?? null,
      stale: r?.[3] === 1,
    };
  });
}
