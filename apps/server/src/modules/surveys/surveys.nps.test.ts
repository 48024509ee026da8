import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { categoryOf, tally, tallyScores } from './surveys.nps.ts';

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
});
