// The notifications module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { notificationsAccessMatrix } from './notifications.access.ts';
import { notificationsPermissions } from './notifications.permissions.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';
import { createNotificationService, type NotificationService } from './notifications.service.ts';
import { notifications } from './notifications.table.ts';

export { makeNotification } from './notifications.factory.ts';
export { type TNotification, ZNotification } from './notifications.schemas.ts';
export type { NotificationService, TNewNotification } from './notifications.service.ts';
export { notifications };

/**
 * In-app notifications: the bell in the web header. Other modules call `services.notifications.notify(tx, orgId,
 * [{ userId, kind, data, subject, link, sourceKey }])` in the transaction of what caused them (each source key once);
 * each person lists and marks read their own.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  tables: { notifications },
  permissions: notificationsPermissions,
  accessMatrix: notificationsAccessMatrix,
  services: (ctx) => ({ notifications: createNotificationService({ db: ctx.db, clock: ctx.clock }) }),
  routes: (app, ctx) => registerNotificationRoutes(app, { notifications: ctx.services.notifications }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    notifications: NotificationService;
  }
}
