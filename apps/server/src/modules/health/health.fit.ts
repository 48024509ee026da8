import { parseYesNo, type TMeasureValue, type TScorecardMeasure, type TThresholds } from './health.engine.ts';
import { aucOf, penalisedLogistic, predict, type TPenalty, type TSparseRow } from './health.fit.regression.ts';
import type { TMeasureKind } from './health.measures.ts';

/**
 * "Suggest weights" (pure, deterministic): fits a scorecard to past outcomes so that it stays a scorecard — every
 * measure maps its value to 0–100 points and the score is their weighted mean.
 * 1. Each candidate input gets its groups from the training accounts: a number's values cut into up to twenty
 *    equal-count groups (each distinct value its own group when there are few; the group's median is a breakpoint),
 *    a choice's options, yes and no. An input seen on too few accounts, or whose groups churn alike, is dropped.
 * 2. One penalised logistic regression of churn on every input's groups at once (a column per option; a number's
 *    value spread over its two nearest breakpoints, which is exactly how the engine interpolates points between
 *    breakpoints). Fitting the groups jointly, not one input at a time, lets overlapping inputs (a price and the
 *    product behind it; options that all mean "no internet") share the signal instead of counting it twice. The
 *    penalty pulls a choice's options towards each other and a number's neighbouring breakpoints towards each other
 *    (a smooth curve); its strength is chosen by k-fold cross-validation on the training accounts (the highest mean
 *    ROC AUC on the held-out folds), never on the test part.
 * 3. Each input's group coefficients become points: 100 for the group that churns least, 0 for the one that churns
 *    most, in proportion between; its weight is the spread of its coefficients (scaled so the weights sum to 100).
 *    The weighted mean of the points is then a decreasing function of the regression's churn prediction, so with every
 *    input present the scorecard ranks accounts exactly as the regression does.
 */
export interface TCandidate {
  key: string;
  kind: TMeasureKind;
}
export interface TFitRow {
  churned: boolean;
  value: (key: string) => TMeasureValue | null | undefined;
}
export interface TFitOptions {
  /** Up to this many equal-count groups of a number's values (default 20). */
  groups?: number;
  /** Folds of the cross-validation that chooses the penalty (default 5). */
  folds?: number;
  /** The penalty strengths tried (default 0.3 to 300). */
  penalties?: number[];
  /** A number's smoothness penalty relative to a choice's (default 1). */
  smoothness?: number;
}
export interface TFitResult {
  measures: TScorecardMeasure[];
  dropped: { key: string; why: 'coverage' | 'no_signal' | 'tiny_weight' }[];
  iterations: number;
  /** The cross-validation that chose the penalty: its mean held-out AUC (null when there were too few accounts). */
  crossValidation: { folds: number; auc: number | null; penalty: number } | null;
}

const MIN_COVERAGE = 0.05;
/** An input seen on fewer training accounts says nothing dependable. */
const MIN_ROWS = 10;
const DEFAULTS = { groups: 20, folds: 5, penalties: [0.3, 1, 3, 10, 30, 100, 300], smoothness: 1 };
/** Rows of the overall churn rate a group's rate is pulled towards in the "no signal" test. */
const SMOOTHING = 20;
const logit = (p: number) => Math.log(p / (1 - p));

type TShape = { kind: 'number'; centers: number[] } | { kind: 'choice'; options: string[] } | { kind: 'yesno' };
const norm = (v: TMeasureValue) => String(v).trim().toLowerCase();

