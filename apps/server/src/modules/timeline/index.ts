export { registerTimelineRoutes } from './timeline.routes.ts';
export { createTimelineService, INTERACTION_KINDS, type TInteraction, type TimelineService } from './timeline.service.ts';
export { interactions } from './timeline.table.ts';
