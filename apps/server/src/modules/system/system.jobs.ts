import { and, inArray, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { jobs } from '../../platform/jobs/jobs.table.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { DELIVER_EMAIL_JOB, deliverDueEmails, type Mailer } from '../../platform/mail/outbox.ts';
import { loginAttempts, passwordResets, sessions } from '../identity/identity.table.ts';

const DAY = 24 * 3600_000;

export function systemJobs(deps: { db: Db; clock: Clock; mailer: Mailer; mailFrom: string; logger: Logger }) {
  const deliver = async () => {
    let total = 0;
    for (;;) {
      const { sent, failed } = await deliverDueEmails({ ...deps, from: deps.mailFrom });
      total += sent;
      if (sent + failed === 0) return { sent: total };
    }
  };
  return [
    defineJob({ name: DELIVER_EMAIL_JOB, payload: z.object({}), handler: deliver, maxAttempts: 3 }),
    // Retries of failed deliveries (backoff) are picked up by this sweep.
    defineJob({ name: 'deliver-email-sweep', payload: z.object({}), cron: '* * * * *', handler: deliver, maxAttempts: 1 }),
    defineJob({
      name: 'housekeeping',
      payload: z.object({}),
      cron: '17 3 * * *',
      maxAttempts: 2,
      handler: async () => {
        const now = deps.clock.now().getTime();
        await deps.db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now - DAY)));
        await deps.db.delete(sessions).where(lt(sessions.expiresAt, new Date(now)));
        await deps.db.delete(passwordResets).where(lt(passwordResets.expiresAt, new Date(now - DAY)));
        await deps.db.delete(jobs).where(and(inArray(jobs.status, ['done', 'failed']), lt(jobs.finishedAt, new Date(now - 30 * DAY))));
        return { ok: true };
      },
    }),
  ];
}
