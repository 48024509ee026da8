import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import type { TMailAttachmentRenderers } from '../../platform/mail/attachments.ts';
import { DELIVER_EMAIL_JOB, deliverDueEmails, type Mailer } from '../../platform/mail/outbox.ts';
import { deleteFinishedJobs } from './system.repository.ts';

const DAY = 24 * 3600_000;
/** Finished jobs stay listed in Administration → Jobs this long. */
const KEEP_FINISHED_JOBS_MS = 30 * DAY;

export function systemJobs(deps: {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  mailFrom: string;
  logger: Logger;
  mailAttachments?: TMailAttachmentRenderers;
}) {
  const deliver = async () => {
    let total = 0;
    for (;;) {
      const { sent, failed } = await deliverDueEmails({ ...deps, from: deps.mailFrom, attachments: deps.mailAttachments });
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
        await deleteFinishedJobs(deps.db, new Date(deps.clock.now().getTime() - KEEP_FINISHED_JOBS_MS));
        return { ok: true };
      },
    }),
  ];
}
