import { pointsFor, type TMeasureValue, type TScorecardMeasure, type TThresholds } from './health.engine.ts';
import type { TMeasureKind } from './health.measures.ts';

/**
 * "Suggest weights" (pure, deterministic): fits a scorecard to past outcomes so that it stays a scorecard — every
 * measure maps its value to 0–100 points and the score is their weighted mean.
 * 1. Each candidate input gets thresholds from the training accounts: a number's values cut into up to twenty
 *    equal-count groups (each distinct value its own group when there are few), a choice's options, yes and no;
 *    each group's churn log-odds (smoothed towards the overall rate) is mapped to points, 100 for the group that
 *    churns least and 0 for the one that churns most (a number interpolates between its groups' medians).
 * 2. An L2-regularised logistic regression (Newton's method) of churn on the inputs' points (missing → the
 *    training mean) gives each input a weight: the size of its coefficient, scaled so the weights sum to 100.
 *    An input whose coefficient says "more points, more churn" next to the others (it corrects inputs it
 *    overlaps, e.g. a price that is high because of a product that churns) has its points turned round
 *    (100 − points), so every weight is positive and points always mean "healthier, all else equal".
 * With every input present the weighted mean is then an increasing function of the regression's prediction of
 * staying, so the scorecard ranks accounts exactly as the regression does.
 */
export interface TCandidate {
  key: string;
  kind: TMeasureKind;
}
export interface TFitRow {
  churned: boolean;
  value: (key: string) => TMeasureValue | null | undefined;
}
export interface TFitResult {
  measures: TScorecardMeasure[];
  dropped: { key: string; why: 'coverage' | 'no_signal' | 'tiny_weight' }[];
  iterations: number;
}

/** Rows of the overall churn rate a group's rate is pulled towards (a small group says little). */
const SMOOTHING = 20;
const MIN_COVERAGE = 0.05;
/** An input seen on fewer training accounts says nothing dependable. */
const MIN_ROWS = 10;
/** Up to this many equal-count groups of a number's values. */
const GROUPS = 20;
const L2 = 1;
const logit = (p: number) => Math.log(p / (1 - p));

/** Thresholds of one candidate from the training rows, or null when it has too little data or no signal. */
export function thresholdsFor(c: TCandidate, rows: readonly TFitRow[]): TThresholds | 'coverage' | 'no_signal' {
  const seen: { v: TMeasureValue; y: boolean }[] = [];
  for (const r of rows) {
    const v = r.value(c.key);
    if (v !== null && v !== undefined && v !== '') seen.push({ v, y: r.churned });
  }
  if (seen.length < MIN_ROWS || seen.length < MIN_COVERAGE * rows.length) return 'coverage';
  const base = seen.filter((s) => s.y).length / seen.length;
  if (base === 0 || base === 1) return 'no_signal';
  const rate = (n: number, pos: number) => logit((pos + SMOOTHING * base) / (n + SMOOTHING));

  let groups: { label: TMeasureValue; center: number; lo: number; n: number; pos: number }[] = [];
  if (c.kind === 'number') {
    const nums = seen.map((s) => ({ x: Number(s.v), y: s.y })).filter((s) => Number.isFinite(s.x));
    nums.sort((a, b) => a.x - b.x);
    const target = nums.length / GROUPS;
    let start = 0;
    while (start < nums.length) {
      let end = Math.min(nums.length, Math.max(start + 1, Math.round(start + target)));
      while (end < nums.length && (nums[end] as { x: number }).x === (nums[end - 1] as { x: number }).x) end++;
      const part = nums.slice(start, end);
      const mid = part[Math.floor(part.length / 2)] as { x: number };
      groups.push({ label: mid.x, center: mid.x, lo: (part[0] as { x: number }).x, n: part.length, pos: part.filter((p) => p.y).length });
      start = end;
    }
  } else {
    const by = new Map<string, { n: number; pos: number }>();
    for (const s of seen) {
      const k = c.kind === 'yesno' ? String(s.v === true || s.v === 'true') : String(s.v);
      const g = by.get(k) ?? { n: 0, pos: 0 };
      g.n++;
      if (s.y) g.pos++;
      by.set(k, g);
    }
    groups = [...by.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([label, g]) => ({ label, center: 0, lo: 0, ...g }));
  }
  if (groups.length < 2) return 'no_signal';
  const logits = groups.map((g) => rate(g.n, g.pos));
  const max = Math.max(...logits);
  const min = Math.min(...logits);
  if (max - min < 0.05) return 'no_signal';
  const points = logits.map((l) => Math.round((100 * (max - l)) / (max - min)));
  if (c.kind === 'number') return { kind: 'number', breakpoints: groups.map((g, i) => ({ from: g.center, points: points[i] as number })) };
  if (c.kind === 'yesno') {
    const at = (label: string) => points[groups.findIndex((g) => g.label === label)] ?? 50;
    return { kind: 'yesno', yes: at('true'), no: at('false') };
  }
  return { kind: 'choice', options: groups.map((g, i) => ({ option: String(g.label), points: points[i] as number })), otherPoints: null };
}

