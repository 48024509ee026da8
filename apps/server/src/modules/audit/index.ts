export { auditLog } from './audit.table.ts';
export { createAuditService, recordAudit, type TAuditEntry } from './audit.service.ts';
export { registerAuditRoutes } from './audit.routes.ts';
