/**
 * The domain events the surveys module publishes (platform/events.ts), in the transaction of the answer.
 * Its own subscriber raises the `detractor` churn signal from it (once per answer: the signal's source is the
 * answer), which playbooks' `detractor` trigger follows; other modules may subscribe in their own definition.
 */
export interface TSurveyAnsweredEvent {
  responseId: string;
  surveyId: string;
  kind: 'nps' | 'csat';
  accountId: string;
  contactId: string | null;
  score: number;
  category: 'promoter' | 'passive' | 'detractor';
  answeredAt: string;
  /** Where it came from: an import's answers are history and raise no signal when older than 90 days. */
  source: 'api' | 'manual' | 'import';
}

declare module '../../platform/events.ts' {
  interface DomainEvents {
    'survey.answered': TSurveyAnsweredEvent;
  }
}
