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

/** Accounts a bulk write changed (an import's chunk, the undo of one): any of their fields may have changed. */
export interface TAccountsBulkUpdatedEvent {
  accountIds: string[];
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'account.created': TAccountEvent;
    'account.updated': TAccountUpdatedEvent;
    'account.archived': TAccountEvent;
    'account.unarchived': TAccountEvent;
    'accounts.bulk_updated': TAccountsBulkUpdatedEvent;
  }
}
