/**
 * The domain events the accounts module publishes (platform/events.ts), in the transaction of the change.
 * Subscribers list their handlers in their own module's definition.
 */
export interface TAccountEvent {
  accountId: string;
}

export interface TAccountUpdatedEvent extends TAccountEvent {
  /** The fields whose value changed (custom fields as "custom"). */
  changed: string[];
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'account.created': TAccountEvent;
    'account.updated': TAccountUpdatedEvent;
    'account.archived': TAccountEvent;
    'account.unarchived': TAccountEvent;
  }
}
