import type { TChangeKind } from './subscriptions.schemas.ts';

/**
 * The domain event the subscriptions module publishes in the transaction of every change (platform/events.ts):
 * metrics rebuilds the account's MRR from it; health, renewals and playbooks react to it.
 */
export interface TSubscriptionChangedEvent {
  accountId: string;
  subscriptionId: string;
  /** The change recorded, or null when a change was removed (the history was replayed without it). */
  changeId: string | null;
  kind: TChangeKind | null;
  effectiveDate: string;
  /** The subscription's MRR around the change, cents of its currency. */
  mrrBeforeCents: number;
  mrrAfterCents: number;
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'subscription.changed': TSubscriptionChangedEvent;
  }
}
