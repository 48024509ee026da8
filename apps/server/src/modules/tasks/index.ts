// The tasks module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { tasksAccessFixtures, tasksAccessMatrix, tasksPublicRoutes } from './tasks.access.ts';
import { createTaskCalendar, type TaskCalendar } from './tasks.calendar.ts';
import { tasksDemo } from './tasks.demo.ts';
import { tasksMessages } from './tasks.messages.ts';
import { tasksPermissions } from './tasks.permissions.ts';
import { registerTaskRoutes } from './tasks.routes.ts';
import { createTaskService, type TaskService } from './tasks.service.ts';
import { taskCalendarFeeds, taskComments, tasks } from './tasks.table.ts';

export { makeTask } from './tasks.factory.ts';
export { type TTask, ZTask } from './tasks.schemas.ts';
export type { TaskService, TSystemTask } from './tasks.service.ts';
export { tasks };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const tasksModule = defineModule({
  name: 'tasks',
  tables: { tasks, taskComments, taskCalendarFeeds },
  permissions: tasksPermissions,
  messages: tasksMessages,
  accessMatrix: tasksAccessMatrix,
  accessFixtures: tasksAccessFixtures,
  publicRoutes: tasksPublicRoutes,
  services: (ctx) => ({
    tasks: createTaskService({ ...ctx, accounts: ctx.services.accounts }),
    taskCalendar: createTaskCalendar({ db: ctx.db, clock: ctx.clock, publicUrl: ctx.config.publicUrl }),
  }),
  routes: (app, ctx) => registerTaskRoutes(app, { tasks: ctx.services.tasks, calendar: ctx.services.taskCalendar }),
  demo: tasksDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    tasks: TaskService;
    taskCalendar: TaskCalendar;
  }
}
