import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../../platform/demo-random.ts';
import { pointsFor, scoreAccount, type TMeasureValue } from './health.engine.ts';
import { rocAuc } from './health.evaluate.ts';
import { aucOf, penalisedLogistic } from './health.fit.regression.ts';
import { fitScorecard, type TFitRow } from './health.fit.ts';

/**
 * Synthetic churn with other columns than any real data set: a U-shaped number (churn high at both ends of "age"),
 * a plan choice, a yes/no flag, a copy of the plan under another name (overlapping inputs), pure noise, and a
 * sparse field seen on few accounts.
 */
function customers(n: number, seed: number) {
  const rnd = random(seed);
  const plans = ['Basic', 'Plus', 'Pro'];
  return Array.from({ length: n }, () => {
    const age = Math.round(rnd() * 100);
    const plan = plans[Math.floor(rnd() * 3)] as string;
    const flag = rnd() < 0.4;
    const noise = rnd() * 50;
    const z = -1.2 + 0.0009 * (age - 50) ** 2 + (plan === 'Basic' ? 1 : plan === 'Pro' ? -0.8 : 0) + (flag ? 0.7 : 0);
    const values: Record<string, TMeasureValue> = { age, plan, flag: flag ? 'yes' : 'no', tier: plan.toUpperCase(), noise };
    if (rnd() < 0.02) values.sparse = rnd() * 10;
    return { churned: rnd() < 1 / (1 + Math.exp(-z)), values };
  });
}
const asRow = (c: { churned: boolean; values: Record<string, TMeasureValue> }): TFitRow => ({
  churned: c.churned,
  value: (k) => c.values[k],
});
const CANDIDATES = [
  { key: 'age', kind: 'number' as const },
  { key: 'plan', kind: 'choice' as const },
  { key: 'flag', kind: 'yesno' as const },
  { key: 'tier', kind: 'choice' as const },
  { key: 'noise', kind: 'number' as const },
  { key: 'sparse', kind: 'number' as const },
];

describe('fitting a scorecard', () => {
  const train = customers(3000, 1);
  const test = customers(2000, 2);
  const fit = fitScorecard(CANDIDATES, train.map(asRow));
  const score = (rows: typeof test) =>
    rows.flatMap((c) => {
      const s = scoreAccount(fit.measures, (k) => c.values[k]).score;
      return s === null ? [] : [{ score: s, churned: c.churned }];
    });
  const byKey = new Map(fit.measures.map((m) => [m.source, m]));

  it('ranks unseen customers as well as the true model, with a U-shaped number, a choice and a flag', () => {
    const truth = rocAuc(
      test.map((c) => {
        const v = c.values;
        const z =
          0.0009 * ((v.age as number) - 50) ** 2 + (v.plan === 'Basic' ? 1 : v.plan === 'Pro' ? -0.8 : 0) + (v.flag === 'yes' ? 0.7 : 0);
        return { score: -z, churned: c.churned };
      }),
    ) as number;
    const auc = rocAuc(score(test)) as number;
    expect(auc).toBeGreaterThan(truth - 0.02);
    expect(fit.crossValidation).toMatchObject({ folds: 5 });
    expect(fit.crossValidation?.auc).toBeGreaterThan(0.65);
  });

  it('keeps the points explainable: 0–100 per group, the churniest group lowest, weights summing to 100', () => {
    const age = byKey.get('age')?.thresholds;
    expect(age?.kind).toBe('number');
    if (age?.kind !== 'number') return;
    // U-shape: the middle of the range scores above both ends.
    const at = (v: number) => pointsFor(age, v) as number;
    expect(at(50)).toBeGreaterThan(at(2) + 30);
    expect(at(50)).toBeGreaterThan(at(98) + 30);
    for (const m of fit.measures) {
      const t = m.thresholds;
      const pts =
        t.kind === 'number' ? t.breakpoints.map((b) => b.points) : t.kind === 'choice' ? t.options.map((o) => o.points) : [t.yes, t.no];
      expect(Math.min(...pts)).toBe(0);
      expect(Math.max(...pts)).toBe(100);
    }
    expect(byKey.get('flag')?.thresholds).toEqual({ kind: 'yesno', yes: 0, no: 100 });
    const total = fit.measures.reduce((a, m) => a + m.weight, 0);
    expect(Math.abs(total - 100)).toBeLessThan(1);
  });

  it('drops what carries nothing, and shares an overlapping signal instead of counting it twice', () => {
    expect(fit.dropped).toContainEqual({ key: 'sparse', why: 'coverage' });
    expect(byKey.get('noise')?.weight ?? 0).toBeLessThan(10);
    // plan and its copy under another name: together about what one would get alone.
    const alone = fitScorecard(
      CANDIDATES.filter((c) => c.key !== 'tier'),
      train.map(asRow),
    );
    const planAlone = alone.measures.find((m) => m.source === 'plan')?.weight as number;
    const both = (byKey.get('plan')?.weight ?? 0) + (byKey.get('tier')?.weight ?? 0);
    expect(Math.abs(both - planAlone)).toBeLessThan(5);
  });

  it('is deterministic', () => {
    expect(fitScorecard(CANDIDATES, train.map(asRow))).toEqual(fit);
  });

  it('fits nothing when no input has data', () => {
    expect(fitScorecard(CANDIDATES, [])).toMatchObject({ measures: [], crossValidation: null });
  });
});

describe('the penalised regression', () => {
  it('recovers a known coefficient and computes the AUC with ties counting half', () => {
    const rnd = random(7);
    const x = Array.from({ length: 4000 }, () => rnd() * 2 - 1);
    const y = x.map((v) => rnd() < 1 / (1 + Math.exp(-(0.5 + 2 * v))));
    const fit = penalisedLogistic(
      x.map((v) => ({ idx: [0], val: [v] })),
      y,
      1,
      [],
      0,
    );
    expect(fit.w[0]).toBeCloseTo(0.5, 0);
    expect(fit.w[1]).toBeCloseTo(2, 0);
    expect(aucOf([1, 2, 2, 3], [false, true, false, true])).toBe(0.875);
  });
});