/** The groups of one candidate from the training rows, or why it is left out. */
export function groupsFor(c: TCandidate, rows: readonly TFitRow[], groups = DEFAULTS.groups): TShape | 'coverage' | 'no_signal' {
  const seen: { v: TMeasureValue; y: boolean }[] = [];
  for (const r of rows) {
    const v = r.value(c.key);
    if (v !== null && v !== undefined && v !== '') seen.push({ v, y: r.churned });
  }
  if (seen.length < MIN_ROWS || seen.length < MIN_COVERAGE * rows.length) return 'coverage';
  const base = seen.filter((s) => s.y).length / seen.length;
  if (base === 0 || base === 1) return 'no_signal';
  const parts: { label: string; center: number; n: number; pos: number }[] = [];
  if (c.kind === 'number') {
    const nums = seen.map((s) => ({ x: Number(s.v), y: s.y })).filter((s) => Number.isFinite(s.x));
    nums.sort((a, b) => a.x - b.x);
    const target = nums.length / groups;
    let start = 0;
    while (start < nums.length) {
      let end = Math.min(nums.length, Math.max(start + 1, Math.round(start + target)));
      while (end < nums.length && (nums[end] as { x: number }).x === (nums[end - 1] as { x: number }).x) end++;
      const part = nums.slice(start, end);
      const mid = (part[Math.floor(part.length / 2)] as { x: number }).x;
      parts.push({ label: String(mid), center: mid, n: part.length, pos: part.filter((p) => p.y).length });
      start = end;
    }
  } else {
    const by = new Map<string, { label: string; n: number; pos: number }>();
    for (const s of seen) {
      const yes = c.kind === 'yesno' ? parseYesNo(s.v) : null;
      if (c.kind === 'yesno' && yes === null) continue;
      const k = c.kind === 'yesno' ? String(yes) : norm(s.v);
      const g = by.get(k) ?? { label: c.kind === 'yesno' ? k : String(s.v).trim(), n: 0, pos: 0 };
      g.n++;
      if (s.y) g.pos++;
      by.set(k, g);
    }
    for (const g of [...by.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))) parts.push({ ...g, center: 0 });
  }
  if (parts.length < 2) return 'no_signal';
  const logits = parts.map((g) => logit((g.pos + SMOOTHING * base) / (g.n + SMOOTHING)));
  if (Math.max(...logits) - Math.min(...logits) < 0.05) return 'no_signal';
  if (c.kind === 'number') return { kind: 'number', centers: parts.map((g) => g.center) };
  if (c.kind === 'yesno') return { kind: 'yesno' };
  return { kind: 'choice', options: parts.map((g) => g.label) };
}

/** Columns of one value of an input (relative to the input's first column), or null when it counts as missing. */
function basisOf(shape: TShape, value: TMeasureValue | null | undefined): { idx: number[]; val: number[] } | null {
  if (value === null || value === undefined || value === '') return null;
  if (shape.kind === 'yesno') {
    const yes = parseYesNo(value);
    return yes === null ? null : { idx: [yes ? 0 : 1], val: [1] };
  }
  if (shape.kind === 'choice') {
    const at = shape.options.findIndex((o) => norm(o) === norm(value));
    return at < 0 ? null : { idx: [at], val: [1] };
  }
  const v = typeof value === 'number' ? value : Number(value);
  const c = shape.centers;
  if (!Number.isFinite(v)) return null;
  if (v <= (c[0] as number)) return { idx: [0], val: [1] };
  for (let k = 1; k < c.length; k++) {
    const hi = c[k] as number;
    if (v <= hi) {
      const lo = c[k - 1] as number;
      const t = (v - lo) / (hi - lo);
      return { idx: [k - 1, k], val: [1 - t, t] };
    }
  }
  return { idx: [c.length - 1], val: [1] };
}

const width = (s: TShape) => (s.kind === 'number' ? s.centers.length : s.kind === 'yesno' ? 2 : s.options.length);

/** The design: a sparse row per account (a missing input takes its mean columns) and the penalty. */
function design(inputs: { key: string; shape: TShape; at: number }[], rows: readonly TFitRow[], smoothness: number) {
  const bases = inputs.map((inp) => rows.map((r) => basisOf(inp.shape, r.value(inp.key))));
  const means = inputs.map((inp, j) => {
    const sum = new Array<number>(width(inp.shape)).fill(0);
    let n = 0;
    for (const b of bases[j] as ({ idx: number[]; val: number[] } | null)[]) {
      if (!b) continue;
      n++;
      b.idx.forEach((i, a) => {
        sum[i] = (sum[i] as number) + (b.val[a] as number);
      });
    }
    return sum.map((s) => s / (n || 1));
  });
  const x: TSparseRow[] = rows.map((_, r) => {
    const idx: number[] = [];
    const val: number[] = [];
    inputs.forEach((inp, j) => {
      const b = (bases[j] as ({ idx: number[]; val: number[] } | null)[])[r];
      const cols = b ?? { idx: (means[j] as number[]).map((_, i) => i), val: means[j] as number[] };
      cols.idx.forEach((i, a) => {
        if (!cols.val[a]) return;
        idx.push(inp.at + i);
        val.push(cols.val[a] as number);
      });
    });
    return { idx, val };
  });
  const penalty: TPenalty = [];
  for (const inp of inputs) {
    const k = width(inp.shape);
    if (inp.shape.kind !== 'number') for (let i = 0; i < k; i++) penalty.push({ i: inp.at + i, j: inp.at + i, v: 1 });
    else {
      // Neighbouring breakpoints pulled together (a smooth curve), and a slight pull of the level towards zero.
      for (let i = 0; i < k; i++)
        penalty.push({ i: inp.at + i, j: inp.at + i, v: 0.01 + smoothness * ((i > 0 ? 1 : 0) + (i < k - 1 ? 1 : 0)) });
      for (let i = 1; i < k; i++)
        penalty.push({ i: inp.at + i, j: inp.at + i - 1, v: -smoothness }, { i: inp.at + i - 1, j: inp.at + i, v: -smoothness });
    }
  }
  return { x, penalty };
}

