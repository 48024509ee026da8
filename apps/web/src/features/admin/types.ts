// The administration feature's own shapes, from the generated contract (shared ones are in lib/types.ts).
import type { ResponseOf } from '../../lib/types.ts';

export type AuditEntry = ResponseOf<'/api/v1/audit-log', 'get'>['items'][number];
