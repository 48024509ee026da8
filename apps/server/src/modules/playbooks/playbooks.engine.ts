import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { enqueueJobsFrom } from '../../platform/jobs/queue.ts';
import { enqueueEmailsFrom } from '../../platform/mail/outbox.ts';
import type { AccountService } from '../accounts/index.ts';
import type { JourneyService } from '../journeys/index.ts';
import type { TaskService } from '../tasks/index.ts';
import { emailTemplate } from './playbooks.emails.ts';
import {
  accountsWithRunningJourney,
  emailRowsSql,
  firstUserWithRole,
  insertRuns,
  lessInOutcome,
  type TOutcomeAction,
  taskRowsSql,
  webhookJobRowsSql,
} from './playbooks.evaluate.repository.ts';
import { WEBHOOK_ATTEMPTS, WEBHOOK_JOB } from './playbooks.jobs.ts';
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
 * (account, cause) are new (the unique key, so a second delivery or a second worker fires nothing) and logs what
 * each run's actions will do; then each action runs once over those runs, set-based: a task or e-mail action is one
 * INSERT … SELECT over the batch's runs (the tasks unique per cause by their source key), a field one UPDATE, a
 * webhook one INSERT … SELECT of its delivery jobs.
 */
export async function firePlaybook(tx: Db, deps: TEngineDeps, orgId: string, pb: TPlaybookRow, signals: readonly TSignal[]) {
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const actions = pb.actions as TAction[];
  // A task for a role goes to the organisation's first active person with that role (none: no task).
  const roleUsers = new Map<string, string | null>();
  for (const a of actions)
    if (a.type === 'task' && a.assignee !== 'owner' && !roleUsers.has(a.assignee))
      roleUsers.set(a.assignee, await firstUserWithRole(tx, orgId, a.assignee));
  const runs = await insertRuns(
    tx,
    orgId,
    {
      id: pb.id,
      trigger: pb.trigger as TTrigger,
      conditions: pb.conditions as TCondition[],
      actions: actions.map((a): TOutcomeAction => {
        if (a.type === 'task') return { type: 'task', assignee: a.assignee, roleUser: roleUsers.get(a.assignee) ?? null };
        if (a.type === 'email') return { type: 'email', to: a.to };
        return { type: a.type };
      }),
    },
    signals,
    now,
  );
  if (!runs.length) return { fired: 0, tasks: 0 };
  const runIds = runs.map((r) => r.run_id);
  let tasks = 0;

  for (const [i, action] of actions.entries()) {
    if (action.type === 'task') {
      const assignee = action.assignee === 'owner' ? null : (roleUsers.get(action.assignee) ?? null);
      if (action.assignee !== 'owner' && !assignee) continue;
      tasks += await deps.tasks.createFromSelect(
        tx,
        orgId,
        {
          title: action.title,
          notes: action.notes ?? null,
          dueOn: addDays(today, action.dueInDays),
          priority: action.priority,
          source: 'playbook',
        },
        taskRowsSql(orgId, pb.id, runIds, i, assignee),
      );
    } else if (action.type === 'email') {
      const rows = emailRowsSql(orgId, runIds, action.to, emailTemplate(action.subject, action.body), deps.publicUrl);
      await enqueueEmailsFrom(tx, deps.clock, orgId, 'playbook', rows);
    } else if (action.type === 'journey') {
      const running = await accountsWithRunningJourney(
        tx,
        orgId,
        runs.map((r) => r.account_id),
      );
      const notStarted: string[] = [];
      for (const r of runs) {
        const started =
          !running.has(r.account_id) &&
          (await deps.journeys.startForCause(tx, orgId, {
            accountId: r.account_id,
            cause: 'playbook',
            causeKey: `playbook:${pb.id}:${r.account_id}:${r.cause_key}`,
            templateId: action.templateId ?? undefined,
          }));
        if (!started) notStarted.push(r.run_id);
      }
      await lessInOutcome(tx, orgId, notStarted, 'journey');
    } else if (action.type === 'set_field') {
      await deps.accounts.setFieldForCause(
        tx,
        orgId,
        runs.map((r) => r.account_id),
        action.field,
        action.value,
        `playbook:${pb.id}`,
      );
    } else if (action.type === 'webhook') {
      // One signed POST per run, each its own job (retried by the queue, its outcome in the run's log), all queued by one statement.
      const hook = {
        playbookId: pb.id,
        playbook: pb.name,
        trigger: pb.trigger,
        url: action.url,
        firedAt: now.toISOString(),
        keyPrefix: `${WEBHOOK_JOB}:`,
        action: i,
      };
      await enqueueJobsFrom(tx, deps.clock, WEBHOOK_JOB, webhookJobRowsSql(orgId, runIds, hook), { orgId, maxAttempts: WEBHOOK_ATTEMPTS });
    }
  }
  return { fired: runs.length, tasks };
}
