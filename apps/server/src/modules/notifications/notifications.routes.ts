import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors } from '../../platform/http/schemas.ts';
import {
  type TNotification,
  ZMarkReadRequest,
  ZMarkReadResult,
  ZNotificationsFilter,
  ZNotificationsPage,
  ZNotificationsQuery,
  ZUnreadCount,
} from './notifications.schemas.ts';
import type { NotificationService } from './notifications.service.ts';

const CSV_COLUMNS: CsvColumn<TNotification>[] = [
  ['created_at', (n) => n.createdAt],
  ['kind', (n) => n.kind],
  ['subject', (n) => n.subject],
  ['read_at', (n) => n.readAt],
  ['link', (n) => n.link],
];

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

  r.get('/api/v1/notifications/export.csv', {
    schema: {
      operationId: 'exportNotificationsCsv',
      summary: 'Export my notifications as CSV',
      description: 'Every notification of mine matching the same filters and order as the list.',
      tags: ['notifications'],
      querystring: ZNotificationsFilter,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'notifications.csv', CSV_COLUMNS, svc.exportRows(actorOf(req), req.query)),
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
