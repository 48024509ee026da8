import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { NotificationService, TNewNotification } from './notifications.service.ts';

/** A notification for a person, written as another module would, for tests of this and other modules. */
export async function makeNotification(
  deps: { db: Db; services: { notifications: NotificationService } },
  orgId: string,
  userId: string,
  overrides: Partial<TNewNotification> = {},
) {
  const n = { userId, kind: 'test', data: {}, subject: 'Example', link: null, sourceKey: `test:${newId()}`, ...overrides };
  await deps.db.transaction((tx) => deps.services.notifications.notify(tx, orgId, [n]));
  return n;
}
