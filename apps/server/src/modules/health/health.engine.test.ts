import { describe, expect, it } from 'vitest';
import { bandOf, parseYesNo, pointsFor, scoreAccount, weightedScore } from './health.engine.ts';

describe('health engine: METRICS.md test vectors', () => {
  it('H1: measures 80 (weight 2), 40 (weight 1), 60 (weight 1) score (160 + 40 + 60) ÷ 4 = 65', () => {
    expect(
      weightedScore([
        { points: 80, weight: 2 },
        { points: 40, weight: 1 },
        { points: 60, weight: 1 },
      ]),
    ).toBe(65);
  });

  it('H2: bands 0–50 red, 51–75 yellow, 76–100 green', () => {
    expect(bandOf(50)).toBe('red');
    expect(bandOf(51)).toBe('yellow');
    expect(bandOf(75)).toBe('yellow');
    expect(bandOf(76)).toBe('green');
    expect(bandOf(0)).toBe('red');
    expect(bandOf(100)).toBe('green');
    expect(bandOf(null)).toBeNull();
    expect(bandOf(60, { redMax: 60, yellowMax: 80 })).toBe('red');
  });

  it('H3: three conditions scored healthy 10, healthy 10, poor 0 give 6.67 on a 0–10 scale', () => {
    const yesno = { kind: 'yesno' as const, yes: 100, no: 0 };
    const { score } = scoreAccount(
      ['a', 'b', 'c'].map((source) => ({ source, weight: 1, thresholds: yesno })),
      (s) => (s === 'c' ? 'no' : 'yes'),
    );
    expect(Math.round(((score as number) / 10) * 100) / 100).toBe(6.67);
  });
});

describe('health engine: points and missing measures', () => {
  const tenure = {
    kind: 'number' as const,
    breakpoints: [
      { from: 0, points: 0 },
      { from: 12, points: 60 },
      { from: 24, points: 100 },
    ],
  };
  it('interpolates between breakpoints and holds the ends', () => {
    expect(pointsFor(tenure, -3)).toBe(0);
    expect(pointsFor(tenure, 6)).toBe(30);
    expect(pointsFor(tenure, 12)).toBe(60);
    expect(pointsFor(tenure, 18)).toBe(80);
    expect(pointsFor(tenure, 99)).toBe(100);
    expect(pointsFor(tenure, 'x')).toBeNull();
  });
  it('scores choices by option (any case) and yes/no in several spellings', () => {
    const plan = {
      kind: 'choice' as const,
      options: [
        { option: 'Gold', points: 90 },
        { option: 'Silver', points: 50 },
      ],
      otherPoints: null,
    };
    expect(pointsFor(plan, 'gold')).toBe(90);
    expect(pointsFor(plan, 'Bronze')).toBeNull();
    expect(pointsFor({ ...plan, otherPoints: 10 }, 'Bronze')).toBe(10);
    expect(parseYesNo('Ja')).toBe(true);
    expect(parseYesNo('0')).toBe(false);
    expect(parseYesNo('maybe')).toBeNull();
  });
  it('skips a missing measure instead of counting it as zero', () => {
    const r = scoreAccount(
      [
        { source: 'tenure', weight: 1, thresholds: tenure },
        { source: 'pulse', weight: 3, thresholds: tenure },
      ],
      (s) => (s === 'tenure' ? 24 : null),
    );
    expect(r.score).toBe(100);
    expect(r.measures[1]).toMatchObject({ source: 'pulse', value: null, points: null });
    expect(scoreAccount([{ source: 'pulse', weight: 1, thresholds: tenure }], () => null).score).toBeNull();
  });
});
