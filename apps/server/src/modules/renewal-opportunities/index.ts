// The renewal-opportunities module's public surface: other modules, app.ts, the seed and other tests import only this.
//
// Hooks for a later quotes module (issue 9, items 3–5):
// - `services.renewalOpportunities.recordQuoteOutcome(orgId, renewalId, { status, outcome?, reason? }, actor?, tx?)`:
//   `sent` → stage quote_sent, `accepted` → quote_accepted, `declined` → back to negotiating; an `outcome`
//   (renewed, downgraded, churned) closes the renewal with `reason`. Pass the quote's transaction as `tx` so the
//   quote and the renewal change commit together; it writes the audit entry, the timeline entry and
//   `renewal.stage_changed` like a person's move.
// - `services.renewalOpportunities.get(actor, id)`: the renewal (account, subscription, term, target in its currency)
//   a quote starts from; `renewalOpportunities` (the table) may be joined for reading.
// - events `renewal.opened` and `renewal.stage_changed` (renewal-opportunities.events.ts) for playbooks and win-back.
import { subscribe } from '../../platform/events.ts';
import { defineModule } from '../../platform/modules.ts';
import { renewalOpportunitiesAccessFixtures, renewalOpportunitiesAccessMatrix } from './renewal-opportunities.access.ts';
import { createRenewalDaily } from './renewal-opportunities.daily.ts';
import { renewalOpportunitiesDemo } from './renewal-opportunities.demo.ts';
import { renewalJobs } from './renewal-opportunities.jobs.ts';
import { renewalOpportunitiesMessages } from './renewal-opportunities.messages.ts';
import { renewalOpportunitiesPermissions } from './renewal-opportunities.permissions.ts';
import { registerRenewalOpportunityRoutes } from './renewal-opportunities.routes.ts';
import { createRenewalOpportunityService, type RenewalOpportunityService } from './renewal-opportunities.service.ts';
import {
  renewalCustomerEmails,
  renewalEmailTemplates,
  renewalOpportunities,
  renewalReminders,
  renewalSettings,
} from './renewal-opportunities.table.ts';
import { createRenewalEmailTemplateService } from './renewal-opportunities.templates.ts';

export type { TRenewalOpenedEvent, TRenewalStageChangedEvent } from './renewal-opportunities.events.ts';
export { makeRenewalOpportunity } from './renewal-opportunities.factory.ts';
export { DAILY_ORG_JOB, enqueueDailyRun } from './renewal-opportunities.jobs.ts';
export { type TQuoteOutcome, type TRenewalOpportunity, ZRenewalOpportunity } from './renewal-opportunities.schemas.ts';
export { type RenewalOpportunityService, toRenewalOpportunityDto } from './renewal-opportunities.service.ts';
/** Exported for reading (a quotes module, reports); only this module writes them. */
export { renewalCustomerEmails, renewalOpportunities, renewalReminders, renewalSettings };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const renewalOpportunitiesModule = defineModule({
  name: 'renewal-opportunities',
  tables: { renewalOpportunities, renewalSettings, renewalReminders, renewalCustomerEmails, renewalEmailTemplates },
  permissions: renewalOpportunitiesPermissions,
  messages: renewalOpportunitiesMessages,
  accessMatrix: renewalOpportunitiesAccessMatrix,
  accessFixtures: renewalOpportunitiesAccessFixtures,
  services: (ctx) => {
    const renewalOpportunities = createRenewalOpportunityService({
      db: ctx.db,
      clock: ctx.clock,
      events: ctx.events,
      accounts: ctx.services.accounts,
      timeline: ctx.services.timeline,
    });
    const runDaily = createRenewalDaily({
      db: ctx.db,
      clock: ctx.clock,
      events: ctx.events,
      timeline: ctx.services.timeline,
      notifications: ctx.services.notifications,
      publicUrl: ctx.config.publicUrl,
      settingsOf: renewalOpportunities.settingsOf,
      closeFinished: renewalOpportunities.closeFinished,
    });
    const templates = createRenewalEmailTemplateService({ db: ctx.db, clock: ctx.clock });
    return { renewalOpportunities: { ...renewalOpportunities, ...templates, runDaily } };
  },
  routes: (app, ctx) => registerRenewalOpportunityRoutes(app, { renewalOpportunities: ctx.services.renewalOpportunities }),
  jobs: (ctx) => renewalJobs({ db: ctx.db, clock: ctx.clock, runDaily: ctx.services.renewalOpportunities.runDaily }),
  demo: renewalOpportunitiesDemo,
  // A renewal recorded in subscriptions (its next term), or a cancellation, closes the open renewal at once; the
  // daily run catches the rest (terms rolled over, grace periods passed).
  subscribers: (ctx) => [
    subscribe('subscription.changed', 'renewalOpportunities.closeOnSubscription', (e, meta) =>
      ctx.db.transaction(async (tx) => {
        await ctx.services.renewalOpportunities.closeFinished(tx, meta.orgId, e.subscriptionId);
      }),
    ),
  ],
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    renewalOpportunities: RenewalOpportunityService &
      ReturnType<typeof createRenewalEmailTemplateService> & { runDaily: ReturnType<typeof createRenewalDaily> };
  }
}
