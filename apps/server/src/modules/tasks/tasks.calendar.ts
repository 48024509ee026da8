import { createHash, randomBytes } from 'node:crypto';
import ical from 'ical-generator';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { daysOf } from './tasks.days.ts';
import { deleteFeed, findFeed, findFeedOwner, findTasksPage, saveFeed } from './tasks.repository.ts';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const MAX_EVENTS = 1_000;

export type TaskCalendar = ReturnType<typeof createTaskCalendar>;

/**
 * Each person's open tasks as a calendar their calendar app subscribes to: a secret address
 * (`/api/v1/calendar/<organisation>/<secret>.ics`), shown once when made; only its hash is kept, making a new one
 * ends the old, and an unknown, replaced or revoked secret (or a disabled person's) answers 404.
 */
export function createTaskCalendar(deps: { db: Db; clock: Clock; publicUrl: string }) {
  const { db, clock } = deps;
  return {
    async status(actor: Actor) {
      requirePermission(actor, 'task:read');
      const feed = await findFeed(db, actor.orgId, actor.userId);
      return { active: !!feed, createdAt: feed?.createdAt.toISOString() ?? null, url: null };
    },

    /** A new secret address (the old one stops working). */
    async renew(actor: Actor) {
      requirePermission(actor, 'task:read');
      const secret = randomBytes(32).toString('base64url');
      const now = clock.now();
      await saveFeed(db, { orgId: actor.orgId, userId: actor.userId, tokenHash: hashOf(secret), createdAt: now });
      return { active: true, createdAt: now.toISOString(), url: `${deps.publicUrl}/api/v1/calendar/${actor.orgId}/${secret}.ics` };
    },

    async revoke(actor: Actor) {
      requirePermission(actor, 'task:read');
      await deleteFeed(db, actor.orgId, actor.userId);
    },

    /** The .ics text of the feed with this secret, or null (unknown). */
    async feed(orgId: string, secret: string): Promise<string | null> {
      const person = await findFeedOwner(db, orgId, hashOf(secret));
      if (!person) return null;
      const d = daysOf(clock.now());
      const rows = await findTasksPage(
        db,
        { orgId, limitedTo: null, ownerUserId: person.userId },
        { view: 'mine', status: 'open', snoozed: 'include', sort: 'dueOn', order: 'asc' },
        d,
        { limit: MAX_EVENTS, offset: 0 },
      );
      const cal = ical({ name: `Customer365: ${person.name}`, prodId: { company: 'Customer365', product: 'tasks' } });
      for (const t of rows) {
        if (!t.dueOn) continue;
        cal.createEvent({
          id: `${t.id}@customer365`,
          stamp: t.updatedAt,
          // Noon UTC: the same calendar day in every time zone an all-day event is read in.
          start: new Date(`${t.dueOn}T12:00:00Z`),
          allDay: true,
          summary: `${t.title} (${t.accountName})`,
          description: t.notes ?? undefined,
          url: `${deps.publicUrl}/tasks?task=${t.id}`,
        });
      }
      return cal.toString();
    },
  };
}
