export { interactions } from './timeline.table.ts';
export { createTimelineService, INTERACTION_KINDS, type TimelineService, type TInteraction } from './timeline.service.ts';
export { registerTimelineRoutes } from './timeline.routes.ts';
