/**
 * The domain events the journeys module publishes (platform/events.ts), in the transaction of the change.
 * Playbooks subscribe to them ("milestone late → a task for the owner").
 */
export interface TJourneyStartedEvent {
  accountId: string;
  journeyId: string;
  templateId: string;
  templateVersion: number;
  cause: string;
  startedOn: string;
}

/** Published once per milestone: the first day it is open past its due day (the daily `journeys.markLate` job). */
export interface TJourneyMilestoneLateEvent {
  accountId: string;
  journeyId: string;
  milestoneId: string;
  milestoneKey: string;
  milestoneName: string;
  dueOn: string;
  responsibleRole: string | null;
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'journey.started': TJourneyStartedEvent;
    'journey.milestone_late': TJourneyMilestoneLateEvent;
  }
}
