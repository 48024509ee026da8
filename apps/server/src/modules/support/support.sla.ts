import type { TSlaTargets } from './support.table.ts';

/**
 * SLA targets in calendar minutes from the request's arrival (no business hours, no pause while waiting on the
 * customer: what the inbox shows is what a customer experiences). An organisation without its own uses these.
 */
export const DEFAULT_SLA_TARGETS: TSlaTargets = {
  urgent: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
  high: { firstResponseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
  normal: { firstResponseMinutes: 8 * 60, resolutionMinutes: 3 * 24 * 60 },
  low: { firstResponseMinutes: 24 * 60, resolutionMinutes: 7 * 24 * 60 },
};

export const OPEN_STATUSES = ['new', 'open', 'waiting'] as const;

export interface TSlaInput {
  status: string;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  solvedAt: Date | null;
  closedAt: Date | null;
}

export interface TSlaState {
  firstResponseDueAt: string;
  resolutionDueAt: string;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  /** Over either target: answered late, still unanswered past its time, solved late or still open past its time. */
  breached: boolean;
  /** The target still running (first response until answered, then resolution); null once solved or closed. */
  nextDueAt: string | null;
  /** Minutes to that target, negative when over it; null when none runs. */
  minutesLeft: number | null;
}

/** The due times of a request arriving at `at` with this priority. */
export function dueTimes(targets: TSlaTargets, priority: keyof TSlaTargets, at: Date) {
  const t = targets[priority];
  return {
    firstResponseDueAt: new Date(at.getTime() + t.firstResponseMinutes * 60_000),
    resolutionDueAt: new Date(at.getTime() + t.resolutionMinutes * 60_000),
  };
}

/** Where a request stands against its targets at `now`: the same rule as the inbox's breached filter (repository). */
export function slaState(r: TSlaInput, now: Date): TSlaState {
  const resolvedAt = r.solvedAt ?? r.closedAt;
  const firstResponseBreached = (r.firstRespondedAt ?? resolvedAt ?? now) > r.firstResponseDueAt;
  const resolutionBreached = (resolvedAt ?? now) > r.resolutionDueAt;
  const running = resolvedAt ? null : r.firstRespondedAt ? r.resolutionDueAt : r.firstResponseDueAt;
  return {
    firstResponseDueAt: r.firstResponseDueAt.toISOString(),
    resolutionDueAt: r.resolutionDueAt.toISOString(),
    firstResponseBreached,
    resolutionBreached,
    breached: firstResponseBreached || resolutionBreached,
    nextDueAt: running?.toISOString() ?? null,
    minutesLeft: running ? Math.floor((running.getTime() - now.getTime()) / 60_000) : null,
  };
}
