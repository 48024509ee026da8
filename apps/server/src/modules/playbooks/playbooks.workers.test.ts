/**
 * Playbooks on a controllable clock with two app instances (two workers; on PostgreSQL two connection pools) and a
 * real SMTP server: a new account starts the default journey through the onboarding playbook, its milestones go late
 * on the right day, the "milestone late" playbook makes exactly one task per account and milestone while both workers
 * run the daily jobs, and each e-mail arrives once.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestApp } from '../../../test/harness.ts';
import type { SmtpSink } from '../../../test/smtp-sink.ts';
import { startTwoInstances, type TwoInstances } from '../../../test/two-instances.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { makeAccount } from '../accounts/index.ts';
import { MARK_LATE_JOB, type TJourney } from '../journeys/index.ts';
import { tasks } from '../tasks/index.ts';
import { makePlaybook } from './playbooks.factory.ts';
import { playbookRuns } from './playbooks.table.ts';

let two: TwoInstances;
let a: TestApp;
let b: TestApp;
let smtp: SmtpSink;
const START = '2027-03-01';
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  two = await startTwoInstances(`${START}T09:00:00Z`);
  ({ a, b, smtp } = two);
});
afterAll(async () => {
  await two?.close();
});

const drain = () => two.drain();

describe('playbooks with two workers', () => {
  it('starts the default journey for a new account, and the milestone-late playbook makes one task per late milestone', async () => {
    const org = await createTestOrg(a);
    const h = org.admin.headers;
    const csm = await org.as('csm', { name: 'Carla Success' });
    // Carla reads Dutch: her mails come in Dutch.
    await a.app.inject({ method: 'PATCH', url: `/api/v1/users/${csm.userId}`, headers: h, payload: { language: 'nl' } });
    // A playbook that starts the default journey when an account is made (the preloaded onboarding one plans the kick-off).
    await makePlaybook(a.app, h, {
      name: 'Start onboarding',
      trigger: 'account_created',
      actions: [{ type: 'journey', templateId: null }],
    });
    const late = await makePlaybook(a.app, h, {
      name: 'Milestone late',
      trigger: 'milestone_late',
      actions: [
        { type: 'task', title: 'Milestone late: get it moving', dueInDays: 1, assignee: 'owner' },
        {
          type: 'email',
          to: 'owner',
          subject: { en: 'Late milestone at {account}', nl: 'Mijlpaal te laat bij {account}' },
          body: { en: 'Hello {name}, a milestone of {account} is late.', nl: 'Hallo {name}, een mijlpaal van {account} is te laat.' },
        },
      ],
    });

    const N = 6;
    const accounts = [];
    for (let i = 0; i < N; i++) accounts.push(await makeAccount(a.app, h, { name: `Late ${i}`, ownerUserId: csm.userId }));
    await drain();

    // The playbook started the default journey on the day the account was made; the onboarding one mailed the owner.
    for (const acc of accounts) {
      const res = await a.app.inject({ method: 'GET', url: `/api/v1/accounts/${acc.id}/journeys`, headers: h });
      const j = res.json().current as TJourney;
      expect(j).toMatchObject({ name: 'Customer365', cause: 'playbook', startedOn: START });
    }
    const firstDue = shift(START, 6);
    const onboarding = smtp.inbox.filter((m) => m.subject?.startsWith('Nieuw account'));
    expect(onboarding.map((m) => m.subject).sort()).toEqual(accounts.map((x) => `Nieuw account: ${x.name}`).sort());

    // Each day both instances queue the daily mark-late job and run it at once; nothing is late until the day after the due day.
    for (let d = 1; d <= 9; d++) {
      const today = shift(START, d);
      for (const t of [a, b]) t.clock.set(`${today}T01:30:00Z`);
      await enqueueJob(a.db, a.clock, MARK_LATE_JOB, { orgId: org.orgId }, { orgId: org.orgId, dedupeKey: `late:${today}:a` });
      await enqueueJob(b.db, b.clock, MARK_LATE_JOB, { orgId: org.orgId }, { orgId: org.orgId, dedupeKey: `late:${today}:b` });
      await drain();
      const made = await a.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.orgId, org.orgId), eq(tasks.source, 'playbook')));
      const lateTasks = made.filter((x) => x.title.startsWith('Milestone late'));
      expect(lateTasks.length, today).toBe(today > firstDue ? N : 0);
    }

    // The same causes again, from both instances at once (a redelivered event): nothing new.
    const runs = await a.db
      .select()
      .from(playbookRuns)
      .where(and(eq(playbookRuns.orgId, org.orgId), eq(playbookRuns.playbookId, late.id)));
    expect(runs).toHaveLength(N);
    const again = runs.map((r) => ({ accountId: r.accountId, causeKey: r.causeKey }));
    const [x, y] = await Promise.all([
      a.services.playbooks.evaluate(org.orgId, 'milestone_late', again),
      b.services.playbooks.evaluate(org.orgId, 'milestone_late', again),
    ]);
    expect(x.tasks + y.tasks).toBe(0);
    await drain();

    const lateTasks = (
      await a.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.orgId, org.orgId), eq(tasks.source, 'playbook')))
    ).filter((t) => t.title.startsWith('Milestone late'));
    expect(lateTasks.map((t) => [t.ownerUserId, t.dueOn])).toEqual(accounts.map(() => [csm.userId, shift(firstDue, 2)]));
    expect(new Set(lateTasks.map((t) => t.accountId)).size).toBe(N);

    // Over SMTP, once per account, in the owner's language.
    const mails = smtp.inbox.filter((m) => m.subject?.startsWith('Mijlpaal te laat'));
    expect(mails.map((m) => m.subject).sort()).toEqual(accounts.map((x) => `Mijlpaal te laat bij ${x.name}`).sort());
    expect(mails[0]?.text).toContain('Hallo Carla Success');
  });
});
