// The churn-signals module's public surface: other modules, app.ts, the seed and other tests import only this.
import { subscribe } from '../../platform/events.ts';
import { defineModule } from '../../platform/modules.ts';
import { churnSignalsAccessFixtures, churnSignalsAccessMatrix } from './churn-signals.access.ts';
import { churnSignalsDemo } from './churn-signals.demo.ts';
import { churnSignalsMessages } from './churn-signals.messages.ts';
import { churnSignalsPermissions } from './churn-signals.permissions.ts';
import { registerChurnSignalRoutes } from './churn-signals.routes.ts';
import { type ChurnSignalService, createChurnSignalService } from './churn-signals.service.ts';
import { churnSignalEpisodes, churnSignalSettings, churnSignals } from './churn-signals.table.ts';
import { usageSignalJobs } from './churn-signals.usage.ts';

export type { TChurnSignalRaisedEvent } from './churn-signals.events.ts';
export { makeChurnSignal } from './churn-signals.factory.ts';
export { SIGNAL_KINDS, type TChurnSignal, type TRaiseSignal, type TSignalKind, ZChurnSignal } from './churn-signals.schemas.ts';
export { type ChurnSignalService, toChurnSignalDto } from './churn-signals.service.ts';
export { DEFAULT_USAGE_RULE, type TUsageRule, usageActivitySql } from './churn-signals.usage.repository.ts';
export { churnSignals };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const churnSignalsModule = defineModule({
  name: 'churn-signals',
  tables: { churnSignals, churnSignalSettings, churnSignalEpisodes },
  permissions: churnSignalsPermissions,
  messages: churnSignalsMessages,
  accessMatrix: churnSignalsAccessMatrix,
  accessFixtures: churnSignalsAccessFixtures,
  services: (ctx) => ({
    churnSignals: createChurnSignalService({ ...ctx, accounts: ctx.services.accounts, timeline: ctx.services.timeline }),
  }),
  routes: (app, ctx) => registerChurnSignalRoutes(app, { churnSignals: ctx.services.churnSignals }),
  // usage_drop and no_login: once a day per organisation, over the usage rollups.
  jobs: (ctx) => usageSignalJobs({ db: ctx.db, usageSignals: ctx.services.churnSignals }),
  // Signals the product raises itself. A subscription imported with its history raises none (it is the past).
  subscribers: (ctx) => [
    subscribe('subscription.changed', 'churnSignals.fromSubscription', async (e, meta) => {
      const { changeId, subscriptionId, effectiveDate, mrrBeforeCents, mrrAfterCents } = e;
      // A downgrade: a lower plan, fewer seats or a line removed that lowers the MRR (a discount is the CSM's own move).
      const shrinks = (e.kind === 'downgrade' || e.kind === 'quantity' || e.kind === 'remove_line') && mrrAfterCents < mrrBeforeCents;
      const kind = e.kind === 'cancel_request' ? 'cancel_request' : shrinks ? 'downgrade' : null;
      if (!changeId || !kind) return;
      // A signal is news: a change back-dated further than 90 days is history, not a signal. It happened on its
      // effective day (a cancel request's is the day it was asked), or when recorded if that is later.
      const recorded = new Date(meta.occurredAt);
      const happened = new Date(`${effectiveDate}T12:00:00Z`);
      if (recorded.getTime() - happened.getTime() > 90 * 86_400_000) return;
      await ctx.db.transaction((tx) =>
        ctx.services.churnSignals.raise(tx, meta.orgId, {
          accountId: e.accountId,
          kind,
          occurredAt: happened < recorded ? happened : recorded,
          details: { subscriptionId, effectiveDate, mrrBeforeCents, mrrAfterCents },
          sourceRef: `subscription_change:${changeId}`,
        }),
      );
    }),
    subscribe('contact.left', 'churnSignals.championLeft', async (e, meta) => {
      if (!e.roles.includes('champion')) return;
      await ctx.db.transaction((tx) =>
        ctx.services.churnSignals.raise(tx, meta.orgId, {
          accountId: e.accountId,
          kind: 'champion_left',
          occurredAt: new Date(meta.occurredAt),
          details: { contactId: e.contactId, contactName: e.name, leftOn: e.leftOn },
          sourceRef: `contact_left:${e.contactId}:${e.leftOn}`,
        }),
      );
    }),
  ],
  demo: churnSignalsDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    churnSignals: ChurnSignalService;
  }
}
