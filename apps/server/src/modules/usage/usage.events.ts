/**
 * The domain event the usage module publishes in the transaction that merges rollup deltas into the rollups
 * (platform/events.ts): the accounts whose activity (events, active users, last seen) just changed. Health rescores
 * exactly those accounts, so a score follows the events that move it without a recompute of every account. One
 * event per merge, and merges run once per organisation and 10-second slot: an account busy with thousands of
 * events is rescored at most once a slot (the debounce), and a quiet one not at all.
 */
export interface TUsageActivityChangedEvent {
  accountIds: string[];
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'usage.activity_changed': TUsageActivityChangedEvent;
  }
}
