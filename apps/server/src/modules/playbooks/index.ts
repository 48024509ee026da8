// The playbooks module's public surface: other modules, app.ts, the seed and other tests import only this.
import { subscribe } from '../../platform/events.ts';
import { defineModule } from '../../platform/modules.ts';
import type { TSignalKind } from '../churn-signals/index.ts';
import { playbooksAccessFixtures, playbooksAccessMatrix } from './playbooks.access.ts';
import { playbooksDemo } from './playbooks.demo.ts';
import { playbookJobs } from './playbooks.jobs.ts';
import { playbooksMessages } from './playbooks.messages.ts';
import { playbooksPermissions } from './playbooks.permissions.ts';
import { registerPlaybookRoutes } from './playbooks.routes.ts';
import type { TTrigger } from './playbooks.schemas.ts';
import { createPlaybookService, type PlaybookService } from './playbooks.service.ts';
import { playbookRuns, playbooks } from './playbooks.table.ts';

export { makePlaybook } from './playbooks.factory.ts';
export {
  DAILY_ORG_JOB as PLAYBOOKS_DAILY_ORG_JOB,
  enqueueDailyPlaybooks,
  SIGNATURE_HEADER,
  signBody,
  WEBHOOK_JOB,
} from './playbooks.jobs.ts';
export { PRESETS } from './playbooks.presets.ts';
export { type TPlaybook, TRIGGERS, type TSignal, type TTrigger, ZPlaybook } from './playbooks.schemas.ts';
export { type PlaybookService, toPlaybookDto } from './playbooks.service.ts';
export { playbookRuns, playbooks };

/** Which playbook trigger a churn signal is (manual and no_login fire none: low activity is the daily trigger). */
const SIGNAL_TRIGGERS: Partial<Record<TSignalKind, TTrigger>> = {
  health_red: 'health_red',
  usage_drop: 'usage_dropped',
  detractor: 'detractor',
  downgrade: 'downgrade_or_cancel',
  cancel_request: 'downgrade_or_cancel',
  champion_left: 'champion_left',
};

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const playbooksModule = defineModule({
  name: 'playbooks',
  tables: { playbooks, playbookRuns },
  permissions: playbooksPermissions,
  messages: playbooksMessages,
  accessMatrix: playbooksAccessMatrix,
  accessFixtures: playbooksAccessFixtures,
  services: (ctx) => ({
    playbooks: createPlaybookService({
      ...ctx,
      publicUrl: ctx.config.publicUrl,
      accounts: ctx.services.accounts,
      tasks: ctx.services.tasks,
      journeys: ctx.services.journeys,
      journeyTemplates: ctx.services.journeyTemplates,
    }),
  }),
  routes: (app, ctx) => registerPlaybookRoutes(app, { playbooks: ctx.services.playbooks }),
  jobs: (ctx) =>
    playbookJobs({
      db: ctx.db,
      clock: ctx.clock,
      allowPrivate: ctx.config.outboundAllowPrivate,
      runDaily: (orgId) => ctx.services.playbooks.runDaily(orgId),
    }),
  // Event triggers: each event is one signal, keyed by its cause (a redelivered event fires nothing twice).
  subscribers: (ctx) => {
    const pb = () => ctx.services.playbooks;
    return [
      subscribe('account.created', 'playbooks.onAccountCreated', async (e, meta) => {
        await pb().evaluate(meta.orgId, 'account_created', [{ accountId: e.accountId, causeKey: `account:${e.accountId}` }]);
      }),
      subscribe('journey.milestone_late', 'playbooks.onMilestoneLate', async (e, meta) => {
        await pb().evaluate(meta.orgId, 'milestone_late', [{ accountId: e.accountId, causeKey: `milestone:${e.milestoneId}` }]);
      }),
      subscribe('churn_signal.raised', 'playbooks.onChurnSignal', async (e, meta) => {
        const trigger = SIGNAL_TRIGGERS[e.kind];
        if (trigger) await pb().evaluate(meta.orgId, trigger, [{ accountId: e.accountId, causeKey: `signal:${e.signalId}` }]);
      }),
      subscribe('support.request_created', 'playbooks.onSupportRequest', async (e, meta) => {
        if (!e.accountId) return;
        await pb().evaluate(meta.orgId, 'support_requests_above', [
          { accountId: e.accountId, causeKey: `support_request:${e.requestId}`, count: e.openOnAccount },
        ]);
      }),
    ];
  },
  demo: playbooksDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    playbooks: PlaybookService;
  }
}
