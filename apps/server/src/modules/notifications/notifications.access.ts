import type { TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the notifications routes (test/security/). */
export const notificationsAccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/notifications': { permissions: ['notification:read'] },
  'GET /api/v1/notifications/export.csv': { permissions: ['notification:read', 'export:run'] },
  'GET /api/v1/notifications/unread-count': { permissions: ['notification:read'] },
  'POST /api/v1/notifications/read': { permissions: ['notification:read'], body: () => ({}) },
};
