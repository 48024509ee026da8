/** The domain events the quotes module publishes (their payload types join the one DomainEvents map). */
export interface TQuoteDecidedEvent {
  quoteId: string;
  renewalId: string;
  accountId: string;
  kind: 'renewal' | 'winback';
  /** accepted or declined by the customer */
  status: 'accepted' | 'declined';
  outcome: 'renewed' | 'upgraded' | 'downgraded' | null;
  totalCents: number;
  currency: string;
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'quote.decided': TQuoteDecidedEvent;
  }
}
