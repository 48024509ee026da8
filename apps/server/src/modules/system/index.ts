import { defineModule } from '../../platform/modules.ts';
import { systemJobs } from './system.jobs.ts';
import { systemPermissions } from './system.permissions.ts';
import { registerSystemRoutes } from './system.routes.ts';

export { systemJobs } from './system.jobs.ts';
export { registerSystemRoutes } from './system.routes.ts';

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const systemModule = defineModule({
  name: 'system',
  tables: {},
  permissions: systemPermissions,
  routes: (app, ctx) => registerSystemRoutes(app, ctx),
  jobs: (ctx) => systemJobs({ ...ctx, mailFrom: ctx.config.mailFrom }),
});
