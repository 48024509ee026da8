import { createHash } from 'node:crypto';
import { bandOf, type TBands } from './health.engine.ts';

/**
 * Does the score predict churn? (pure). Scores are health (high = healthy), so the churn risk they rank by is
 * the score's opposite. Every figure is computed on the accounts whose outcome is known and that have a score.
 */
export interface TLabelled {
  score: number;
  churned: boolean;
}

/** ROC AUC of "lower health, more churn": the chance a churned account scores below a retained one, ties counting half (Mann–Whitney). */
export function rocAuc(rows: readonly TLabelled[]): number | null {
  const pos = rows.filter((r) => r.churned).length;
  const neg = rows.length - pos;
  if (!pos || !neg) return null;
  const sorted = [...rows].sort((a, b) => b.score - a.score); // healthiest first: rank 1 = least risk
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && (sorted[j] as TLabelled).score === (sorted[i] as TLabelled).score) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((sorted[k] as TLabelled).churned) rankSum += avgRank;
    i = j;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Lift by decile: accounts ordered from the lowest score, cut in ten; each decile's churn rate over the overall rate. */
export function liftByDecile(rows: readonly TLabelled[]) {
  const sorted = [...rows].sort((a, b) => a.score - b.score);
  const overall = rows.filter((r) => r.churned).length / (rows.length || 1);
  const out: { decile: number; n: number; churned: number; churnRate: number; lift: number }[] = [];
  for (let d = 0; d < 10; d++) {
    const part = sorted.slice(Math.floor((d * sorted.length) / 10), Math.floor(((d + 1) * sorted.length) / 10));
    const churned = part.filter((r) => r.churned).length;
    const rate = part.length ? churned / part.length : 0;
    out.push({ decile: d + 1, n: part.length, churned, churnRate: round4(rate), lift: overall ? round4(rate / overall) : 0 });
  }
  return out;
}

/** The confusion at each band boundary: "at or below the boundary" predicts churn. */
export function confusionAtBands(rows: readonly TLabelled[], bands: TBands) {
  return [
    { boundary: 'red' as const, maxScore: bands.redMax },
    { boundary: 'yellow' as const, maxScore: bands.yellowMax },
  ].map(({ boundary, maxScore }) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    for (const r of rows) {
      const flagged = bandOf(r.score, bands) === 'red' || (boundary === 'yellow' && bandOf(r.score, bands) === 'yellow');
      if (flagged && r.churned) tp++;
      else if (flagged) fp++;
      else if (r.churned) fn++;
      else tn++;
    }
    return {
      boundary,
      maxScore,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      trueNegatives: tn,
      precision: tp + fp ? round4(tp / (tp + fp)) : null,
      recall: tp + fn ? round4(tp / (tp + fn)) : null,
    };
  });
}

/** Whether an account is in the test part of a seeded random split: a hash of seed and id, so the same on every run and order. */
export function inTestShare(accountId: string, share: number, seed: number): boolean {
  const h = createHash('sha256').update(`${seed}:${accountId}`).digest();
  return h.readUInt32BE(0) / 0x1_0000_0000 < share;
}

export const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export function summarise(rows: readonly TLabelled[]) {
  const auc = rocAuc(rows);
  return { n: rows.length, positives: rows.filter((r) => r.churned).length, auc: auc === null ? null : round4(auc) };
}
