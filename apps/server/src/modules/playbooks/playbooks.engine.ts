import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueJob } from '../../platform/jobs/queue.ts';
import { enqueueEmails, type TOutgoingEmail } from '../../platform/mail/outbox.ts';
import type { AccountService } from '../accounts/index.ts';
import type { JourneyService } from '../journeys/index.ts';
import type { TaskService } from '../tasks/index.ts';
import { renderPlaybookEmail } from './playbooks.emails.ts';
import {
  accountsWithRunningJourney,
  contactsOf,
  firstUserWithRole,
  insertRuns,
  setRunOutcomes,
  type TFiredRun,
} from './playbooks.evaluate.repository.ts';
import { WEBHOOK_JOB } from './playbooks.jobs.ts';
import type { TPlaybookRow } from './playbooks.repository.ts';
import type { TAction, TCondition, TSignal, TTrigger } from './playbooks.schemas.ts';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface TEngineDeps {
  clock: Clock;
  publicUrl: string;
  tasks: TaskService;
  journeys: JourneyService;
  accounts: AccountService;
}

/**
 * Fires one playbook for a batch of signals in the caller's transaction: the run-log insert decides which
 * (account, cause) are new (the unique key, so a second delivery or a second worker fires nothing), then each
 * action runs once over those runs, set-based where the action allows (tasks, e-mails, fields: one statement per
 * batch). A task's source key is its run's, so it too is made once.
 */
export async function firePlaybook(tx: Db, deps: TEngineDeps, orgId: string, pb: TPlaybookRow, signals: readonly TSignal[]) {
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const actions = pb.actions as TAction[];
  // What a run does when every action finds its people (the usual case), logged with the run; only the runs that
  // did otherwise (no owner, several contacts, a journey already running) are updated afterwards.
  const predicted: Record<string, number> = {};
  for (const a of actions) {
    const key = a.type === 'set_field' ? 'field' : a.type;
    if (a.type !== 'email' || a.to === 'owner') predicted[key] = (predicted[key] ?? 0) + 1;
  }
  const runs = await insertRuns(
    tx,
    orgId,
    {
      id: pb.id,
      trigger: pb.trigger as TTrigger,
      conditions: pb.conditions as TCondition[],
      actionTypes: actions.map((a) => a.type),
      outcome: predicted,
    },
    signals.map((s) => ({ ...s, id: newId() })),
    now,
  );
  if (!runs.length) return { fired: 0, tasks: 0 };
  const outcome = new Map<string, Record<string, number>>(runs.map((r) => [r.run_id, {}]));
  const count = (runId: string, key: string, n = 1) => {
    const o = outcome.get(runId);
    if (o) o[key] = (o[key] ?? 0) + n;
  };
  const link = (r: TFiredRun) => `${deps.publicUrl}/accounts/${r.account_id}`;
  let tasks = 0;

  for (const [i, action] of actions.entries()) {
    if (action.type === 'task') {
      const roleUser = action.assignee === 'owner' ? null : await firstUserWithRole(tx, orgId, action.assignee);
      const rows = runs.flatMap((r) => {
        const owner = action.assignee === 'owner' ? r.owner_user_id : roleUser;
        if (!owner) return [];
        count(r.run_id, 'task');
        return [
          {
            accountId: r.account_id,
            ownerUserId: owner,
            title: action.title,
            notes: action.notes ?? null,
            dueOn: addDays(today, action.dueInDays),
            priority: action.priority,
            source: 'playbook',
            sourceKey: `playbook:${pb.id}:${r.account_id}:${r.cause_key}:${i}`,
          },
        ];
      });
      tasks += await deps.tasks.createManyForCause(tx, orgId, rows);
    } else if (action.type === 'email') {
      const mails: TOutgoingEmail[] = [];
      if (action.to === 'owner') {
        for (const r of runs) {
          if (!r.owner_email) continue;
          count(r.run_id, 'email');
          const facts = { account: r.account_name, name: r.owner_name ?? '', link: link(r) };
          mails.push({ orgId, to: r.owner_email, ...renderPlaybookEmail(action.subject, action.body, r.owner_language, facts) });
        }
      } else {
        const byAccount = new Map(runs.map((r) => [r.account_id, r]));
        for (const c of await contactsOf(tx, orgId, [...byAccount.keys()], action.to === 'champions')) {
          const r = byAccount.get(c.account_id);
          if (!r) continue;
          count(r.run_id, 'email');
          const facts = { account: r.account_name, name: c.first_name, link: '' };
          mails.push({ orgId, to: c.email, ...renderPlaybookEmail(action.subject, action.body, c.language ?? r.owner_language, facts) });
        }
      }
      await enqueueEmails(tx, deps.clock, mails);
    } else if (action.type === 'journey') {
      const running = await accountsWithRunningJourney(
        tx,
        orgId,
        runs.map((r) => r.account_id),
      );
      for (const r of runs) {
        if (running.has(r.account_id)) continue;
        const started = await deps.journeys.startForCause(tx, orgId, {
          accountId: r.account_id,
          cause: 'playbook',
          causeKey: `playbook:${pb.id}:${r.account_id}:${r.cause_key}`,
          templateId: action.templateId ?? undefined,
        });
        if (started) count(r.run_id, 'journey');
      }
    } else if (action.type === 'set_field') {
      await deps.accounts.setFieldForCause(
        tx,
        orgId,
        runs.map((r) => r.account_id),
        action.field,
        action.value,
        `playbook:${pb.id}`,
      );
      for (const r of runs) count(r.run_id, 'field');
    } else if (action.type === 'webhook') {
      for (const r of runs) {
        const body = {
          playbookId: pb.id,
          playbook: pb.name,
          trigger: pb.trigger,
          runId: r.run_id,
          cause: r.cause_key,
          firedAt: now.toISOString(),
          account: { id: r.account_id, name: r.account_name },
        };
        await enqueueJob(
          tx,
          deps.clock,
          WEBHOOK_JOB,
          { orgId, playbookId: pb.id, runId: r.run_id, url: action.url, body },
          {
            orgId,
            dedupeKey: `${WEBHOOK_JOB}:${r.run_id}:${i}`,
            maxAttempts: 8,
          },
        );
        count(r.run_id, 'webhook');
      }
    }
  }
  const expected = JSON.stringify(predicted);
  await setRunOutcomes(
    tx,
    orgId,
    [...outcome].filter(([, o]) => JSON.stringify(o) !== expected).map(([id, o]) => ({ id, outcome: o })),
  );
  return { fired: runs.length, tasks };
}
