// The audit module's public surface: other modules, app.ts, the seed and other modules' tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { auditAccessMatrix } from './audit.access.ts';
import { auditPermissions } from './audit.permissions.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { type AuditService, createAuditService } from './audit.service.ts';
import { auditLog } from './audit.table.ts';

export { makeAuditEntry } from './audit.factory.ts';
export {
  copyAuditEntries,
  deleteAuditEntries,
  markAuditEntries,
  type TBulkAuditEntry,
  touchedByImport,
} from './audit.repository.ts';
export { type AuditService, recordAudit, recordAudits, type TAuditEntry } from './audit.service.ts';
export { auditLog };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const auditModule = defineModule({
  name: 'audit',
  tables: { auditLog },
  permissions: auditPermissions,
  accessMatrix: auditAccessMatrix,
  services: (ctx) => ({ audit: createAuditService(ctx) }),
  routes: (app, ctx) => registerAuditRoutes(app, { audit: ctx.services.audit }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    audit: AuditService;
  }
}