/** The penalty with the best mean held-out AUC over `folds` folds (row i in fold i mod folds); ties: the stronger. */
function choosePenalty(x: TSparseRow[], y: boolean[], p: number, penalty: TPenalty, penalties: number[], folds: number) {
  const sums = penalties.map(() => 0);
  for (let f = 0; f < folds; f++) {
    const tr = x.flatMap((_, i) => (i % folds === f ? [] : [i]));
    const va = x.flatMap((_, i) => (i % folds === f ? [i] : []));
    let warm: number[] | undefined;
    // Strongest first: each fit starts from the previous one's coefficients.
    for (let l = penalties.length - 1; l >= 0; l--) {
      const fit = penalisedLogistic(
        tr.map((i) => x[i] as TSparseRow),
        tr.map((i) => y[i] as boolean),
        p,
        penalty,
        penalties[l] as number,
        warm,
      );
      warm = fit.w;
      sums[l] =
        (sums[l] as number) +
        (aucOf(
          va.map((i) => predict(fit.w, x[i] as TSparseRow)),
          va.map((i) => y[i] as boolean),
        ) ?? 0.5);
    }
  }
  let best = penalties.length - 1;
  for (let l = penalties.length - 1; l >= 0; l--) if ((sums[l] as number) > (sums[best] as number) + 1e-12) best = l;
  return { penalty: penalties[best] as number, auc: (sums[best] as number) / folds };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Fits a scorecard to the training rows from the candidates (see the module comment). */
export function fitScorecard(candidates: readonly TCandidate[], rows: readonly TFitRow[], options: TFitOptions = {}): TFitResult {
  const o = { ...DEFAULTS, ...options };
  const dropped: TFitResult['dropped'] = [];
  const inputs: { key: string; shape: TShape; at: number }[] = [];
  let p = 0;
  for (const c of candidates) {
    const shape = groupsFor(c, rows, o.groups);
    if (typeof shape === 'string') dropped.push({ key: c.key, why: shape });
    else {
      inputs.push({ key: c.key, shape, at: p });
      p += width(shape);
    }
  }
  if (!inputs.length) return { measures: [], dropped, iterations: 0, crossValidation: null };
  const { x, penalty } = design(inputs, rows, o.smoothness);
  const y = rows.map((r) => r.churned);
  const positives = y.filter(Boolean).length;
  const cv =
    o.penalties.length > 1 && Math.min(positives, y.length - positives) >= 2 * o.folds
      ? { folds: o.folds, ...choosePenalty(x, y, p, penalty, o.penalties, o.folds) }
      : null;
  const fit = penalisedLogistic(x, y, p, penalty, cv?.penalty ?? (o.penalties[Math.floor(o.penalties.length / 2)] as number));
  const spreads = inputs.map((inp) => {
    const b = fit.w.slice(inp.at + 1, inp.at + 1 + width(inp.shape));
    return { b, max: Math.max(...b), min: Math.min(...b) };
  });
  const total = spreads.reduce((a, s) => a + (s.max - s.min), 0);
  const measures: TScorecardMeasure[] = [];
  inputs.forEach((inp, j) => {
    const { b, max, min } = spreads[j] as { b: number[]; max: number; min: number };
    const weight = total > 0 ? round1((100 * (max - min)) / total) : 0;
    if (weight < 0.5) {
      dropped.push({ key: inp.key, why: 'tiny_weight' });
      return;
    }
    const pts = b.map((v) => round1((100 * (max - v)) / (max - min)));
    const s = inp.shape;
    const thresholds: TThresholds =
      s.kind === 'number'
        ? { kind: 'number', breakpoints: s.centers.map((from, i) => ({ from, points: pts[i] as number })) }
        : s.kind === 'yesno'
          ? { kind: 'yesno', yes: pts[0] as number, no: pts[1] as number }
          : { kind: 'choice', options: s.options.map((option, i) => ({ option, points: pts[i] as number })), otherPoints: null };
    measures.push({ source: inp.key, weight, thresholds });
  });
  const crossValidation = cv ? { folds: cv.folds, auc: Math.round(cv.auc * 10_000) / 10_000, penalty: cv.penalty } : null;
  return { measures, dropped, iterations: fit.iterations, crossValidation };
}
