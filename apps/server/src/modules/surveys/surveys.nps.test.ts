import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { categoryOf, monthsBefore, tally, tallyScores, trendWithTrailing } from './surveys.nps.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8');

describe('NPS arithmetic (METRICS.md)', () => {
  it('gives the published figures of the Sudzilla survey: NPS −35.9 over 39 answers, 8 promoters, 22 detractors', () => {
    const input = Papa.parse<string[]>(fixture('nps-sudzilla-input.csv'), { skipEmptyLines: 'greedy' }).data;
    const column = input[0]?.indexOf('On a scale of 0-10, how would you rate Sudzilla?') ?? -1;
    expect(column).toBe(1);
    const scores = input.slice(1).map((row) => Number(row[column]));
    const [header, expected] = Papa.parse<string[]>(fixture('nps-sudzilla-output.csv'), { skipEmptyLines: 'greedy' }).data;
    expect(header).toEqual(['NPS Score', 'Total Respondents', 'Promoter', 'Detractor']);
    const t = tallyScores('nps', scores);
    expect([t.score, t.respondents, t.promoters, t.detractors]).toEqual(expected?.map(Number));
    expect(t.passives).toBe(9);
  });

  it('sorts answers into promoters, passives and detractors at the boundaries, for NPS and CSAT', () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => categoryOf('nps', s))).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    expect([1, 2, 3, 4, 5].map((s) => categoryOf('csat', s))).toEqual(['detractor', 'detractor', 'passive', 'promoter', 'promoter']);
    // CSAT is the satisfied share (4–5 of 5).
    expect(tallyScores('csat', [5, 4, 3, 1]).score).toBe(50);
    expect(tally('nps', { promoters: 1, passives: 1, detractors: 1 }).score).toBe(0);
    expect(tally('nps', { promoters: 2, passives: 0, detractors: 1 }).score).toBe(33.3);
    expect(tallyScores('nps', []).score).toBeNull();
  });

  it('gives every month of the range its own figure and the trailing figure of it and the two months before', () => {
    expect([monthsBefore('2026-02', 2), monthsBefore('2026-01', 1), monthsBefore('2026-12', 0)]).toEqual(['2025-12', '2025-12', '2026-12']);
    const whole = [
      { month: '2025-11', promoters: 3, passives: 0, detractors: 0 },
      { month: '2026-01', promoters: 0, passives: 0, detractors: 1 },
      { month: '2026-03', promoters: 1, passives: 1, detractors: 0 },
    ];
    // The range starts mid-January: its own January count has no answer, the trailing figure reads whole months.
    const trend = trendWithTrailing('nps', whole.slice(2), whole, '2026-01', '2026-04');
    expect(trend.map((m) => [m.month, m.respondents, m.score, m.trailing.respondents, m.trailing.score])).toEqual([
      ['2026-01', 0, null, 4, 50], // Nov 3 promoters + Jan 1 detractor (Dec empty)
      ['2026-02', 0, null, 1, -100], // Dec, Jan, Feb: the one detractor
      ['2026-03', 2, 50, 3, 0], // Jan's detractor, Mar's promoter and passive
      ['2026-04', 0, null, 2, 50], // Feb, Mar, Apr
    ]);
  });
});
