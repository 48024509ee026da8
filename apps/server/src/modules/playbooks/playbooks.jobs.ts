import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { postOutbound } from '../../platform/http/outbound.ts';
import { defineJob, enqueueJob } from '../../platform/jobs/queue.ts';
import { allOrganisations } from './playbooks.evaluate.repository.ts';
import { findWebhookSecret, setWebhookStatus } from './playbooks.repository.ts';

export const DAILY_JOB = 'playbooks.daily';
export const DAILY_ORG_JOB = 'playbooks.daily-org';
export const WEBHOOK_JOB = 'playbooks.webhook';
export const SIGNATURE_HEADER = 'x-customer365-signature';
/** A webhook call is tried this often (with the queue's backoff) before its run is marked failed. */
export const WEBHOOK_ATTEMPTS = 8;

/** The signature header's value: `sha256=` and the HMAC-SHA256 of the exact body, keyed with the playbook's secret. */
export const signBody = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * Daily at 01:37 (after the renewals' daily run opened today's renewals and usage's rollups are merged): one job per
 * organisation (deduplicated per organisation and day) evaluates its daily playbooks. The webhook job posts one run
 * to its URL, signed, retried with the queue's backoff until it answers 2xx (eight attempts; the run log says how it went).
 */
export function playbookJobs(deps: { db: Db; clock: Clock; allowPrivate: boolean; runDaily(orgId: string): Promise<unknown> }) {
  return [
    defineJob({
      name: DAILY_JOB,
      payload: z.object({}),
      cron: '37 1 * * *',
      maxAttempts: 3,
      handler: async () => {
        const orgs = await allOrganisations(deps.db);
        const day = deps.clock.now().toISOString().slice(0, 10);
        await deps.db.transaction(async (tx) => {
          for (const orgId of orgs)
            await enqueueJob(tx, deps.clock, DAILY_ORG_JOB, { orgId }, { orgId, dedupeKey: `${DAILY_ORG_JOB}:${orgId}:${day}` });
        });
        return { organisations: orgs.length };
      },
    }),
    defineJob({
      name: DAILY_ORG_JOB,
      payload: z.object({ orgId: z.uuid() }),
      maxAttempts: 5,
      handler: async (p) => deps.runDaily(p.orgId),
    }),
    defineJob({
      name: WEBHOOK_JOB,
      payload: z.object({
        orgId: z.uuid(),
        playbookId: z.uuid(),
        runId: z.uuid(),
        url: z.string(),
        body: z.record(z.string(), z.unknown()),
      }),
      maxAttempts: WEBHOOK_ATTEMPTS,
      handler: async (p, ctx) => {
        // The secret alone (one row by key): a batch of calls reads nothing else of the playbook.
        const secret = await findWebhookSecret(deps.db, p.orgId, p.playbookId);
        if (secret === null) return { skipped: 'playbook deleted' };
        const body = JSON.stringify(p.body);
        let status = 0;
        try {
          const headers = {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signBody(secret, body),
            'x-customer365-run': p.runId,
          };
          status = await postOutbound(p.url, body, headers, { allowPrivate: deps.allowPrivate, timeoutMs: 10_000 });
        } catch (e) {
          if (ctx.attempt >= WEBHOOK_ATTEMPTS) await setWebhookStatus(deps.db, p.orgId, p.runId, 'failed');
          throw e;
        }
        if (status < 200 || status >= 300) {
          if (ctx.attempt >= WEBHOOK_ATTEMPTS) await setWebhookStatus(deps.db, p.orgId, p.runId, 'failed');
          throw new Error(`webhook answered ${status}`);
        }
        await setWebhookStatus(deps.db, p.orgId, p.runId, 'delivered');
        return { status };
      },
    }),
  ];
}

/** Queue one organisation's daily run now (tests; a second instance racing the first). */
export const enqueueDailyPlaybooks = (db: Db, clock: Clock, orgId: string, key: string) =>
  enqueueJob(db, clock, DAILY_ORG_JOB, { orgId }, { orgId, dedupeKey: `${DAILY_ORG_JOB}:${orgId}:${key}` });
