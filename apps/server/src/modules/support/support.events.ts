/**
 * The domain events the support module publishes (platform/events.ts), in the transaction of the change.
 * Subscribers (playbooks: "support requests above N") list their handlers in their own module's definition.
 */
export interface TSupportRequestCreatedEvent {
  requestId: string;
  number: number;
  /** Null while unmatched (an e-mail from an unknown sender). */
  accountId: string | null;
  priority: string;
  channel: 'email' | 'manual';
  /** The account's requests that are new, open or waiting, this one included (0 while unmatched). */
  openOnAccount: number;
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'support.request_created': TSupportRequestCreatedEvent;
  }
}
