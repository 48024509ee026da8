/**
 * The capacity calculation, pure: the hours of work coming per team and week against the team's hours.
 * A journey milestone's hours (by its level of effort) spread evenly over the weeks it runs, from its start to its
 * due day; an open milestone already past its due day lands in the current week. An open renewal's hours spread
 * over the weeks from 90 days before its due day (customer success runs renewals from then) to the due day, or from
 * this week when that is later. An upsell candidate's hours spread over the next four weeks, per team.
 * Weeks start on Monday; hours that fall beyond the horizon are not shown.
 */
export const TEAMS = ['customer_success', 'professional_services'] as const;
export type TTeam = (typeof TEAMS)[number];
export const SOURCES = ['milestones', 'renewals', 'upsells'] as const;
export type TSource = (typeof SOURCES)[number];

const DAY = 86_400_000;
const RENEWAL_LEAD_DAYS = 90;
const UPSELL_WEEKS = 4;

export interface TEffortSettings {
  lowEffortHours: number;
  mediumEffortHours: number;
  highEffortHours: number;
  renewalHours: number;
  upsellCsHours: number;
  upsellPsHours: number;
}
export interface TMilestoneWork {
  startsOn: string;
  dueOn: string;
  effort: string;
  responsibleRole: string | null;
}
export interface TWeek {
  weekStart: string;
  demand: Record<TTeam, Record<TSource, number> & { total: number }>;
  capacity: Record<TTeam, number>;
  over: Record<TTeam, boolean>;
}

/** The team a milestone's responsible role works in: customer success engineers are professional services. */
export const teamOfRole = (role: string | null): TTeam => (role === 'cse' ? 'professional_services' : 'customer_success');

export const mondayOf = (day: string) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - dow * DAY).toISOString().slice(0, 10);
};
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const round1 = (n: number) => Math.round(n * 10) / 10;
/** The later of two ISO days. */
const later = (a: string, b: string) => [a, b].sort()[1] as string;

export function planCapacity(input: {
  today: string;
  weeks: number;
  settings: TEffortSettings;
  milestones: TMilestoneWork[];
  renewalDueDays: string[];
  upsellCandidates: number;
  capacity: Record<TTeam, number>;
}): TWeek[] {
  const first = mondayOf(input.today);
  const starts = Array.from({ length: input.weeks }, (_, i) => addDays(first, i * 7));
  const demand = starts.map(() => ({
    customer_success: { milestones: 0, renewals: 0, upsells: 0 },
    professional_services: { milestones: 0, renewals: 0, upsells: 0 },
  }));
  const indexOf = (day: string) => Math.round((Date.parse(`${mondayOf(day)}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / (7 * DAY));
  /** Spreads hours evenly over the weeks of [from, to] (whole range, also beyond the horizon), adding those inside it. */
  const spread = (team: TTeam, source: TSource, hours: number, from: string, to: string) => {
    const a = indexOf(from);
    const b = Math.max(a, indexOf(to));
    const each = hours / (b - a + 1);
    for (let w = Math.max(0, a); w <= Math.min(input.weeks - 1, b); w++) {
      const cell = demand[w]?.[team];
      if (cell) cell[source] += each;
    }
  };
  const hoursOf: Record<string, number> = {
    low: input.settings.lowEffortHours,
    medium: input.settings.mediumEffortHours,
    high: input.settings.highEffortHours,
  };
  for (const m of input.milestones) {
    const hours = hoursOf[m.effort] ?? input.settings.mediumEffortHours;
    const team = teamOfRole(m.responsibleRole);
    if (m.dueOn < input.today) spread(team, 'milestones', hours, input.today, input.today);
    else spread(team, 'milestones', hours, later(m.startsOn, input.today), m.dueOn);
  }
  for (const due of input.renewalDueDays) {
    const from = addDays(due, -RENEWAL_LEAD_DAYS);
    spread('customer_success', 'renewals', input.settings.renewalHours, later(from, input.today), later(due, input.today));
  }
  const upsellEnd = addDays(input.today, (UPSELL_WEEKS - 1) * 7);
  spread('customer_success', 'upsells', input.upsellCandidates * input.settings.upsellCsHours, input.today, upsellEnd);
  spread('professional_services', 'upsells', input.upsellCandidates * input.settings.upsellPsHours, input.today, upsellEnd);

  return starts.map((weekStart, w) => {
    const d = demand[w] as (typeof demand)[number];
    const team = (t: TTeam) => {
      const c = d[t];
      return {
        milestones: round1(c.milestones),
        renewals: round1(c.renewals),
        upsells: round1(c.upsells),
        total: round1(c.milestones + c.renewals + c.upsells),
      };
    };
    const cs = team('customer_success');
    const ps = team('professional_services');
    return {
      weekStart,
      demand: { customer_success: cs, professional_services: ps },
      capacity: input.capacity,
      over: {
        customer_success: cs.total > input.capacity.customer_success,
        professional_services: ps.total > input.capacity.professional_services,
      },
    };
  });
}
