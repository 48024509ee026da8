import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors } from '../../platform/http/schemas.ts';
import { ZMarkReadRequest, ZMarkReadResult, ZNotificationsPage, ZNotificationsQuery, ZUnreadCount } from './notifications.schemas.ts';
import type { NotificationService } from './notifications.service.ts';

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerNotificationRoutes(app: FastifyInstance, deps: { notifications: NotificationService }) {
  const r = typed(app);
  const svc = deps.notifications;

  r.get('/api/v1/notifications', {
    schema: {
      operationId: 'listNotifications',
      summary: 'List my notifications, newest first',
      tags: ['notifications'],
      querystring: ZNotificationsQuery,
      response: { 200: ZNotificationsPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/notifications/unread-count', {
    schema: {
      operationId: 'countUnreadNotifications',
      summary: 'How many of my notifications are unread',
      tags: ['notifications'],
      response: { 200: ZUnreadCount, ...standardErrors },
    },
    handler: async (req) => svc.unreadCount(actorOf(req)),
  });

  r.post('/api/v1/notifications/read', {
    schema: {
      operationId: 'markNotificationsRead',
      summary: 'Mark my notifications read (these ids, or all)',
      tags: ['notifications'],
      body: ZMarkReadRequest,
      response: { 200: ZMarkReadResult, ...standardErrors },
    },
    handler: async (req) => svc.markRead(actorOf(req), req.body),
  });
}
