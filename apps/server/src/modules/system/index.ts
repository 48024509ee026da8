// The system module's public surface (health, outbox and job lists, e-mail delivery and queue housekeeping jobs).
import { defineModule } from '../../platform/modules.ts';
import { systemAccessMatrix } from './system.access.ts';
import { systemJobs } from './system.jobs.ts';
import { systemPermissions } from './system.permissions.ts';
import { registerSystemRoutes } from './system.routes.ts';
import { createSystemService, type SystemService } from './system.service.ts';

export { makeJob, makeOutboxEmail } from './system.factory.ts';
export { systemJobs } from './system.jobs.ts';
export type { SystemService } from './system.service.ts';

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const systemModule = defineModule({
  name: 'system',
  tables: {},
  permissions: systemPermissions,
  accessMatrix: systemAccessMatrix,
  services: (ctx) => ({ system: createSystemService(ctx) }),
  routes: (app, ctx) => registerSystemRoutes(app, { system: ctx.services.system }),
  jobs: (ctx) => systemJobs({ ...ctx, mailFrom: ctx.config.mailFrom }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    system: SystemService;
  }
}
