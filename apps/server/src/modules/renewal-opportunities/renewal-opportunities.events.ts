/** The domain events the renewal-opportunities module publishes (platform/events.ts), for playbooks and a quotes module. */
export interface TRenewalOpenedEvent {
  opportunityIds: string[];
}
export interface TRenewalStageChangedEvent {
  opportunityId: string;
  accountId: string;
  from: string;
  to: string;
  closeReason: string | null;
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'renewal.opened': TRenewalOpenedEvent;
    'renewal.stage_changed': TRenewalStageChangedEvent;
  }
}
