// The journeys module's public surface: other modules, app.ts, the seed and other tests import only this.
import { subscribe } from '../../platform/events.ts';
import { defineModule } from '../../platform/modules.ts';
import { journeysAccessFixtures, journeysAccessMatrix } from './journeys.access.ts';
import { journeysDemo } from './journeys.demo.ts';
import { journeyJobs } from './journeys.jobs.ts';
import { journeysMessages } from './journeys.messages.ts';
import { journeysPermissions } from './journeys.permissions.ts';
import { registerJourneyRoutes } from './journeys.routes.ts';
import { createJourneyService, type JourneyService, type TJourneyStart } from './journeys.service.ts';
import {
  journeyChecklistItems,
  journeyLogEntries,
  journeyMilestones,
  journeys,
  journeyTemplates,
  journeyTemplateVersions,
} from './journeys.table.ts';
import { registerJourneyTemplateRoutes } from './journeys.templates.routes.ts';
import { createJourneyTemplateService, type JourneyTemplateService } from './journeys.templates.service.ts';

export { defaultJourney } from './journeys.default.ts';
export type { TJourneyMilestoneLateEvent, TJourneyStartedEvent } from './journeys.events.ts';
export { makeJourney } from './journeys.factory.ts';
export { MARK_LATE_JOB } from './journeys.jobs.ts';
export { type TJourney, ZJourney } from './journeys.schemas.ts';
/** Playbooks start a journey for a cause inside their transaction: `services.journeys.startForCause(tx, orgId, { accountId, cause, causeKey })`. */
export type { JourneyService, JourneyTemplateService, TJourneyStart };
/** Exported for reading (a home page, a playbook's condition); only this module writes them. */
export { journeyChecklistItems, journeyMilestones, journeys };

/** How long after its day a subscription's start or renewal may be recorded and still start a journey. */
const HISTORY_DAYS = 28;
/** The subscription changes that start a journey by themselves, and as what cause. */
const STARTS = { start: 'subscription_start', reactivation: 'subscription_start', renewal: 'renewal' } as const;

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const journeysModule = defineModule({
  name: 'journeys',
  tables: { journeyTemplates, journeyTemplateVersions, journeys, journeyMilestones, journeyChecklistItems, journeyLogEntries },
  permissions: journeysPermissions,
  messages: journeysMessages,
  accessMatrix: journeysAccessMatrix,
  accessFixtures: journeysAccessFixtures,
  services: (ctx) => {
    const journeyTemplates = createJourneyTemplateService(ctx);
    return { journeyTemplates, journeys: createJourneyService({ ...ctx, accounts: ctx.services.accounts, templates: journeyTemplates }) };
  },
  routes: (app, ctx) => {
    registerJourneyRoutes(app, { journeys: ctx.services.journeys });
    registerJourneyTemplateRoutes(app, { templates: ctx.services.journeyTemplates });
  },
  jobs: (ctx) => journeyJobs({ db: ctx.db, clock: ctx.clock, journeys: ctx.services.journeys }),
  // A subscription's start or renewal starts the journeys whose templates say so (the default one does), from its
  // effective day; an account's creation those that ask for it. Imported histories (no change id) start none.
  subscribers: (ctx) => {
    const startAll = async (
      orgId: string,
      trigger: 'subscription_start' | 'renewal' | 'account_created',
      start: Omit<TJourneyStart, 'cause'>,
    ) =>
      ctx.db.transaction(async (tx) => {
        const [template] = await ctx.services.journeyTemplates.withTrigger(tx, orgId, trigger);
        if (template) await ctx.services.journeys.startForCause(tx, orgId, { ...start, cause: trigger, templateId: template.id });
      });
    return [
      subscribe('subscription.changed', 'journeys.startOnSubscription', async (e, meta) => {
        const cause = e.kind && e.kind in STARTS ? STARTS[e.kind as keyof typeof STARTS] : null;
        if (!e.changeId || !cause) return;
        // A start recorded more than four weeks after its day is history (a back-filled subscription): its journey
        // would open with its first milestones long late, so none starts; a journey can still be started by hand.
        if (Date.parse(meta.occurredAt) - Date.parse(`${e.effectiveDate}T00:00:00Z`) > HISTORY_DAYS * 86_400_000) return;
        await startAll(meta.orgId, cause, {
          accountId: e.accountId,
          causeKey: `subscription_change:${e.changeId}`,
          startedOn: e.effectiveDate,
        });
      }),
      subscribe('account.created', 'journeys.startOnAccountCreated', async (e, meta) => {
        await startAll(meta.orgId, 'account_created', {
          accountId: e.accountId,
          causeKey: `account_created:${e.accountId}`,
          startedOn: meta.occurredAt.slice(0, 10),
        });
      }),
    ];
  },
  demo: journeysDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    journeys: JourneyService;
    journeyTemplates: JourneyTemplateService;
  }
}
