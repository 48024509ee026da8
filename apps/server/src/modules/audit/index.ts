import { defineModule } from '../../platform/modules.ts';
import { auditPermissions } from './audit.permissions.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { createAuditService } from './audit.service.ts';
import { auditLog } from './audit.table.ts';

export { registerAuditRoutes } from './audit.routes.ts';
export { createAuditService, recordAudit, type TAuditEntry } from './audit.service.ts';
export { auditLog } from './audit.table.ts';

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const auditModule = defineModule({
  name: 'audit',
  tables: { auditLog },
  permissions: auditPermissions,
  services: (ctx) => ({ audit: createAuditService(ctx) }),
  routes: (app, ctx) => registerAuditRoutes(app, { audit: ctx.services.audit }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    audit: ReturnType<typeof createAuditService>;
  }
}
