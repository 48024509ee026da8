import type { TSignalKind } from './churn-signals.schemas.ts';

/**
 * The domain event the churn-signals module publishes in the transaction that raises a signal (platform/events.ts):
 * playbooks open a task from it.
 */
export interface TChurnSignalRaisedEvent {
  signalId: string;
  accountId: string;
  kind: TSignalKind;
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'churn_signal.raised': TChurnSignalRaisedEvent;
  }
}