/** L2-regularised logistic regression by Newton's method (intercept not penalised): deterministic, a few iterations. */
export function logisticRegression(x: readonly number[][], y: readonly boolean[], l2 = L2, maxIter = 50) {
  const p = (x[0]?.length ?? 0) + 1;
  const w = new Array<number>(p).fill(0);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const grad = new Array<number>(p).fill(0);
    const hess = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [1, ...(x[i] as number[])];
      let z = 0;
      for (let j = 0; j < p; j++) z += (w[j] as number) * (row[j] as number);
      const mu = 1 / (1 + Math.exp(-z));
      const r = (y[i] ? 1 : 0) - mu;
      const s = mu * (1 - mu);
      for (let j = 0; j < p; j++) {
        grad[j] = (grad[j] as number) + r * (row[j] as number);
        const hj = hess[j] as number[];
        for (let k = j; k < p; k++) hj[k] = (hj[k] as number) + s * (row[j] as number) * (row[k] as number);
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < j; k++) (hess[j] as number[])[k] = (hess[k] as number[])[j] as number;
      if (j > 0) {
        grad[j] = (grad[j] as number) - l2 * (w[j] as number);
        (hess[j] as number[])[j] = ((hess[j] as number[])[j] as number) + l2;
      }
    }
    const step = solve(hess, grad);
    let size = 0;
    for (let j = 0; j < p; j++) {
      w[j] = (w[j] as number) + (step[j] as number);
      size = Math.max(size, Math.abs(step[j] as number));
    }
    if (size < 1e-8) break;
  }
  return { intercept: w[0] as number, coefficients: w.slice(1), iterations: iter + 1 };
}

/** Solves A·s = b (A symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[piv] as number[])[c] as number)) piv = r;
    [m[c], m[piv]] = [m[piv] as number[], m[c] as number[]];
    const pr = m[c] as number[];
    const d = pr[c] as number;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = c + 1; r < n; r++) {
      const rr = m[r] as number[];
      const f = (rr[c] as number) / d;
      if (f) for (let k = c; k <= n; k++) rr[k] = (rr[k] as number) - f * (pr[k] as number);
    }
  }
  const s = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const rr = m[r] as number[];
    let v = rr[n] as number;
    for (let k = r + 1; k < n; k++) v -= (rr[k] as number) * (s[k] as number);
    s[r] = Math.abs(rr[r] as number) < 1e-12 ? 0 : v / (rr[r] as number);
  }
  return s;
}

/** 100 − points: an input whose points, next to the others, go with more churn rather than less. */
function flipped(t: TThresholds): TThresholds {
  if (t.kind === 'number') return { kind: 'number', breakpoints: t.breakpoints.map((b) => ({ from: b.from, points: 100 - b.points })) };
  if (t.kind === 'yesno') return { kind: 'yesno', yes: 100 - t.yes, no: 100 - t.no };
  return { ...t, options: t.options.map((o) => ({ option: o.option, points: 100 - o.points })) };
}

/** Fits a scorecard to the training rows from the candidates (see the module comment). */
export function fitScorecard(candidates: readonly TCandidate[], rows: readonly TFitRow[]): TFitResult {
  const dropped: TFitResult['dropped'] = [];
  const inputs: { key: string; thresholds: TThresholds; x: number[] }[] = [];
  for (const c of candidates) {
    const t = thresholdsFor(c, rows);
    if (typeof t === 'string') {
      dropped.push({ key: c.key, why: t });
      continue;
    }
    const pts = rows.map((r) => pointsFor(t, r.value(c.key)));
    const known = pts.filter((v): v is number => v !== null);
    const mean = known.reduce((a, b) => a + b, 0) / (known.length || 1);
    inputs.push({ key: c.key, thresholds: t, x: pts.map((v) => (v ?? mean) / 100) });
  }
  const y = rows.map((r) => r.churned);
  const fit = logisticRegression(
    rows.map((_, i) => inputs.map((inp) => inp.x[i] as number)),
    y,
  );
  const coef = fit.coefficients;
  const total = coef.reduce((a, c) => a + Math.abs(c), 0);
  const measures: TScorecardMeasure[] = [];
  inputs.forEach((inp, j) => {
    const c = coef[j] as number;
    const weight = total > 0 ? Math.round((1000 * Math.abs(c)) / total) / 10 : 0;
    if (weight < 0.5) dropped.push({ key: inp.key, why: 'tiny_weight' });
    else measures.push({ source: inp.key, weight, thresholds: c > 0 ? flipped(inp.thresholds) : inp.thresholds });
  });
  const iterations = fit.iterations;
  return { measures, dropped, iterations };
}
