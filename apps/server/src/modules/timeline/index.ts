import { defineModule } from '../../platform/modules.ts';
import { timelinePermissions } from './timeline.permissions.ts';
import { registerTimelineRoutes } from './timeline.routes.ts';
import { createTimelineService, type TimelineService } from './timeline.service.ts';
import { interactions } from './timeline.table.ts';

export { registerTimelineRoutes } from './timeline.routes.ts';
export { createTimelineService, INTERACTION_KINDS, type TInteraction, type TimelineService } from './timeline.service.ts';
export { interactions } from './timeline.table.ts';

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const timelineModule = defineModule({
  name: 'timeline',
  tables: { interactions },
  permissions: timelinePermissions,
  services: (ctx) => ({ timeline: createTimelineService({ ...ctx, accounts: ctx.services.accounts }) }),
  routes: (app, ctx) => registerTimelineRoutes(app, { timeline: ctx.services.timeline }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    timeline: TimelineService;
  }
}
