// The journeys feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type JourneyRow = ResponseOf<'/api/v1/journeys', 'get'>['items'][number];
export type JourneySort = NonNullable<QueryOf<'/api/v1/journeys', 'get'>['sort']>;
export type Lateness = JourneyRow['lateness'];
export type JourneyStatus = JourneyRow['status'];
export type Journey = ResponseOf<'/api/v1/journeys/{id}', 'get'>;
export type Milestone = Journey['milestones'][number];
export type MilestoneStatus = Milestone['status'];
export type LogEntry = Milestone['logs'][number];
export type LogKind = LogEntry['kind'];
export type AccountJourneys = ResponseOf<'/api/v1/accounts/{id}/journeys', 'get'>;
export type JourneyTemplate = ResponseOf<'/api/v1/journey-templates/{id}', 'get'>;
export type JourneyTemplateSummary = ResponseOf<'/api/v1/journey-templates', 'get'>['items'][number];
export type JourneyTemplateSort = NonNullable<QueryOf<'/api/v1/journey-templates', 'get'>['sort']>;
export type TemplateInput = BodyOf<'/api/v1/journey-templates', 'post'>;
export type MilestoneInput = TemplateInput['milestones'][number];
export type JourneyTrigger = TemplateInput['triggers'][number];
export type Effort = MilestoneInput['effort'];
