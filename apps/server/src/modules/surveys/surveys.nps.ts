/**
 * Survey arithmetic (METRICS.md): an NPS answer 9–10 is a promoter, 7–8 passive, 0–6 a detractor;
 * NPS = (promoters − detractors) ÷ respondents × 100, rounded to one decimal. A CSAT answer (1–5) of 4–5 is
 * satisfied, 1–2 a detractor; CSAT = satisfied ÷ respondents × 100. Pure: no database.
 */
export const SURVEY_KINDS = ['nps', 'csat'] as const;
export type TSurveyKind = (typeof SURVEY_KINDS)[number];

export const SCORE_RANGE: Record<TSurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
};

export const CATEGORIES = ['promoter', 'passive', 'detractor'] as const;
export type TCategory = (typeof CATEGORIES)[number];

/** Which side an answer is on: NPS 9–10 / 7–8 / 0–6; CSAT 4–5 / 3 / 1–2. */
export function categoryOf(kind: TSurveyKind, score: number): TCategory {
  if (kind === 'nps') return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  return score >= 4 ? 'promoter' : score === 3 ? 'passive' : 'detractor';
}

/** The score bounds of each category, for filtering in SQL. */
export function categoryBounds(kind: TSurveyKind, category: TCategory): { min: number; max: number } {
  if (kind === 'nps') return { promoter: { min: 9, max: 10 }, passive: { min: 7, max: 8 }, detractor: { min: 0, max: 6 } }[category];
  return { promoter: { min: 4, max: 5 }, passive: { min: 3, max: 3 }, detractor: { min: 1, max: 2 } }[category];
}

export interface TScoreTally {
  respondents: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** NPS (−100…100) for an NPS survey, the satisfied share (0…100) for CSAT; null without respondents. */
  score: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The figure from counts (as SQL returns them per period or segment). */
export function tally(kind: TSurveyKind, c: { promoters: number; passives: number; detractors: number }): TScoreTally {
  const { promoters, passives, detractors } = c;
  const respondents = promoters + passives + detractors;
  const score = !respondents
    ? null
    : kind === 'nps'
      ? round1(((promoters - detractors) / respondents) * 100)
      : round1((promoters / respondents) * 100);
  return { respondents, promoters, passives, detractors, score };
}

/** The figure of a list of answers. */
export function tallyScores(kind: TSurveyKind, scores: readonly number[]): TScoreTally {
  const c = { promoters: 0, passives: 0, detractors: 0 };
  for (const s of scores) {
    const k = categoryOf(kind, s);
    if (k === 'promoter') c.promoters++;
    else if (k === 'passive') c.passives++;
    else c.detractors++;
  }
  return tally(kind, c);
}

/** Months a trend's smoothed figure spans: the month and the two before it (a quarter, trailing). */
export const TRAILING_MONTHS = 3;

type TCounts = { promoters: number; passives: number; detractors: number };

/** The month after `month` (YYYY-MM). */
function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The month `n` months before `month` (YYYY-MM). */
export function monthsBefore(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Every month from `first` to `last` (YYYY-MM) with its own figure (from `own`, counts per month within the
 * range) and the trailing figure of it and the months before (`TRAILING_MONTHS`, from `whole`, counts per whole
 * month starting earlier). Either may skip months without answers. A month with one answer swings between −100
 * and +100; the trailing figure is what the trend line shows, the month's own figure stays beside it.
 */
export function trendWithTrailing(
  kind: TSurveyKind,
  own: readonly (TCounts & { month: string })[],
  whole: readonly (TCounts & { month: string })[],
  first: string,
  last: string,
): (TScoreTally & { month: string; trailing: TScoreTally })[] {
  const ownByMonth = new Map(own.map((c) => [c.month, c]));
  const byMonth = new Map(whole.map((c) => [c.month, c]));
  const none: TCounts = { promoters: 0, passives: 0, detractors: 0 };
  const out: (TScoreTally & { month: string; trailing: TScoreTally })[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) {
    const sum = { ...none };
    for (let back = 0; back < TRAILING_MONTHS; back++) {
      const c = byMonth.get(monthsBefore(month, back));
      if (!c) continue;
      sum.promoters += c.promoters;
      sum.passives += c.passives;
      sum.detractors += c.detractors;
    }
    out.push({ month, ...tally(kind, ownByMonth.get(month) ?? none), trailing: tally(kind, sum) });
  }
  return out;
}
