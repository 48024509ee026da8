export { registerAuditRoutes } from './audit.routes.ts';
export { type AuditService, createAuditService, recordAudit, type TAuditEntry } from './audit.service.ts';
export { auditLog } from './audit.table.ts';
