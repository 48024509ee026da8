// The timeline module's public surface: other modules, app.ts, the seed and other modules' tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { timelineAccessMatrix } from './timeline.access.ts';
import { timelineDemo } from './timeline.demo.ts';
import { timelineMessages } from './timeline.messages.ts';
import { timelinePermissions } from './timeline.permissions.ts';
import { registerTimelineRoutes } from './timeline.routes.ts';
import { createTimelineService, type TimelineService } from './timeline.service.ts';
import { interactions } from './timeline.table.ts';

export { makeInteraction } from './timeline.factory.ts';
export { INTERACTION_KINDS, type TInteraction } from './timeline.schemas.ts';
export { type TimelineService, toInteractionDto } from './timeline.service.ts';
export { interactions, timelineMessages };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const timelineModule = defineModule({
  name: 'timeline',
  tables: { interactions },
  permissions: timelinePermissions,
  messages: timelineMessages,
  accessMatrix: timelineAccessMatrix,
  services: (ctx) => ({ timeline: createTimelineService({ ...ctx, accounts: ctx.services.accounts }) }),
  routes: (app, ctx) => registerTimelineRoutes(app, { timeline: ctx.services.timeline }),
  demo: timelineDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    timeline: TimelineService;
  }
}
