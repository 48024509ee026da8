/**
 * The fitter's arithmetic (pure, deterministic): a penalised logistic regression on sparse rows by Newton's method,
 * and the area under the ROC curve of its predictions. health.fit.ts builds the rows and reads the result.
 */

/** One row of the design: the columns that are not zero and their values (column 0, the intercept, is implicit). */
export interface TSparseRow {
  idx: number[];
  val: number[];
}

/** A symmetric penalty λ·wᵀPw/2 given as its non-zero entries (both halves of each off-diagonal pair). */
export type TPenalty = { i: number; j: number; v: number }[];

/**
 * Maximises the log-likelihood of `y` under P(churn) = σ(w₀ + Σ wⱼ·xⱼ) minus λ·wᵀPw/2 (the intercept w₀ is not
 * penalised) by Newton's method, starting from `start` (a warm start) or zero. `p` columns besides the intercept.
 */
export function penalisedLogistic(
  rows: readonly TSparseRow[],
  y: readonly boolean[],
  p: number,
  penalty: TPenalty,
  lambda: number,
  start?: readonly number[],
  maxIter = 40,
): { w: number[]; iterations: number } {
  const n = p + 1;
  const w = start ? [...start] : new Array<number>(n).fill(0);
  if (!start) {
    const rate = y.filter(Boolean).length / (y.length || 1);
    w[0] = Math.log(Math.max(rate, 1e-6) / Math.max(1 - rate, 1e-6));
  }
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const grad = new Float64Array(n);
    const hess = Array.from({ length: n }, () => new Float64Array(n));
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as TSparseRow;
      let z = w[0] as number;
      for (let a = 0; a < row.idx.length; a++) z += (w[(row.idx[a] as number) + 1] as number) * (row.val[a] as number);
      const mu = 1 / (1 + Math.exp(-z));
      const res = (y[r] ? 1 : 0) - mu;
      const s = mu * (1 - mu);
      grad[0] = (grad[0] as number) + res;
      (hess[0] as Float64Array)[0] = ((hess[0] as Float64Array)[0] as number) + s;
      for (let a = 0; a < row.idx.length; a++) {
        const ca = (row.idx[a] as number) + 1;
        const va = row.val[a] as number;
        grad[ca] = (grad[ca] as number) + res * va;
        const ha = hess[ca] as Float64Array;
        ha[0] = (ha[0] as number) + s * va;
        for (let b = 0; b < row.idx.length; b++) {
          const cb = (row.idx[b] as number) + 1;
          ha[cb] = (ha[cb] as number) + s * va * (row.val[b] as number);
        }
      }
    }
    for (let j = 1; j < n; j++) (hess[0] as Float64Array)[j] = (hess[j] as Float64Array)[0] as number;
    for (const { i, j, v } of penalty) {
      grad[i + 1] = (grad[i + 1] as number) - lambda * v * (w[j + 1] as number);
      (hess[i + 1] as Float64Array)[j + 1] = ((hess[i + 1] as Float64Array)[j + 1] as number) + lambda * v;
    }
    const step = solve(hess, grad);
    let size = 0;
    for (let j = 0; j < n; j++) {
      w[j] = (w[j] as number) + (step[j] as number);
      size = Math.max(size, Math.abs(step[j] as number));
    }
    if (size < 1e-7) break;
  }
  return { w, iterations: iter + 1 };
}

/** The linear predictor of a row (higher: more likely to churn). */
export function predict(w: readonly number[], row: TSparseRow): number {
  let z = w[0] as number;
  for (let a = 0; a < row.idx.length; a++) z += (w[(row.idx[a] as number) + 1] as number) * (row.val[a] as number);
  return z;
}

/** ROC AUC of a risk (higher: more churn), ties counting half; null without both outcomes. */
export function aucOf(risk: readonly number[], y: readonly boolean[]): number | null {
  const order = risk.map((_, i) => i).sort((a, b) => (risk[a] as number) - (risk[b] as number));
  const pos = y.filter(Boolean).length;
  const neg = y.length - pos;
  if (!pos || !neg) return null;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && risk[order[j] as number] === risk[order[i] as number]) j++;
    for (let k = i; k < j; k++) if (y[order[k] as number]) rankSum += (i + 1 + j) / 2;
    i = j;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Solves A·s = b (A symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(a: readonly Float64Array[], b: Float64Array): number[] {
  const n = b.length;
  const m: Float64Array[] = a.map((row, i) => {
    const r: Float64Array = new Float64Array(n + 1);
    r.set(row);
    r[n] = b[i] as number;
    return r;
  });
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((m[r] as Float64Array)[c] as number) > Math.abs((m[piv] as Float64Array)[c] as number)) piv = r;
    [m[c], m[piv]] = [m[piv] as Float64Array, m[c] as Float64Array];
    const pr = m[c] as Float64Array;
    const d = pr[c] as number;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = c + 1; r < n; r++) {
      const rr = m[r] as Float64Array;
      const f = (rr[c] as number) / d;
      if (f) for (let k = c; k <= n; k++) rr[k] = (rr[k] as number) - f * (pr[k] as number);
    }
  }
  const s = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const rr = m[r] as Float64Array;
    let v = rr[n] as number;
    for (let k = r + 1; k < n; k++) v -= (rr[k] as number) * (s[k] as number);
    s[r] = Math.abs(rr[r] as number) < 1e-12 ? 0 : v / (rr[r] as number);
  }
  return s;
}
