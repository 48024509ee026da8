import type { TStoredMilestone } from './journeys.table.ts';

export type { TStoredMilestone };

/**
 * The documents' onboarding-and-renewal year (seeds 003/004: "Customer365 is a 365 day plan that identifies the
 * interactions with customers from one renewal to the next"), preloaded as every organisation's default journey.
 */
export const DEFAULT_JOURNEY = {
  name: 'Customer365',
  description: 'The year from one renewal to the next: onboarding, adoption, achievement and renewal.',
  triggers: ['subscription_start', 'renewal'] as string[],
  milestones: [
    {
      key: 'technical_setup',
      name: 'Technical set-up',
      week: 1,
      durationWeeks: 1,
      checklist: ['Blog migrated', 'CRM integrated', 'Website code deployed'],
      successCriteria: 'The product is connected to the customer’s website and CRM.',
      responsibleRole: 'cse',
      effort: 'high',
    },
    {
      key: 'active',
      name: 'Active',
      week: 4,
      durationWeeks: 3,
      checklist: ['New leads flowing', '1st workflow live', '1st blog post live'],
      successCriteria: 'Leads flow in and the first workflow runs.',
      responsibleRole: 'csm',
      effort: 'medium',
    },
    {
      key: 'initial_value',
      name: 'Initial value',
      week: 8,
      durationWeeks: 4,
      checklist: ['Build attribution report', 'Complete month of stats'],
      successCriteria: 'A full month of statistics and an attribution report the customer agrees with.',
      responsibleRole: 'csm',
      effort: 'medium',
    },
    {
      key: 'full_speed',
      name: 'Full speed',
      week: 10,
      durationWeeks: 2,
      checklist: ['Email campaign sent', 'Lead nurture active', 'Social monitoring active'],
      successCriteria: 'Every channel the customer bought is in use.',
      responsibleRole: 'csm',
      effort: 'medium',
    },
    {
      key: 'achievement',
      name: 'Achievement',
      week: 52,
      durationWeeks: 41,
      checklist: ['% lead goal achieved', '% new sales goal achieved'],
      successCriteria: 'The customer reaches the lead and new-sales goals of their success plan.',
      responsibleRole: 'csm',
      effort: 'low',
    },
    {
      key: 'renewal',
      name: 'Renewal',
      week: 52,
      durationWeeks: 13,
      checklist: ['Renewal conversation 90 days out', 'Renewal quote sent', 'Renewal signed'],
      successCriteria: 'The subscription is renewed before its term ends.',
      responsibleRole: 'vp_cs',
      effort: 'medium',
    },
  ] satisfies TStoredMilestone[],
};

const DAY = 86_400_000;
export const addDaysTo = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** A milestone's days from the journey's start: it runs its weeks up to the end of its due week. */
export function milestoneDays(startedOn: string, m: Pick<TStoredMilestone, 'week' | 'durationWeeks'>) {
  const duration = Math.min(Math.max(m.durationWeeks, 1), m.week);
  return { startsOn: addDaysTo(startedOn, (m.week - duration) * 7), dueOn: addDaysTo(startedOn, m.week * 7 - 1) };
}

export type TMilestoneStatus = 'upcoming' | 'on_track' | 'late' | 'done';

/** Done once completed; late when open past its due day; on track while it runs; upcoming before it starts. */
export function milestoneStatus(m: { completedAt: Date | null; startsOn: string; dueOn: string }, today: string): TMilestoneStatus {
  if (m.completedAt) return 'done';
  if (m.dueOn < today) return 'late';
  return m.startsOn <= today ? 'on_track' : 'upcoming';
}

/** The last day of a journey's milestones: a journey started from a cause older than that is already over. */
export const lastDueOn = (startedOn: string, milestones: TStoredMilestone[]) =>
  [startedOn, ...milestones.map((m) => milestoneDays(startedOn, m).dueOn)].sort().at(-1) ?? startedOn;
