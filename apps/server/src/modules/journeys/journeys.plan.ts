import type { TStoredMilestone } from './journeys.table.ts';

export type { TStoredMilestone };

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
