import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { organisationsWithRunningProgrammes } from './nurture.repository.ts';
import type { NurtureSender } from './nurture.sender.ts';

export const NURTURE_SEND_JOB = 'nurture.send';
export const NURTURE_ENROL_JOB = 'nurture.enrol';

/**
 * Every minute: each organisation with a running programme sends the steps that are due, at most its allowance
 * per window (a programme of 500 contacts at 100 an hour goes out over five hours). Every hour: contacts who
 * entered a running programme's audience join it (an account's change enrols its contacts at once too).
 */
export function nurtureJobs(deps: { db: Db; sender: NurtureSender }) {
  return [
    defineJob({
      name: NURTURE_SEND_JOB,
      payload: z.object({ orgId: z.uuid().optional() }),
      cron: '* * * * *',
      maxAttempts: 3,
      handler: async (p) => {
        const orgs = p.orgId ? [p.orgId] : await organisationsWithRunningProgrammes(deps.db);
        let sent = 0;
        for (const orgId of orgs) sent += (await deps.sender.sendDue(orgId)).sent;
        return { organisations: orgs.length, sent };
      },
    }),
    defineJob({
      name: NURTURE_ENROL_JOB,
      payload: z.object({ orgId: z.uuid().optional() }),
      cron: '17 * * * *',
      maxAttempts: 3,
      handler: async (p) => {
        const orgs = p.orgId ? [p.orgId] : await organisationsWithRunningProgrammes(deps.db);
        let enrolled = 0;
        for (const orgId of orgs) enrolled += await deps.sender.enrol(orgId);
        return { organisations: orgs.length, enrolled };
      },
    }),
  ];
}
