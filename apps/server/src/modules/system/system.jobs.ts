import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob, enqueueJob } from '../../platform/jobs/queue.ts';
import type { TMailAttachmentRenderers } from '../../platform/mail/attachments.ts';
import { DELIVER_EMAIL_JOB, deliverDueEmails, type Mailer, organisationsWithDueEmail } from '../../platform/mail/outbox.ts';
import { deleteFinishedJobs } from './system.repository.ts';

const DAY = 24 * 3600_000;
/** Finished jobs stay listed in Administration → Jobs this long. */
const KEEP_FINISHED_JOBS_MS = 30 * DAY;
const SWEEP_JOB = 'deliver-email-sweep';

export function systemJobs(deps: {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  mailFrom: string;
  logger: Logger;
  mailAttachments?: TMailAttachmentRenderers;
}) {
  /** One organisation's due mail, until none is left: the job was queued for that organisation. */
  const deliver = async (orgId: string) => {
    let total = 0;
    for (;;) {
      const { sent, failed } = await deliverDueEmails({ ...deps, from: deps.mailFrom, attachments: deps.mailAttachments }, orgId);
      total += sent;
      if (sent + failed === 0) return { sent: total };
    }
  };
  /**
   * Retries whose backoff passed: one delivery job per organisation with mail due (deduplicated per organisation and
   * minute), so no run sends another organisation's backlog. Nothing while SMTP is not configured (the mail stays).
   */
  const sweep = async () => {
    if (!deps.mailer.configured) return { organisations: 0 };
    const orgs = await organisationsWithDueEmail(deps.db, deps.clock);
    const minute = deps.clock.now().toISOString().slice(0, 16);
    await deps.db.transaction(async (tx) => {
      for (const orgId of orgs)
        await enqueueJob(tx, deps.clock, DELIVER_EMAIL_JOB, {}, { orgId, dedupeKey: `${SWEEP_JOB}:${orgId}:${minute}`, maxAttempts: 3 });
    });
    return { organisations: orgs.length };
  };
  return [
    // Queued with each e-mail for its organisation (a job without one, from an older version, sweeps instead).
    defineJob({
      name: DELIVER_EMAIL_JOB,
      payload: z.object({}),
      handler: (_p, ctx) => (ctx.orgId ? deliver(ctx.orgId) : sweep()),
      maxAttempts: 3,
    }),
    // Retries of failed deliveries (backoff) are picked up by this sweep.
    defineJob({ name: SWEEP_JOB, payload: z.object({}), cron: '* * * * *', handler: sweep, maxAttempts: 1 }),
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
