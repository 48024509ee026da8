import type { TUpsellReasonCode } from './upsell-candidates.rules.ts';

/**
 * The events the nightly recompute publishes when an account becomes an upsell candidate and when it stops
 * being one (platform/events.ts), so a playbooks module can open a task or start a play. Once per
 * transition: an account that stays a candidate publishes nothing, whatever its reasons do.
 */
export interface TUpsellCandidateIdentifiedEvent {
  accountId: string;
  reasons: TUpsellReasonCode[];
  planId: string | null;
  nextPlanId: string | null;
  /** What the move to the next plan adds per month at list prices, cents of `currency`. */
  mrrDifferenceCents: number | null;
  currency: string | null;
}

export interface TUpsellCandidateClearedEvent {
  accountId: string;
  /** The reasons it had. */
  reasons: TUpsellReasonCode[];
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'upsell.candidate_identified': TUpsellCandidateIdentifiedEvent;
    'upsell.candidate_cleared': TUpsellCandidateClearedEvent;
  }
}
