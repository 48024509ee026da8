export { makeInteraction } from './timeline.factory.ts';
export { registerTimelineRoutes } from './timeline.routes.ts';
export { INTERACTION_KINDS, type TInteraction } from './timeline.schemas.ts';
export { createTimelineService, type TimelineService, toInteractionDto } from './timeline.service.ts';
export { interactions } from './timeline.table.ts';
