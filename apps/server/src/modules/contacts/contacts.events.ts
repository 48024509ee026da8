import type { TContact } from './contacts.schemas.ts';

/**
 * The domain events the contacts module publishes (platform/events.ts), in the transaction of the change.
 * Subscribers list their handlers in their own module's definition.
 */
export interface TContactLeftEvent {
  contactId: string;
  accountId: string;
  /** The contact's full name when they left. */
  name: string;
  /** Their roles on the account (a champion leaving is a churn signal). */
  roles: TContact['roles'];
  /** The day they left. */
  leftOn: string;
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'contact.left': TContactLeftEvent;
  }
}
